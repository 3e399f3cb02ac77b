/**
 * The scenario FILE format (DESIGN.md "Scenario file"), as written by users: durations and sizes
 * still carry their units, platform fields are optional (presets in `models/` fill them).
 * Objects are strict, so a misspelt key is an error rather than a silently ignored setting.
 *
 * This module holds the parts every scenario shares (traffic, requests, objectives, billing)
 * and the pieces platform schemas are built from (durations, distributions, names, regions,
 * commitments). Each platform object's own schema lives in its folder
 * (src/platforms/<model>/schema.ts); the registry (src/platforms/registry.ts) joins them into
 * the `platforms` union and calls `scenarioFileSchemaFor`. This module names no platform.
 *
 * Every leaf says in words what it accepts (`.describe`), which serves twice: as the
 * "allowed" part of error messages (see zod-issues.ts) and as the description editors show
 * from the published JSON Schema. Unit conversion and cross-field rules come later (resolve.ts
 * and each platform's resolve.ts), so that this schema stays representable as JSON Schema.
 */
import { z } from 'zod';
import { DEFAULT_START } from './default-start.js';
import {
  BYTES_ALLOWED,
  BYTES_PATTERN,
  DURATION_ALLOWED,
  DURATION_PATTERN,
  MEMORY_ALLOWED,
  MEMORY_PATTERN,
} from './units.js';

/** A union whose parts all report the same "allowed" text, whichever part got closest. */
function unitSchema(pattern: string, allowed: string, minimum: number) {
  return z
    .union(
      [
        z.number({ error: allowed }).min(minimum, { error: allowed }),
        z.string({ error: allowed }).regex(new RegExp(pattern), { error: allowed }),
      ],
      { error: allowed },
    )
    .describe(allowed);
}

export const durationSchema = unitSchema(DURATION_PATTERN, DURATION_ALLOWED, 0);
export const memorySchema = unitSchema(MEMORY_PATTERN, MEMORY_ALLOWED, 0);
export const bytesSchema = unitSchema(BYTES_PATTERN, BYTES_ALLOWED, 0);

// Above 100 the lognormal's sigma^2 = ln(1 + cv^2) and the gamma's shape 1 / cv^2 leave what
// float64 sampling can do (a cv of 1e200 gave NaN draws); real service times stay below 10.
const cvSchema = z.number().min(0).max(100).describe('a coefficient of variation: a number from 0 to 100 (standard deviation / mean)');

/**
 * A distribution of durations (seconds) or of bytes: a plain value is a constant, an object
 * names its `dist`.
 */
function distSchema(quantity: typeof durationSchema, what: string) {
  const object = z.discriminatedUnion(
    'dist',
    [
      z.strictObject({ dist: z.literal('constant'), value: quantity }),
      z.strictObject({ dist: z.literal('exponential'), mean: quantity }),
      z.strictObject({ dist: z.literal('lognormal'), mean: quantity, cv: cvSchema }),
      z.strictObject({ dist: z.literal('gamma'), mean: quantity, cv: cvSchema }),
      z.strictObject({ dist: z.literal('uniform'), min: quantity, max: quantity }),
      z.strictObject({
        dist: z.literal('pareto'),
        shape: z.number().gt(0).describe('the Pareto shape alpha: a number > 1 (the mean is infinite otherwise)'),
        scale: quantity.optional().describe('the minimum value x_m (give scale or mean, not both)'),
        mean: quantity.optional().describe('the mean, alpha x_m / (alpha - 1) (give scale or mean, not both; needs shape > 1)'),
      }),
      z.strictObject({
        dist: z.literal('empirical'),
        values: z.array(quantity).min(1).describe('observed values to resample: a non-empty array'),
      }),
    ],
  ).describe(DIST_ALLOWED);
  const allowed = `${what}: a plain value (a constant) or ${DIST_ALLOWED}`;
  return z.union([quantity, object], { error: allowed }).describe(allowed);
}

const DIST_ALLOWED =
  'an object {"dist": "constant" | "exponential" | "lognormal" | "gamma" | "uniform" | "pareto" | "empirical", ...}';

