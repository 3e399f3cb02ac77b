/**
 * M/M/1 and M/G/1 processor sharing on the shared CPU model (src/platforms/server/
 * processor-sharing.ts), through the VM platform: one VM, 1 vCPU, 1 worker, maxConcurrency
 * 1e9 (every request is admitted at once and shares the vCPU), CPU-only work of mean 1/mu = 1.
 *
 * Closed forms (docs/validation.md): mean response E[T] = 1 / (mu - lambda) =
 * E[S] / (1 - rho), and conditional on work x, E[T | x] = x / (1 - rho). Both hold for any work
 * distribution (M/G/1-PS is insensitive), which the second case uses with four discrete sizes.
 *
 *   rho 0.5: E[T] = 2,  E[T | x] = 2x
 *   rho 0.8: E[T] = 5,  E[T | x] = 5x  (x = 0.1, 0.4, 1, 2.5 -> 0.5, 2, 5, 12.5)
 *
 * E[T | x] is checked by buckets of x as a ratio: sum of latencies / sum of work in the bucket
 * estimates 1 / (1 - rho) whatever the spread of x inside the bucket (E[T 1{x in B}] =
 * E[x 1{x in B}] / (1 - rho)). A model that served requests FIFO, or gave a lone job less than
 * the whole vCPU, or shared unequally, fails these by far more than 5 %: FIFO at rho 0.8 gives
 * E[T | x = 0.1] = 4.1 instead of 0.5.
 *
 * Tolerance as in mmc.test.ts: 3 % on each mean, with runs sized so that the 95 % batch-means
 * half-width (30 batches, Student t) is at most 2 %, and the exact value inside the batch-means
 * interval at family level 99 % (Bonferroni over the buckets of one run: 1 - 0.01 / m each).
 * Relative standard error of the mean response: the number in system of M/M/1-PS is the same
 * birth-death process as M/M/1-FCFS, asymptotic variance 2 rho (1 + rho) / (1 - rho)^4 per unit
 * time, i.e. 2 (1 + rho) / ((1 - rho)^2 N) relative for N requests: at rho 0.8 and N = 4e6 that
 * is a standard error of 0.47 %, a 95 % half-width of ~0.95 %.
 */
import { describe, expect, it } from 'vitest';
import type { DistSpec } from '../../src/random/distribution.js';
import { constant, exp, scenario, vmSpec } from '../helpers/specs.js';
import { covers, relativeError, tInterval } from '../helpers/stats.js';
import { ArrivalBatches, manualRun, ratios, sum } from './harness.js';

const BATCHES = 30;
const TOLERANCE = 0.03;

interface PsRun {
  readonly latencyMean: number;
  readonly latency95: ReturnType<typeof tInterval>;
  readonly latencyBatches: number[];
  /** Per bucket: pooled sum T / sum x, and the batch ratios. */
  readonly buckets: { lo: number; hi: number; n: number; ratio: number; batches: number[] }[];
}

async function runPs(rho: number, cpu: DistSpec, requests: number, edges: number[], seed: number): Promise<PsRun> {
  const lambda = rho; // mu = 1
  const warmup = 2000; // relaxation 1 / (1 - sqrt(0.8))^2 = 90 s: 20 of them
  const span = requests / lambda;
  const s = scenario(
    { type: 'poisson', rps: lambda },
    { cpu, io: constant(0), responseBytes: constant(0) },
    [vmSpec({ count: 1, vcpu: 1, workers: 1, maxConcurrency: 1e9, queueLimit: Infinity, requestTimeout: 1e9 })],
    warmup + span,
    warmup,
  );
  const run = manualRun(s, s.platforms[0]!, seed);
  const b = new ArrivalBatches(run.platform, warmup, warmup + span, BATCHES);
  const m = edges.length - 1;
  const sumT = Array.from({ length: m }, () => new Float64Array(BATCHES));
  const sumX = Array.from({ length: m }, () => new Float64Array(BATCHES));
  const count = new Float64Array(m);
  const stats = run.platform.stats;
  const completed = stats.completed.bind(stats);
  const len = span / BATCHES;
  stats.completed = (req, now) => {
    completed(req, now);
    const i = Math.floor((req.arrival - warmup) / len);
    if (i < 0 || i >= BATCHES) return;
    let k = 0;
    while (k < m - 1 && req.cpu >= edges[k + 1]!) k++;
    sumT[k]![i]! += now - req.arrival;
    sumX[k]![i]! += req.cpu;
    count[k]!++;
  };
  const summary = await run.finish();
  const latencyBatches = ratios(b.latencySum, b.latencyCount);
  return {
    latencyMean: summary.latency_mean_s,
    latency95: tInterval(latencyBatches, 0.95, sum(b.latencySum) / sum(b.latencyCount)),
    latencyBatches,
    buckets: sumT.map((t, k) => ({
      lo: edges[k]!,
      hi: edges[k + 1]!,
      n: count[k]!,
      ratio: sum(t) / sum(sumX[k]!),
      batches: ratios(t, sumX[k]!),
    })),
  };
}

