import { InputError } from '../errors.js';
import { checkExperiment, DEFAULT_LIMITS } from './preflight.js';
import { applyOverrides, valueSetBy } from '../scenario/overrides.js';
import { mergePresets } from '../scenario/merge-presets.js';
import { parseScenarioText } from '../scenario/scenario-text.js';
import { SUMMARY_FIELDS, type SummaryField, type SummaryRecord } from '../metrics/summary.js';
import { interval, type Interval } from './interval.js';
import { runAll, type JobPool } from './job-pool.js';
import { ScenarioResolver, readScenarioSource, type ScenarioSource } from './scenario-source.js';
import { sloValue } from './slo.js';
import { searchCrossing } from './crossing-search.js';

/** The numeric summary fields a breakeven can compare. */
export type MetricField = Exclude<SummaryField, 'scenario' | 'platform' | 'model' | 'status' | 'rank' | 'seed' | 'replication'>;
export const METRIC_FIELDS = SUMMARY_FIELDS.filter((f) => !['scenario', 'platform', 'model', 'status', 'rank', 'seed', 'replication'].includes(f)) as MetricField[];

export interface BreakevenSpec {
  readonly file: string;
  readonly sets: readonly string[];
  /** The scenario path varied, e.g. traffic.meanRps. */
  readonly vary: string;
  readonly low: number;
  readonly high: number;
  readonly replications: number;
  readonly seed: number;
  /** Compared between the two platforms. @default cost_total_usd */
  readonly metric: MetricField;
  /** Stop when the bracket is narrower than this fraction of its midpoint. @default 0.02 */
  readonly tolerance: number;
  /**
   * Refuse searches estimated to take longer than this many wall-clock seconds. @default 3600
   * Not with `budget`: the budget bounds what is simulated, so the whole search's estimate
   * (every step at the range's costliest end) would refuse work that is never done.
   */
  readonly maxSeconds?: number;
  /** The two platforms compared; the scenario's two when absent. */
  readonly platforms?: readonly [string, string];
  /** Estimated cost of simulating a value, and a limit on their sum: the search stops (state `stopped`) before a value it cannot afford. */
  readonly budget?: { readonly cost: (value: number) => number; readonly limit: number };
  /**
   * A run the caller has already made at one value, with this spec's file, sets, seed and one
   * replication (replication 0): its record of each platform of the pair. The search takes it
   * as that value's evaluation instead of simulating it again (its records would be the same:
   * test/verdict/breakeven-hint.test.ts), and at no cost to the budget. `sim run`'s verdict
   * passes its own run, the inner point of a range around the run's own traffic.
   */
  readonly known?: { readonly value: number; readonly records: readonly SummaryRecord[] };
}

/** Both platforms at one value of the varied parameter (means over replications). */
export interface Evaluation {
  readonly value: number;
  readonly platforms: readonly PlatformFigures[];
}

export interface PlatformFigures {
  readonly platform: string;
  readonly metric: Interval;
  readonly costTotal: Interval;
  readonly costPerMillion: Interval;
  readonly latencyP95: Interval;
  /** (rejected + timed out + failed) / arrived. */
  readonly rejectFraction: Interval;
}

/** A bracket of the crossing and what is read from it. */
export interface Crossing {
  /** The bracket's ends: the platform with the lower metric changes between them. */
  readonly below: Evaluation;
  readonly above: Evaluation;
  /** Linear interpolation of the difference inside the bracket. */
  readonly estimate: number;
  /** Platform with the lower metric below and above the crossing. */
  readonly lowerBelow: string;
  readonly lowerAbove: string;
}

export type BreakevenResult =
  | (Crossing & {
      readonly state: 'crossing';
      readonly evaluations: number;
      readonly integer: boolean;
    })
  | {
      readonly state: 'no-crossing';
      readonly low: Evaluation;
      readonly high: Evaluation;
      /** The platform with the lower metric at both ends (undefined when equal somewhere). */
      readonly lower: string | undefined;
      readonly evaluations: number;
    }
  | {
      /** The budget ran out first (only with `budget`): every value simulated, in increasing order, and the bracket found, not yet narrow, if any. */
      readonly state: 'stopped';
      readonly evaluated: readonly Evaluation[];
      readonly bracket: Crossing | null;
      /** The platform with the lower metric at every value simulated (undefined when none is). */
      readonly lower: string | undefined;
      readonly evaluations: number;
    };

const MAX_STEPS = 60;

/**
 * Values a search simulates, for the preflight: what bisection would take, both ends then one
 * per halving of the bracket until it is narrower than `tolerance` x its midpoint (taken at
 * its smallest, the larger end / 2) or, for an integer parameter, one apart. The search
 * (crossing-search.ts) usually takes about half as many, and often not the high end.
 */
