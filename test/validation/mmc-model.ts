/**
 * M/M/c on the VM model: one VM with c vCPU, c workers, maxConcurrency c and an unbounded (or
 * bounded) backlog, exponential CPU work of mean 1/mu (mu = 1), no I/O. Processor sharing
 * gives each of n <= c requests min(1, c/n) = 1 vCPU, so the VM is exactly c exponential
 * servers with a FIFO queue (src/platforms/vm/vm-fleet.ts).
 *
 * Shared by mmc.test.ts (rho 0.5 and 0.8, Little's law, M/M/c/K) and mmc-heavy.test.ts
 * (rho 0.95, which needs 20x the requests: it runs in its own file so that vitest spreads the
 * work over both cores).
 */
import { constant, exp, scenario, vmSpec } from '../helpers/specs.js';
import { type Interval, tInterval } from '../helpers/stats.js';
import { ArrivalBatches, manualRun, ratios, sum } from './harness.js';
import type { SummaryRecord } from '../../src/metrics/summary.js';

export const MU = 1;

/** Batches for batch means: 30 gives t(0.975; 29) = 2.045 and t(0.9995; 29) = 3.659. */
export const BATCHES = 30;

/**
 * Level of the interval checks (exact value inside the batch-means interval). The two M/M/c
 * files make about 20 of them (Wq, P(wait), P(503) per case), so at 99 % a correct model
 * would fail one of them ~18 % of the time; at 99.9 % the family-wise false alarm rate is
 * ~2 % (Bonferroni). It happened: at 99 %, seed 8 of c 2, rho 0.95 has P(wait) 0.10 % low,
 * 2.7 standard errors; sixteen further seeds (101-116, 3e6 requests each) gave mean errors of
 * -0.025 % +- 0.028 % on P(wait) and -0.15 % +- 0.65 % on Wq, i.e. no bias.
 */
export const CHECK_LEVEL = 0.999;

/**
 * Relaxation time of M/M/c in heavy traffic, 1 / (c mu (1 - sqrt(rho))^2) (Morse; Whitt):
 * c = 2, rho = 0.95 gives 1 / (2 x 0.0253^2) = 780 s. Warm-up is 50 of them (or 200 s): the
 * start-empty bias is then below e^-50; each batch is hundreds of them long.
 */
export function relaxationTime(c: number, rho: number): number {
  return 1 / (c * MU * (1 - Math.sqrt(rho)) ** 2);
}

export interface MmcResult {
  readonly summary: SummaryRecord;
  readonly lambda: number;
  /** Measured span (duration - warm-up). */
  readonly span: number;
  readonly warmup: number;
  /** Mean wait in queue by batch means (pooled estimate), at 95 % and at CHECK_LEVEL. */
  readonly wq95: Interval;
  readonly wqCheck: Interval;
  /** Fraction of requests that waited at all (Erlang C), at CHECK_LEVEL. */
  readonly pWaitCheck: Interval;
  /** Fraction rejected (503), at 95 % and at CHECK_LEVEL. */
  readonly pBlock95: Interval;
  readonly pBlockCheck: Interval;
  /** Time-average requests in service and waiting over the measured span (from stats integrals). */
  readonly inFlightMean: number;
  readonly queuedMean: number;
  /** Arrivals per second measured after warm-up. */
  readonly arrivalRate: number;
  /** Lag-1 autocorrelation of the wait batch means (about 0 when batches are long enough). */
  readonly wqBatches: number[];
}

/**
 * Runs M/M/c (queueLimit Infinity) or M/M/c/K (queueLimit K - c) for about `requests`
 * arrivals after warm-up.
 */
export async function runMmc(c: number, rho: number, requests: number, seed: number, queueLimit = Infinity): Promise<MmcResult> {
  const lambda = c * rho * MU;
  const warmup = Math.max(200, 50 * relaxationTime(c, Math.min(rho, 0.99)));
  const span = requests / lambda;
  const s = scenario(
    { type: 'poisson', rps: lambda },
    { cpu: exp(1 / MU), io: constant(0), responseBytes: constant(0) },
    [vmSpec({ count: 1, vcpu: c, workers: c, maxConcurrency: c, queueLimit })],
    warmup + span,
    warmup,
  );
  const run = manualRun(s, s.platforms[0]!, seed);
  const b = new ArrivalBatches(run.platform, warmup, warmup + span, BATCHES);
  const waited = new Float64Array(BATCHES);
  const stats = run.platform.stats;
  const started = stats.started.bind(stats);
  const len = span / BATCHES;
  stats.started = (req, wait, cold) => {
    started(req, wait, cold);
    const i = Math.floor((req.arrival - warmup) / len);
    if (wait > 0 && i >= 0 && i < BATCHES) waited[i]!++;
  };
  const summary = await run.finish();
  const wqBatches = ratios(b.waitSum, b.waitCount);
  const wqPooled = sum(b.waitSum) / sum(b.waitCount);
  const g = stats.sinceWarmup(warmup + span);
  return {
    summary,
    lambda,
    span,
    warmup,
    wq95: tInterval(wqBatches, 0.95, wqPooled),
    wqCheck: tInterval(wqBatches, CHECK_LEVEL, wqPooled),
    pWaitCheck: tInterval(ratios(waited, b.waitCount), CHECK_LEVEL, sum(waited) / sum(b.waitCount)),
    pBlock95: tInterval(ratios(b.rejected, b.arrived), 0.95, sum(b.rejected) / sum(b.arrived)),
    pBlockCheck: tInterval(ratios(b.rejected, b.arrived), CHECK_LEVEL, sum(b.rejected) / sum(b.arrived)),
    inFlightMean: g.inFlight / g.t,
    queuedMean: g.queued / g.t,
    arrivalRate: summary.requests_arrived / g.t,
    wqBatches,
  };
}