async function check(name: string, rho: number, cpu: DistSpec, requests: number, edges: number[], seed: number): Promise<void> {
  const r = await runPs(rho, cpu, requests, edges, seed);
  const exactT = 1 / (1 - rho); // E[S] = 1
  const level = 1 - 0.01 / (edges.length - 1 + 1); // Bonferroni over buckets + the overall mean
  const lat = tInterval(r.latencyBatches, level, r.latency95.estimate);
  console.log(
    `${name} rho ${rho}: E[T] sim ${r.latencyMean.toFixed(4)} exact ${exactT.toFixed(4)} err ${(100 * (r.latencyMean / exactT - 1)).toFixed(2)} %` +
      ` 95 % half-width ${(100 * (r.latency95.halfWidth / exactT)).toFixed(2)} %`,
  );
  expect(r.latency95.estimate).toBeCloseTo(r.latencyMean, 9);
  expect(r.latency95.halfWidth / exactT).toBeLessThan(TOLERANCE / 1.5);
  expect(relativeError(r.latencyMean, exactT)).toBeLessThan(TOLERANCE);
  expect(covers(lat, exactT)).toBe(true);
  const slowdown = 1 / (1 - rho);
  for (const bucket of r.buckets) {
    const ci95 = tInterval(bucket.batches, 0.95, bucket.ratio);
    const ci = tInterval(bucket.batches, level, bucket.ratio);
    console.log(
      `  x in [${bucket.lo}, ${bucket.hi}): ${bucket.n} requests, E[T | x] / x sim ${bucket.ratio.toFixed(4)} exact ${slowdown.toFixed(4)}` +
        ` err ${(100 * (bucket.ratio / slowdown - 1)).toFixed(2)} % 95 % half-width ${(100 * (ci95.halfWidth / slowdown)).toFixed(2)} %`,
    );
    expect(ci95.halfWidth / slowdown).toBeLessThan(TOLERANCE / 1.5);
    expect(relativeError(bucket.ratio, slowdown)).toBeLessThan(TOLERANCE);
    expect(covers(ci, slowdown)).toBe(true);
  }
}

describe('M/M/1 processor sharing: one vCPU, unlimited concurrency', () => {
  const edges = [0, 0.25, 0.75, 1.5, 3, Infinity];
  it('rho 0.5: E[T] = 1 / (mu - lambda) = 2 and E[T | x] = 2x', async () => {
    await check('M/M/1-PS', 0.5, exp(1), 1.5e6, edges, 1);
  });
  it('rho 0.8: E[T] = 1 / (mu - lambda) = 5 and E[T | x] = 5x', async () => {
    await check('M/M/1-PS', 0.8, exp(1), 4e6, edges, 2);
  });
});

describe('M/G/1 processor sharing: insensitive to the work distribution', () => {
  // Four sizes, equally likely: mean (0.1 + 0.4 + 1 + 2.5) / 4 = 1, squared CV 0.855.
  const sizes: DistSpec = { dist: 'empirical', values: [0.1, 0.4, 1, 2.5] };
  it('rho 0.8: E[T] = E[S] / (1 - rho) = 5 and E[T | x] = 5x for x = 0.1, 0.4, 1, 2.5', async () => {
    await check('M/G/1-PS', 0.8, sizes, 4e6, [0, 0.2, 0.7, 1.5, Infinity], 3);
  });
});
