import type { RowBatch } from '../metrics/row-batch.js';
import type { PlatformSpec, Scenario } from '../scenario/types.js';
import { DrawRingReader, type DrawRing } from '../random/draw-ring.js';
import { RequestRingReader, type RequestRing } from '../workload/request-ring.js';
import { simulatePlatform, type PlatformRun } from './run.js';
import type { ScenarioResolver, ScenarioSource } from './scenario-source.js';

/**
 * One platform of `sim run` as a unit of work (issue 12 item 2): each platform of a run is its
 * own simulation over the same requests (common random numbers), so the platforms can run on
 * different threads and give exactly the records, bills and timeline rows of a sequential run.
 * Plain data, so it can be posted to a worker thread, which resolves the scenario itself.
 */
export interface PlatformJob {
  readonly kind: 'platform';
  readonly source: ScenarioSource;
  readonly sets: readonly string[];
  readonly seed: number;
  readonly replication: number;
  readonly platform: string;
  /** The platform's spec taken from the scenario resolved with these more `--set` flags (a simulated alternative of the verdict). */
  readonly specSets?: readonly string[];
  /**
   * One more `--set` per billing variant, billed from this run's events (verdict/alternatives.ts):
   * the variant is this platform in the scenario resolved with [...sets, set].
   */
  readonly variantSets: readonly string[];
  /** Seconds per timeline row, when the run's timeline is wanted. */
  readonly timelineStep?: number;
  /** Whether to report progress (simulated seconds and requests). */
  readonly progress?: boolean;
  /** The run's requests, drawn once by the caller and read from this ring as its reader `reader` (share-requests.ts); absent: drawn here. */
  readonly requests?: { readonly ring: RequestRing; readonly reader: number };
  /** The front end's latency draws, made ahead by the caller from this platform's stream (share-requests.ts); absent: drawn here. */
  readonly frontEnd?: DrawRing;
}

/** What a platform job reports while it runs, in order. */
export type PlatformEvent =
  | { readonly kind: 'rows'; readonly batch: RowBatch }
  | { readonly kind: 'progress'; readonly platform: string; readonly simulated: number; readonly requests: number };

/** The platform named `name` of a scenario. */
export function platformSpec(scenario: Scenario, name: string): PlatformSpec {
  const spec = scenario.platforms.find((p) => p.name === name);
  if (spec === undefined) throw new Error(`platform job: the scenario has no platform "${name}"`);
  return spec;
}

/** Runs a platform job; `emit` gets its timeline rows (in batches) and progress, in order. */
export function runPlatformJob(job: PlatformJob, resolver: ScenarioResolver, emit: (event: PlatformEvent) => void): PlatformRun {
  const scenario = resolver.resolve(job.source, job.sets);
  const spec = platformSpec(job.specSets === undefined ? scenario : resolver.resolve(job.source, [...job.sets, ...job.specSets]), job.platform);
  const variants = job.variantSets.map((set) => platformSpec(resolver.resolve(job.source, [...job.sets, set]), job.platform));
  const frontEnd = job.frontEnd === undefined ? undefined : new DrawRingReader(job.frontEnd);
  let run: PlatformRun;
  try {
    run = simulatePlatform(
      scenario,
      spec,
      {
        seed: job.seed,
        replication: job.replication,
        ...(job.timelineStep !== undefined ? { timelineStep: job.timelineStep, onTimelineBatch: (batch: RowBatch) => emit({ kind: 'rows', batch }) } : {}),
        ...(job.requests !== undefined ? { requests: new RequestRingReader(job.requests.ring, job.requests.reader) } : {}),
        ...(frontEnd !== undefined ? { frontEnd } : {}),
        ...(job.progress === true ? { onProgress: (platform: string, simulated: number, requests: number) => emit({ kind: 'progress', platform, simulated, requests }) } : {}),
      },
      variants,
    );
  } finally {
    // Done with the draws, or failed: the writer may stop.
    frontEnd?.close();
  }
  return run;
}
