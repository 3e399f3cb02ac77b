/**
 * One platform's run built by hand, as src/experiment/run.ts `runPlatform` builds it, so that a
 * validation test can observe what the summary does not keep: per-batch means (for confidence
 * intervals by batch means), per-request-size latencies, the in-flight count at chosen
 * instants. Observers wrap the platform's `stats` methods; they never change the model.
 */
import { Simulation } from '../../src/engine/simulation.js';
import { createPlatform, streamSeed } from '../../src/experiment/run.js';
import type { TimeWeighted } from '../../src/numeric/time-weighted.js';
import { summarize } from '../../src/metrics/summarize.js';
import type { SummaryRecord } from '../../src/metrics/summary.js';
import type { PlatformModel } from '../../src/platforms/platform.js';
import type { PlatformSpec, Scenario } from '../../src/scenario/types.js';
import { createArrivals } from '../../src/workload/create-arrivals.js';
import type { Request } from '../../src/workload/request.js';
import { RequestSource } from '../../src/workload/request-source.js';

export interface ManualRun {
  readonly sim: Simulation;
  readonly platform: PlatformModel;
  /** Runs to the scenario's end, closes the platform and returns its summary record. */
  finish(): Promise<SummaryRecord>;
}

/**
 * Runs the simulation to `end` in `chunks` steps, yielding to the event loop between them.
 * The result is the same as one `sim.run(end)` (events at a chunk boundary fire in that
 * chunk, the clock only moves forward); the yields let the vitest worker answer its RPC
 * calls, which time out after 60 s of a blocked event loop on a loaded machine.
 */
export async function runInChunks(sim: Simulation, end: number, chunks = 100): Promise<void> {
  for (let k = 1; k <= chunks; k++) {
    sim.run(k === chunks ? end : (end * k) / chunks);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export function manualRun(scenario: Scenario, spec: PlatformSpec, seed: number, replication = 0): ManualRun {
  const sim = new Simulation(streamSeed(seed, replication));
  const end = scenario.duration;
  const platform = createPlatform(sim, spec, scenario.warmup);
  const arrivals = createArrivals(scenario.traffic, sim.streams.get('arrivals'), scenario.startEpochMs);
  const source = new RequestSource(scenario.requests, arrivals, sim.streams.get('requests'), end);
  let current = source.next();
  const pump = (): void => {
    platform.arrive(current!);
    current = source.next();
    if (current !== null) sim.at(current.arrival, pump);
  };
  if (current !== null) sim.at(current.arrival, pump);
  if (scenario.warmup > 0) sim.at(scenario.warmup, () => platform.stats.markWarmup(sim.now));
  return {
    sim,
    platform,
    async finish() {
      await runInChunks(sim, end);
      platform.close(end);
      return summarize({ scenario: scenario.name, seed, replication, end }, spec, platform.stats, platform.ledger);
    },
  };
}

/**
 * Per-batch request tallies: the measured stretch [start, end) is cut into `k` equal batches
 * and each request counts in the batch of its arrival time (as the summary counts requests by
 * arrival after warm-up). Batch means of a ratio (mean wait = waitSum / waitCount) then give
 * a confidence interval with `tInterval` when batches are much longer than the relaxation time.
 */
export class ArrivalBatches {
  readonly arrived: Float64Array;
  readonly rejected: Float64Array;
  readonly waitSum: Float64Array;
  readonly waitCount: Float64Array;
  /** Requests that waited on a starting instance (cold starts). */
  readonly cold: Float64Array;
  readonly latencySum: Float64Array;
  readonly latencyCount: Float64Array;
  private readonly len: number;

  constructor(
    platform: PlatformModel,
    private readonly start: number,
    end: number,
    readonly k: number,
  ) {
    this.len = (end - start) / k;
    this.arrived = new Float64Array(k);
    this.rejected = new Float64Array(k);
    this.waitSum = new Float64Array(k);
    this.waitCount = new Float64Array(k);
    this.cold = new Float64Array(k);
    this.latencySum = new Float64Array(k);
    this.latencyCount = new Float64Array(k);
    const stats = platform.stats;
    const arrived = stats.arrived.bind(stats);
    const started = stats.started.bind(stats);
    const completed = stats.completed.bind(stats);
    const rejected = stats.rejected.bind(stats);
    stats.arrived = (req: Request) => {
      arrived(req);
      const b = this.batch(req);
      if (b >= 0) this.arrived[b]!++;
    };
    stats.started = (req: Request, wait: number, cold: boolean) => {
      started(req, wait, cold);
      const b = this.batch(req);
      if (b >= 0) {
        this.waitSum[b]! += wait;
        this.waitCount[b]!++;
        if (cold) this.cold[b]!++;
      }
    };
    stats.completed = (req: Request, now: number) => {
      completed(req, now);
      const b = this.batch(req);
      if (b >= 0) {
        this.latencySum[b]! += now - req.arrival;
        this.latencyCount[b]!++;
      }
    };
    stats.rejected = (req: Request) => {
      rejected(req);
      const b = this.batch(req);
      if (b >= 0) this.rejected[b]!++;
    };
  }

  private batch(req: Request): number {
    const b = Math.floor((req.arrival - this.start) / this.len);
    return b >= 0 && b < this.k ? b : -1;
  }
}

/** Element-wise ratio of two batch arrays. */
export function ratios(num: Float64Array, den: Float64Array): number[] {
  return Array.from(num, (x, i) => x / den[i]!);
}

export function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

/**
 * Time averages of a gauge over `k` equal batches of [start, end), read from its integral at
 * the batch boundaries (events scheduled now, so call before running; read `means()` after).
 */
export function gaugeBatches(sim: Simulation, read: (t: number) => number, start: number, end: number, k: number): { means(): number[] } {
  const len = (end - start) / k;
  const at: number[] = [];
  for (let i = 0; i <= k; i++) {
    const t = i === k ? end : start + i * len;
    sim.at(t, () => at.push(read(t)));
  }
  return {
    means() {
      if (at.length !== k + 1) throw new Error('gaugeBatches: the run has not reached the end yet');
      return Array.from({ length: k }, (_, i) => (at[i + 1]! - at[i]!) / len);
    },
  };
}

/** Integral of a sum of gauges, for `gaugeBatches`. */
export function integralOf(...gauges: TimeWeighted[]): (t: number) => number {
  return (t) => gauges.reduce((s, g) => s + g.integral(t), 0);
}