export const durationDistSchema = distSchema(durationSchema, 'a distribution of durations');
export const bytesDistSchema = distSchema(bytesSchema, 'a distribution of sizes in bytes');

// ---------------------------------------------------------------------------------- traffic

const rpsSchema = z.number().min(0).describe('requests per second: a number >= 0');

/** The file form of a traffic spec, written out because `sum` makes it recursive. */
export type TrafficInput =
  | { type: 'poisson'; rps: number }
  | { type: 'diurnal'; meanRps: number; peakToTrough: number; peakHour: number; weekendFactor?: number | undefined }
  | {
      type: 'piecewise';
      points: [number | string, number][];
      interpolation?: 'step' | 'linear' | undefined;
      repeat?: number | string | null | undefined;
      scale?: number | undefined;
    }
  | { type: 'sum'; components: TrafficInput[]; scale?: number | undefined }
  | {
      type: 'mmpp';
      states: { rps: number; meanHolding: number | string }[];
      start?: number | undefined;
      transitions?: number[][] | undefined;
      scale?: number | undefined;
    }
  | {
      type: 'trace';
      file: string;
      format: 'timestamps' | 'per-minute' | 'azure-functions';
      column?: string | undefined;
      function?: string | undefined;
      timeScale?: number | undefined;
      scale?: number | undefined;
    };

const poissonSchema = z.strictObject({ type: z.literal('poisson'), rps: rpsSchema });

const diurnalSchema = z.strictObject({
  type: z.literal('diurnal'),
  meanRps: rpsSchema.describe('mean requests per second over a weekday: a number >= 0'),
  peakToTrough: z.number().min(1).describe('ratio of the peak rate to the trough rate within a day: a number >= 1'),
  peakHour: z.number().min(0).lt(24).describe('hour of the daily peak, UTC: a number from 0 to below 24'),
  weekendFactor: z
    .number()
    .min(0)
    .describe('Saturday and Sunday rates are multiplied by this: a number >= 0 (default 1)')
    .default(1),
});

/** A traffic's multiplier: the one number that scales a profile with no rate field of its own. */
const scaleSchema = (what: string) =>
  // Described before the default, as every bounded number with a default here: an error names
  // the number's own description (zod reports the inner schema), not "at least 0 (exclusive)".
  z.number().gt(0).describe(`multiplies ${what}: a number > 0 (default 1); what \`sim breakeven --vary traffic.scale\` varies`).default(1);

const piecewiseSchema = z.strictObject({
  type: z.literal('piecewise'),
  points: z
    .array(
      z.tuple([durationSchema, rpsSchema], { error: 'a pair [time, rps]: a duration and a number >= 0' }),
      { error: 'an array of [time, rps] pairs' },
    )
    .min(1, { error: 'a non-empty array of [time, rps] pairs, the first at time 0' })
    .describe('[time, rps] pairs: times strictly increasing, the first at 0'),
  interpolation: z
    .enum(['step', 'linear'])
    .default('step')
    .describe('"step" holds each rate until the next point, "linear" interpolates (default "step")'),
  repeat: durationSchema
    .nullable()
    .optional()
    .describe('period after which the pattern repeats (at least the last point time); omitted or null: the last rate holds'),
  scale: scaleSchema('every rate of the points'),
});

const sumSchema = z.strictObject({
  type: z.literal('sum'),
  components: z
    .array(z.lazy((): z.ZodType<TrafficInput, unknown> => trafficSchema))
    .min(1)
    .describe('traffic specs whose rates add up: a non-empty array'),
  scale: scaleSchema('the rate of every component (a trace\'s requests per minute)'),
});

export const MAX_MMPP_STATES = 256;

