/**
 * One asyncio worker on one vCPU serving pure-CPU Poisson requests is M/G/1 FCFS: the event
 * loop runs each CPU phase to completion, in arrival order (src/platforms/server/uvicorn-server.ts).
 * Mean wait by Pollaczek-Khinchine, Wq = lambda E[S^2] / (2 (1 - rho)), E[S^2] = E[S]^2 (1 + cv^2):
 *
 *   E[S] = 1, rho = lambda = 0.7
 *   exponential (cv 1):  Wq = 0.7 x 2 / 0.6 = 2.3333
 *   lognormal, cv 1:     Wq = 2.3333 (same two moments)
 *   lognormal, cv 2:     Wq = 0.7 x 5 / 0.6 = 5.8333
 *
 * Processor sharing (today's default) gives the same mean wait for exponential work but not the
 * same wait per size: FCFS waits do not depend on the request's own work, PS waits grow as
 * x rho / (1 - rho). So the exponential case also checks the wait of small and large requests
 * separately (both Wq): a PS model would give 0.23 for x < 0.5 and 3.8 for x > 1.5 there.
 * For lognormal cv 2 PS would give E[T] - E[S] = rho / (1 - rho) = 2.33, not 5.83.
 *
 * Tolerance from the statistics: 30 batch means (by arrival index, each ~33000 requests, far
 * longer than the relaxation time E[S] (1 + cv^2) / (2 (1 - sqrt(rho))^2) ~ 100 s); the exact
 * value must lie inside the 99.9 % Student t interval (Bonferroni over the 5 checks of this
 * file: family-wise false alarm ~0.5 %), and the run is sized so that the 95 % half-width is
 * under 3 % (design check), so a model error of 5 % cannot hide in the interval.
 */
import { describe, expect, it } from 'vitest';
import { UvicornServer } from '../../src/platforms/server/uvicorn-server.js';
import type { DistSpec } from '../../src/random/distribution.js';
import { covers, tInterval } from '../helpers/stats.js';
import { driveServer, ratioBatches } from './server-drive.js';

const BATCHES = 30;
const LEVEL = 0.999;
const RHO = 0.7;

async function mg1(cpu: DistSpec, cv: number, requests: number, seed: number, buckets: [number, number][] = []): Promise<void> {
  const d = await driveServer({ lambda: RHO, cpu, requests, seed }, (sim, hooks) => new UvicornServer(sim, { workers: 1, vcpu: 1, syncShare: 0, threads: 40, switchInterval: 0.005 }, hooks));
  const exact = (RHO * (1 + cv * cv)) / (2 * (1 - RHO));
  const wait = (i: number) => d.done[i]! - d.arrival[i]! - d.cpu[i]!;
  const skip = 20_000;
  const all = ratioBatches(requests, skip, BATCHES, wait);
  const ci = tInterval(all.batches, LEVEL, all.pooled);
  const ci95 = tInterval(all.batches, 0.95, all.pooled);
  console.log(
    `M/G/1 FCFS (asyncio, 1 worker) ${cpu.dist} cv ${cv}: Wq sim ${all.pooled.toFixed(4)} Pollaczek-Khinchine ${exact.toFixed(4)}` +
      ` err ${(100 * (all.pooled / exact - 1)).toFixed(2)} %, 95 % half-width ${(100 * (ci95.halfWidth / exact)).toFixed(2)} %, 99.9 % ${(100 * (ci.halfWidth / exact)).toFixed(2)} %`,
  );
  expect(ci95.halfWidth / exact).toBeLessThan(0.03);
  expect(covers(ci, exact)).toBe(true);
  for (const [lo, hi] of buckets) {
    // Wait of the requests with work in [lo, hi): per batch, sum of waits / count.
    const inside = (i: number) => d.cpu[i]! >= lo && d.cpu[i]! < hi;
    const bucket = ratioBatches(requests, skip, BATCHES, (i) => (inside(i) ? wait(i) : 0), (i) => (inside(i) ? 1 : 0));
    const bci = tInterval(bucket.batches, LEVEL, bucket.pooled);
    const s = bucket.pooled;
    console.log(`  work in [${lo}, ${hi}): wait ${s.toFixed(4)} +- ${bci.halfWidth.toFixed(4)} (99.9 %) vs ${exact.toFixed(4)}`);
    expect(covers(bci, exact)).toBe(true);
  }
}

describe('asyncio, one worker: M/G/1 FCFS (Pollaczek-Khinchine)', () => {
  it('exponential work: Wq = 2.3333, the same for small and large requests', async () => {
    await mg1({ dist: 'exponential', mean: 1 }, 1, 1_000_000, 11, [
      [0, 0.5],
      [1.5, Infinity],
    ]);
  });
  it('lognormal work, cv 1: Wq = 2.3333', async () => {
    await mg1({ dist: 'lognormal', mean: 1, cv: 1 }, 1, 1_000_000, 12);
  });
  it('lognormal work, cv 2: Wq = 5.8333', async () => {
    await mg1({ dist: 'lognormal', mean: 1, cv: 2 }, 2, 6_000_000, 13);
  });
});
