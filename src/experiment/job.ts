import type { SummaryRecord } from '../metrics/summary.js';
import { withRanks } from '../verdict/rank.js';
import { runPlatform } from './run.js';
import type { ScenarioResolver, ScenarioSource } from './scenario-source.js';

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

/** Messages between the pool and a worker thread. */
export type ToWorker = { readonly id: number; readonly job: Job };
export type FromWorker =
  | { readonly state: 'done'; readonly id: number; readonly records: SummaryRecord[] }
  | { readonly state: 'failed'; readonly id: number; readonly name: string; readonly message: string; readonly stack?: string };