const mmppSchema = z.strictObject({
  type: z.literal('mmpp'),
  states: z
    .array(
      z.strictObject({
        rps: rpsSchema.describe('requests per second while in this state: a number >= 0'),
        meanHolding: durationSchema.describe(
          `mean time of one visit to this state (exponentially distributed): ${DURATION_ALLOWED}, > 0`,
        ),
      }),
    )
    .min(2, { error: 'at least two states {rps, meanHolding} (one state is {"type": "poisson"})' })
    // The transition matrix and its solution grow as the square of the count (3,000 states took
    // 1.2 GB and the stationary solve grows as the cube): 256 states is far past any burst model.
    .max(MAX_MMPP_STATES, { error: `at most ${MAX_MMPP_STATES} states (memory grows as the square of the count)` })
    .describe(`the states {rps, meanHolding} the process moves between: from 2 to ${MAX_MMPP_STATES}`),
  start: z
    .number()
    .int()
    .min(0)
    .describe('index of the state at time 0: an integer >= 0 (default: drawn from the long-run time fractions)')
    .optional(),
  transitions: z
    .array(z.array(z.number().min(0).max(1).describe('a probability: a number from 0 to 1')))
    .describe(
      'transitions[i][j]: probability that leaving state i goes to state j: one row per state, zero diagonal, rows summing to 1 (default: uniform over the other states)',
    )
    .optional(),
  scale: scaleSchema("every state's rps"),
});

const traceSchema = z.strictObject({
  type: z.literal('trace'),
  file: z.string().min(1).describe('the trace CSV file: a path relative to the scenario file'),
  format: z
    .enum(['timestamps', 'per-minute', 'azure-functions'])
    .describe(
      '"timestamps" (one request per row), "per-minute" (columns minute and count) or "azure-functions" (the Azure Functions 2019 invocations_per_function layout)',
    ),
  column: z
    .string()
    .min(1)
    .describe('timestamps: the column of times (default the first); per-minute: the column of counts (default "count")')
    .optional(),
  function: z
    .string()
    .min(1)
    .describe('azure-functions: the HashFunction of the row to replay, or "sum" to add all rows (default the first row)')
    .optional(),
  timeScale: z
    .number()
    .gt(0)
    .describe('simulated time = trace time x timeScale: a number > 0 (2 replays at half the rate over twice the time; default 1)')
    .default(1),
  scale: scaleSchema(
    'the requests of every trace minute (below 1 each logged request is kept with that probability; above 1 every one is kept and the added requests of a minute arrive uniformly within it)',
  ),
});

export const trafficSchema = z
  .discriminatedUnion('type', [poissonSchema, diurnalSchema, piecewiseSchema, sumSchema, mmppSchema, traceSchema])
  .describe('an object {"type": "poisson" | "diurnal" | "piecewise" | "sum" | "mmpp" | "trace", ...}');

// --------------------------------------------------------------------------------- requests

export const requestsSchema = z.strictObject({
  cpu: durationDistSchema.describe('vCPU-seconds of work per request: a duration or a distribution of durations'),
  io: durationDistSchema
    .default(0)
    .describe('seconds of waiting without CPU after the CPU phase: a duration or a distribution (default 0)'),
  responseBytes: bytesDistSchema
    .default(0)
    .describe('bytes sent back per response: a size or a distribution of sizes (default 0)'),
  requestBytes: bytesDistSchema
    .default(0)
    .describe('bytes of each request (headers and body; billed as a load balancer\'s inbound data processing): a size or a distribution of sizes (default 0)'),
});

// -------------------------------------------------------------------------------- platforms

/** Platform names address platforms in `--set <name>.<field>=<value>`, hence no dots. */
export const PLATFORM_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]*$';
export const platformNameSchema = z
  .string()
  .regex(new RegExp(PLATFORM_NAME_PATTERN))
  .describe('a unique name of letters, digits, "-" and "_", starting with a letter or digit (used by --set <name>.<field>=<value>)');

/** A spend-based committed use discount of a platform (src/billing/commitment.ts). */
export const commitmentSchema = z
  .strictObject({
    term: z.enum(['1y', '3y']).describe('commitment term: "1y" or "3y"'),
    hourlyUsd: z.number().min(0).describe('USD of on-demand-equivalent spend committed per hour: a number >= 0'),
  })
  .describe(
    'a spend-based committed use discount {"term": "1y" | "3y", "hourlyUsd": number >= 0}: each hour costs hourlyUsd x (1 - discount), usage above it is billed on demand; Cloud Run request-based 17 %, Cloud Run instance-based and Compute Engine Compute flexible CUDs 28 % (1y) / 46 % (3y)',
  );