export function maxEvaluations(spec: Pick<BreakevenSpec, 'low' | 'high' | 'tolerance'>): number {
  const width = spec.high - spec.low;
  const smallest = Math.min(spec.tolerance * Math.max(Math.abs(spec.low), Math.abs(spec.high)) / 2, 1);
  const halvings = Math.ceil(Math.log2(Math.max(2, width / Math.max(smallest, Number.MIN_VALUE))));
  return 2 + Math.min(MAX_STEPS, halvings);
}

/**
 * Where, as one scenario parameter varies over [low, high], the platform with the lower metric
 * (by default total cost) changes: a search for the sign change of the difference of the two
 * platforms' means over `replications` runs (crossing-search.ts: the low end and an inner
 * point first, then interpolation inside the bracket). Replication i uses the same random
 * streams at every value (common random numbers), so the difference moves smoothly with the
 * value and the search does not chase noise. With no sign change at the values simulated (the
 * two ends among them) it says so and stops. A parameter that only takes integers (found by
 * trying a fractional value) is narrowed down to neighbouring integers.
 *
 * Total cost, not cost per million requests, is the right criterion: at a given traffic both
 * platforms serve the same requests, so whichever bill is lower is the cheaper platform there,
 * and the two criteria agree; total cost is also defined when no request arrives.
 */
export async function findBreakeven(spec: BreakevenSpec, pool: JobPool, onEvaluation?: (e: Evaluation) => void): Promise<BreakevenResult> {
  checkSpec(spec);
  const resolver = new ScenarioResolver();
  const source = readScenarioSource(spec.file);
  const base = resolver.resolve(source, spec.sets);
  const names = base.platforms.map((p) => p.name);
  const pair = spec.platforms ?? (names.length === 2 ? ([names[0]!, names[1]!] as const) : undefined);
  if (pair === undefined) {
    throw new InputError(`${spec.file}: ${names.length} platforms (${names.join(', ')}): breakeven compares two; choose them with --platforms a,b`);
  }
  for (const name of pair) {
    if (!names.includes(name)) throw new InputError(`--platforms: ${JSON.stringify(name)} is not allowed: one of the scenario's platforms: ${names.join(', ')}`);
  }
  if (pair[0] === pair[1]) throw new InputError('--platforms: two different platforms');
  const setsAt = (value: number): string[] => [...spec.sets, `${spec.vary}=${value}`];
  for (const value of [spec.low, spec.high]) {
    try {
      resolver.resolve(source, setsAt(value));
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`--vary ${spec.vary}=${value}: ${error.message}`);
      throw error;
    }
  }
  // A text field (`--vary name`) takes "1" and "200" happily and changes nothing that is
  // simulated: the answer would be meaningless, so only fields that hold numbers are varied.
  const stored = valueSetBy(mergePresets(applyOverrides(parseScenarioText(source.text, source.path), spec.sets, source.path)), `${spec.vary}=${spec.low}`, source.path);
  if (typeof stored !== 'number') {
    throw new InputError(`--vary: ${JSON.stringify(spec.vary)} is not allowed: a field that holds a number (it holds ${typeof stored === 'string' ? 'text' : 'an object or a list'})`);
  }
  if (spec.budget === undefined) {
    const ends = [spec.low, spec.high].map((value) => {
      const scenario = resolver.resolve(source, setsAt(value));
      return { scenario: { ...scenario, platforms: scenario.platforms.filter((p) => pair.includes(p.name)) }, label: `--vary ${spec.vary}=${value}` };
    });
    checkExperiment(
      // A step of the search runs one job per platform and replication, so no more threads than that share the work.
      { points: ends, runsPerPoint: spec.replications * Math.ceil(maxEvaluations(spec) / 2), workers: Math.min(pool.workers, spec.replications * pair.length), tasks: spec.replications * 2 },
      { ...DEFAULT_LIMITS, ...(spec.maxSeconds !== undefined ? { maxSeconds: spec.maxSeconds } : {}) },
      spec.file,
    );
  }
  const integer = Number.isInteger(spec.low) && Number.isInteger(spec.high) && !accepts(resolver, source, setsAt(spec.low + 0.5));

  let evaluations = 0;
  // The caller's run at one value (`known`), taken as that value's evaluation instead of simulated.
  const known = knownEvaluation(spec, pair);
  // One job per platform, value and replication: each platform is its own simulation over the
  // same requests (runJob), so its record is the same alone as beside the other, and the two
  // platforms of a step run on two threads at once instead of one after the other.
  const simulate = async (values: readonly number[]): Promise<Evaluation[]> => {
    if (values.length === 0) return [];
    const jobs = values.flatMap((value) =>
      Array.from({ length: spec.replications }, (_, replication) =>
        pair.map((platform) => ({ source, sets: setsAt(value), seed: spec.seed, replication, platforms: [platform] })),
      ).flat(),
    );
    const results = await runAll(pool, jobs);
    const per = spec.replications * pair.length;
    return values.map((value, k) => {
      const runs = results.slice(k * per, (k + 1) * per);
      const e: Evaluation = { value, platforms: pair.map((_, j) => figures(runs.filter((_, i) => i % pair.length === j).map((r) => r[0]!), spec.metric)) };
      evaluations++;
      onEvaluation?.(e);
      return e;
    });
  };
  const evaluate = async (values: readonly number[]): Promise<Evaluation[]> => {
    const simulated = await simulate(values.filter((v) => v !== known?.value));
    return values.map((v) => (v === known?.value ? known : simulated.shift()!));
  };
  const difference = (e: Evaluation): number => e.platforms[0]!.metric.mean - e.platforms[1]!.metric.mean;
  const lowerOf = (e: Evaluation): string | undefined => {
    const d = difference(e);
    return d < 0 ? pair[0] : d > 0 ? pair[1] : undefined;
  };

  // The known value costs nothing.
  const budget = spec.budget === undefined ? undefined : { limit: spec.budget.limit, cost: (v: number) => (v === known?.value ? 0 : spec.budget!.cost(v)) };
  const outcome = await searchCrossing<Evaluation>(
    { low: spec.low, high: spec.high, tolerance: spec.tolerance, integer, maxSteps: MAX_STEPS, ...(budget !== undefined ? { budget } : {}) },
    evaluate,
    difference,
  );
  if (outcome.state === 'stopped') {
    const lowers = outcome.evaluated.map(lowerOf);
    const lower = lowers.length > 0 && lowers.every((name) => name === lowers[0]) ? lowers[0] : undefined;
    return { state: 'stopped', evaluated: outcome.evaluated, bracket: outcome.bracket === null ? null : crossing(outcome.bracket.below, outcome.bracket.above), lower, evaluations };
  }
  if (outcome.state === 'no-crossing') {
    // Same sign at every value simulated (or equal, or undefined, at one of them).
    const { low: lo, high: hi } = outcome;
    return { state: 'no-crossing', low: lo, high: hi, lower: lowerOf(lo) === lowerOf(hi) ? lowerOf(lo) : undefined, evaluations };
  }
  return { state: 'crossing', ...crossing(outcome.below, outcome.above), evaluations, integer };

  /** The bracket's ends, the crossing interpolated inside it, and which platform is cheaper on each side. */
  function crossing(below: Evaluation, above: Evaluation): Crossing {
    const a = difference(below);
    const b = difference(above);
    const estimate = a === b ? below.value : below.value + ((above.value - below.value) * a) / (a - b);
    return { below, above, estimate, lowerBelow: lowerOf(below) ?? pair![0], lowerAbove: lowerOf(above) ?? pair![1] };
  }
}

