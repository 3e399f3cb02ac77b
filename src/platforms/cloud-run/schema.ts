/**
 * A Cloud Run platform object in the scenario FILE format: every field but `name` and `model`
 * optional (models/cloud-run.json fills them, presets.ts), units still attached. Strict, so a
 * misspelt key is an error. Each leaf `.describe`s what it accepts: the "allowed" part of error
 * messages and the description in the JSON Schema.
 */
import { z } from 'zod';
import { serverFields } from '../server/schema.js';
import {
  commitmentSchema,
  durationDistSchema,
  durationSchema,
  memorySchema,
  platformNameSchema,
  positiveInt,
  regionSchema,
  utilization,
} from '../../scenario/schema.js';
import { DURATION_ALLOWED } from '../../scenario/units.js';

export const cloudRunSchema = z.strictObject({
  name: platformNameSchema,
  model: z.literal('cloud-run'),
  region: regionSchema.optional(),
  cpu: z.number().min(0.08).max(8).describe('vCPU per instance: a number from 0.08 to 1, or 2, 4, 6 or 8').optional(),
  memory: memorySchema.optional(),
  concurrency: z.number().int().min(1).max(1000).describe('max concurrent requests per instance: an integer from 1 to 1000').optional(),
  workers: positiveInt('server processes per instance (default: one per vCPU)').optional(),
  ...serverFields,
  coldStart: durationDistSchema.optional(),
  minInstances: z.number().int().min(0).describe('instances kept even when idle: an integer >= 0').optional(),
  maxInstances: positiveInt('upper bound on instances').optional(),
  autoscaler: z.enum(['cloud-run', 'scale-per-request', 'knative']).optional(),
  routing: z.enum(['least-loaded', 'random', 'round-robin', 'newest', 'cpu-aware']).optional(),
  targetConcurrencyUtilization: utilization('target mean concurrency as a fraction of concurrency').optional(),
  targetCpuUtilization: utilization('target mean CPU utilisation').optional(),
  metricWindow: durationSchema.optional(),
  evaluationInterval: durationSchema.optional(),
  scaleInDelay: durationSchema.optional(),
  maxIdle: durationSchema.optional(),
  keepAlive: durationSchema.optional(),
  knative: z
    .strictObject({
      targetUtilization: utilization('target concurrency as a fraction of concurrency').optional(),
      stableWindow: durationSchema.optional(),
      panicWindowPercentage: z.number().gt(0).max(100).describe('panic window as a percentage of the stable window: a number > 0 and <= 100').optional(),
      panicThreshold: z.number().gt(1).describe('panic when the panic-window need reaches this multiple of ready instances: a number > 1').optional(),
      maxScaleUpRate: z.number().gt(1).describe('at most this multiple of ready instances per decision: a number > 1').optional(),
      maxScaleDownRate: z.number().gt(1).describe('at least ready / this per decision: a number > 1').optional(),
      scaleToZeroGracePeriod: durationSchema.optional(),
      scaleToZeroPodRetention: durationSchema.optional(),
      initialScale: z.number().int().min(0).describe('instances at time 0 (initial-scale): an integer >= 0').optional(),
      activationScale: z.number().int().min(1).describe('at least this many instances when scaling from zero (activation-scale): an integer >= 1').optional(),
      tickInterval: durationSchema.optional(),
    })
    .optional(),
  startupCpuBoost: z.boolean().optional(),
  coldStartCpuFraction: z.number().min(0).max(1).describe('share of the cold start that is CPU work: a number from 0 to 1').optional(),
  pendingTimeout: durationSchema
    .nullable()
    .describe(`${DURATION_ALLOWED}; or null for max(10 s, 3.5 x mean start-up)`)
    .optional(),
  shutdownGrace: durationSchema.optional(),
  shutdown: durationDistSchema
    .describe('time from SIGTERM until the process exits (capped by shutdownGrace, billed under request-based billing): a duration or a distribution of durations')
    .optional(),
  requestTimeout: durationSchema.optional(),
  billing: z.enum(['request', 'instance']).optional(),
  roundingScope: z
    .enum(['stretch', 'instance', 'none'])
    .describe('what billable time is rounded up over: "stretch" (each billable stretch of an instance), "instance" (an instance\'s billable time per roundingInterval) or "none"')
    .optional(),
  roundingGranularity: durationSchema.optional(),
  roundingInterval: durationSchema.optional(),
  idleRetention: durationSchema.optional(),
  lowCountInstances: z
    .number()
    .int()
    .min(0)
    .describe('below this many instances the scaling targets are lowCountUtilization (Google: thresholds are higher at lower instance counts): an integer >= 0')
    .optional(),
  lowCountUtilization: utilization('target utilisation below lowCountInstances instances').optional(),
  frontEndLatency: durationDistSchema
    .describe('latency the Google Front End and Cloud Run\'s serving path add to every response (not billed): a duration or a distribution of durations')
    .optional(),
  startupProbe: z
    .enum(['tcp', 'http'])
    .describe('startup probe: "tcp" (Cloud Run\'s default) marks an instance ready when its port listens, "http" when the app answers')
    .optional(),
  appWarmup: durationDistSchema
    .describe('time from the port listening to the app serving (with a TCP probe, requests routed meanwhile wait): a duration or a distribution of durations')
    .optional(),
  firstRequests: z
    .strictObject({
      count: z.number().int().min(0).describe('how many first requests of a fresh instance are slower: an integer >= 0'),
      extraCpu: durationSchema.describe('extra vCPU-seconds each of them needs (lazy imports, connection pools)'),
    })
    .describe('the first requests of a fresh instance are slower: {"count": n, "extraCpu": duration}')
    .optional(),
  executionEnvironment: z
    .enum(['gen1', 'gen2'])
    .describe('the execution environment: "gen1" or "gen2" (cpu below 1 needs "gen1" and request-based billing)')
    .optional(),
  minInstancesStart: z
    .enum(['warm', 'cold'])
    .describe('whether the min instances of time 0 are already running ("warm") or start with a cold start ("cold")')
    .optional(),
  prices: z
    .strictObject(
      Object.fromEntries(
        (['cpuSecond', 'memoryGiBSecond', 'idleCpuSecond', 'idleMemoryGiBSecond', 'perMillionRequests', 'instanceCpuSecond', 'instanceMemoryGiBSecond', 'egressPerGiB'] as const).map(
          (key) => [key, z.number().min(0).describe(`USD: a number >= 0 (default: the region tier's price in models/cloud-run.json)`).optional()],
        ),
      ) as Record<
        'cpuSecond' | 'memoryGiBSecond' | 'idleCpuSecond' | 'idleMemoryGiBSecond' | 'perMillionRequests' | 'instanceCpuSecond' | 'instanceMemoryGiBSecond' | 'egressPerGiB',
        z.ZodOptional<z.ZodNumber>
      >,
    )
    .describe('prices that replace the catalog\'s for this platform (negotiated prices, or an unverified Tier 2 price): {"idleCpuSecond": 0.0000035, ...}; fields left out keep the region tier\'s price')
    .optional(),
  commitment: commitmentSchema.optional(),
});

export type CloudRunFile = z.output<typeof cloudRunSchema>;
