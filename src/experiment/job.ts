import type { SummaryRecord } from '../metrics/summary.js';
import { withRanks } from '../verdict/rank.js';
import { runPlatformJob, type PlatformEvent, type PlatformJob } from './platform-job.js';
import { runPlatform, type PlatformRun } from './run.js';
import type { ScenarioResolver, ScenarioSource } from './scenario-source.js';
import type { TraceRead } from '../scenario/trace-file.js';

/**
 * One unit of work of an experiment: a scenario (a source plus `--set` overrides), a seed and
 * a replication, optionally restricted to some of its platforms. Plain data, so it can be
 * posted to a worker thread; the worker resolves the scenario itself (a resolved scenario
 * holds class instances, e.g. trace data, that do not survive structured cloning).
 */
export interface Job {
  readonly source: ScenarioSource;
  readonly sets: readonly string[];
  readonly seed: number;
  readonly replication: number;
  /** Platform names to run, in this order; all of the scenario's when absent. */
  readonly platforms?: readonly string[];
}

/**
 * Runs a job: exactly what `runScenario(scenario, {seed, replication})` gives, one record per
 * platform (each platform is its own simulation over the same requests, so running a subset
 * gives the same records as picking them from a full run).
 */
export function runJob(job: Job, resolver: ScenarioResolver): SummaryRecord[] {
  const scenario = resolver.resolve(job.source, job.sets);
  const options = { seed: job.seed, replication: job.replication };
  const specs =
    job.platforms === undefined
      ? scenario.platforms
      : job.platforms.map((name) => {
          const spec = scenario.platforms.find((p) => p.name === name);
          if (spec === undefined) throw new Error(`job: the scenario has no platform "${name}"`);
          return spec;
        });
  // Ranks compare the job's platforms (a breakeven's pair, say) with one another.
  return withRanks(specs.map((spec) => runPlatform(scenario, spec, options)));
}

/** Any unit of work of the job pool: an experiment's job, or one platform of `sim run`. */
export type AnyJob = Job | PlatformJob;

/** What a job gives: records for a Job, the platform's run for a PlatformJob. */
export type JobResult<J extends AnyJob> = J extends PlatformJob ? PlatformRun : SummaryRecord[];

/** Runs any job; `emit` gets what a platform job reports while it runs. */
export function runAnyJob(job: AnyJob, resolver: ScenarioResolver, emit: (event: PlatformEvent) => void): SummaryRecord[] | PlatformRun {
  return 'kind' in job && job.kind === 'platform' ? runPlatformJob(job, resolver, emit) : runJob(job, resolver);
}

/**
 * Messages between the pool and a worker thread. A job carries the traces this thread has read
 * (shared memory: the worker need not parse them again).
 */
export type ToWorker = { readonly id: number; readonly job: AnyJob; readonly traces?: readonly TraceRead[] };
export type FromWorker =
  | { readonly state: 'done'; readonly id: number; readonly result: SummaryRecord[] | PlatformRun }
  | { readonly state: 'event'; readonly id: number; readonly event: PlatformEvent }
  | { readonly state: 'failed'; readonly id: number; readonly name: string; readonly message: string; readonly stack?: string };