/** The evaluation of `spec.known` (its records of the pair, in pair order), or undefined. */
function knownEvaluation(spec: BreakevenSpec, pair: readonly [string, string]): Evaluation | undefined {
  if (spec.known === undefined) return undefined;
  if (spec.replications !== 1) throw new Error('breakeven: a known run is one replication');
  const { value, records } = spec.known;
  return {
    value,
    platforms: pair.map((name) => {
      const record = records.find((r) => r.platform === name);
      if (record === undefined) throw new Error(`breakeven: the known run has no record of ${name}`);
      return figures([record], spec.metric);
    }),
  };
}

function checkSpec(spec: BreakevenSpec): void {
  if (!(Number.isFinite(spec.low) && Number.isFinite(spec.high) && spec.low < spec.high)) {
    throw new InputError(`--between: ${spec.low},${spec.high} is not allowed: two numbers a,b with a < b`);
  }
  if (!(spec.tolerance > 0 && spec.tolerance < 1)) throw new InputError(`--tolerance: ${spec.tolerance} is not allowed: a fraction between 0 and 1, e.g. 0.02`);
  if (!Number.isInteger(spec.replications) || spec.replications < 1) throw new InputError(`--replications: ${spec.replications} is not allowed: an integer >= 1`);
}

function accepts(resolver: ScenarioResolver, source: ScenarioSource, sets: string[]): boolean {
  try {
    resolver.resolve(source, sets);
    return true;
  } catch {
    return false;
  }
}

function figures(runs: readonly SummaryRecord[], metric: MetricField): PlatformFigures {
  return {
    platform: runs[0]!.platform,
    metric: interval(runs.map((r) => r[metric])),
    costTotal: interval(runs.map((r) => r.cost_total_usd)),
    costPerMillion: interval(runs.map((r) => r.cost_per_million_usd)),
    latencyP95: interval(runs.map((r) => r.latency_p95_s)),
    rejectFraction: interval(runs.map((r) => sloValue('reject_fraction', r))),
  };
}