export const regionSchema = z.string().min(1).describe('a Google Cloud region, e.g. "us-central1"');
export const positiveInt = (text: string) => z.number().int().min(1).describe(`${text}: an integer >= 1`);
export const utilization = (text: string) => z.number().gt(0).max(1).describe(`${text}: a number > 0 and <= 1`);

// ------------------------------------------------------------------------------ objectives

const latencyObjective = (what: string) =>
  durationSchema.describe(`the ${what} latency must not exceed this: ${DURATION_ALLOWED}`).optional();

/**
 * Service objectives, the same ones as `sim optimize --slo` (src/experiment/slo.ts): latency
 * quantiles (inclusive bounds) and the share of requests served. A platform that serves less
 * than `served` is overloaded; one that keeps up but misses a latency bound misses its SLO.
 */
export const sloSchema = z
  .strictObject({
    served: z
      .number()
      .gt(0)
      .max(1)
      .describe('the share of arriving requests that must complete (not rejected, timed out, failed or left waiting): a number > 0 and <= 1 (default 0.999)')
      .default(0.999),
    latencyMean: latencyObjective('mean'),
    latencyP50: latencyObjective('median (p50)'),
    latencyP90: latencyObjective('p90'),
    latencyP95: latencyObjective('p95'),
    latencyP99: latencyObjective('p99'),
    latencyP999: latencyObjective('p99.9'),
  })
  .describe('service objectives: {"served": 0.999, "latencyP99": "500ms", ...} (default: served >= 99.9 %, no latency bound)');

// --------------------------------------------------------------------------------- scenario

export { DEFAULT_START };
const START_ALLOWED = 'an ISO 8601 UTC timestamp with seconds and a zone, such as "2026-01-05T00:00:00Z"';

/**
 * The file form of one platform object as the scenario layer sees it: a `name` and a `model`
 * (the registry's discriminated union of every platform's own schema gives the rest).
 */
export type PlatformFile = { name: string; model: string } & Record<string, unknown>;

/**
 * The scenario file schema around `platform`, the schema of one platform object: the
 * registry's union of every platform folder's schema (src/platforms/registry.ts). A function
 * so that this module names no platform (a test registry builds its own).
 */
export function scenarioFileSchemaFor<P extends z.ZodType<PlatformFile, unknown>>(platform: P) {
  return z
    .strictObject({
      $schema: z.string().optional().describe('path or URL of this JSON Schema, for editors'),
      name: z.string().min(1).describe('the scenario name: a non-empty string'),
      description: z.string().optional().describe('free text: what the scenario models and why'),
      start: z.iso
        .datetime({ offset: true, error: START_ALLOWED })
        .optional()
        .describe(`simulated time 0: ${START_ALLOWED} (default: the first request's whole second for a trace of ISO times, else ${DEFAULT_START}, a Monday)`),
      duration: durationSchema
        .optional()
        .describe(`simulated time: ${DURATION_ALLOWED} (required, except for trace traffic, which gives the span of its requests by default)`),
      warmup: durationSchema
        .default(0)
        .describe(`latencies count from this time on: ${DURATION_ALLOWED}, below duration (default 0)`),
      traffic: trafficSchema,
      requests: requestsSchema,
      slo: sloSchema.default({ served: 0.999 }),
      platforms: z
        .array(platform)
        .min(1)
        .describe('the platforms to simulate side by side: a non-empty array, each with a unique name'),
      billing: z
        .strictObject({
          freeTier: z
            .boolean()
            .default(false)
            .describe('apply the monthly free tiers (Cloud Run, one e2-micro, 30 GB-months pd-standard, 1 GiB egress), each platform as its own billing account: true or false (default false; sim run --free-tier)'),
        })
        .default({ freeTier: false })
        .describe('billing-account settings: {"freeTier": boolean} (default {"freeTier": false})'),
    })
    .describe('A scalesim scenario: traffic, request profile and the platforms to compare.');
}

export type ScenarioFile = z.output<ReturnType<typeof scenarioFileSchemaFor<z.ZodType<PlatformFile, unknown>>>>;
export type DistFile = z.output<typeof durationDistSchema>;
export type TrafficFile = z.output<typeof trafficSchema>;
