/**
 * c asyncio workers (src/platforms/server/uvicorn-server.ts): a request is accepted by a worker
 * whose event loop is free, else waits in the one accept queue for the first loop to come free,
 * so with pure-CPU requests and c vCPU the server is M/G/c FCFS.
 *
 * 1. Exponential work: M/M/c, Erlang C (docs/validation.md). c = 4, mu = 1, rho = 0.8:
 *    lambda 3.2, C(4, 3.2) = 0.596432, Wq = C / (c mu - lambda) = 0.745541. The exact value
 *    must lie inside the 99.9 % batch-means interval (30 batches; design check: 95 %
 *    half-width under 3 %).
 * 2. Lognormal work, cv 2: no closed form. Allen-Cunneen, Wq ~ Wq(M/M/c) (1 + cs^2) / 2 =
 *    0.745541 x 2.5 = 1.8639, is printed beside the simulated value for information (an
 *    approximation, exact only for c = 1 and exponential work); the check is against the
 *    independent bare simulation of uvicorn-reference.ts, request by request.
 * 3. Two workers on one vCPU (they share it) and I/O waits whose answers wait for a busy loop:
 *    against the bare simulation, request by request.
 */
import { describe, expect, it } from 'vitest';
import { UvicornServer } from '../../src/platforms/server/uvicorn-server.js';
import { covers, mmcWq, tInterval } from '../helpers/stats.js';
import { agreeWithReference } from './server-agree.js';
import { driveServer, ratioBatches } from './server-drive.js';

describe('c asyncio workers: M/G/c FCFS', () => {
  it('c = 4, exponential work, rho 0.8: Wq = Erlang C / (c mu - lambda) = 0.745541', async () => {
    const c = 4;
    const lambda = 3.2;
    const requests = 3_000_000;
    const d = await driveServer({ lambda, cpu: { dist: 'exponential', mean: 1 }, requests, seed: 31 }, (sim, hooks) =>
      new UvicornServer(sim, { workers: c, vcpu: c, syncShare: 0, threads: 40, switchInterval: 0.005 }, hooks),
    );
    const exact = mmcWq(c, lambda, 1);
    const w = ratioBatches(requests, 20_000, 30, (i) => d.done[i]! - d.arrival[i]! - d.cpu[i]!);
    const ci = tInterval(w.batches, 0.999, w.pooled);
    const ci95 = tInterval(w.batches, 0.95, w.pooled);
    console.log(
      `M/M/4 (asyncio, 4 workers) rho 0.8: Wq sim ${w.pooled.toFixed(5)} Erlang C ${exact.toFixed(5)} err ${(100 * (w.pooled / exact - 1)).toFixed(2)} %,` +
        ` 95 % half-width ${(100 * (ci95.halfWidth / exact)).toFixed(2)} %`,
    );
    expect(ci95.halfWidth / exact).toBeLessThan(0.03);
    expect(covers(ci, exact)).toBe(true);
  });
  it('c = 4, lognormal cv 2, rho 0.8: the same as the bare simulation; Allen-Cunneen beside it', async () => {
    const c = 4;
    const lambda = 3.2;
    const requests = 300_000;
    const drive = { lambda, cpu: { dist: 'lognormal' as const, mean: 1, cv: 2 }, requests, seed: 32 };
    const counts = await agreeWithReference('asyncio, 4 workers, lognormal cv 2', drive, { workers: c, vcpu: c });
    expect(counts.backlogged).toBeGreaterThan(50_000);
    const ac = (mmcWq(c, lambda, 1) * (1 + 4)) / 2;
    const wq = counts.meanLatency - 1;
    console.log(`  Wq (all requests, incl. warm-up) ${wq.toFixed(4)}, Allen-Cunneen ${ac.toFixed(4)} (${(100 * (wq / ac - 1)).toFixed(1)} %)`);
  });
  it('2 workers sharing 1 vCPU, I/O waits answered by a busy loop: the same as the bare simulation', async () => {
    const counts = await agreeWithReference(
      'asyncio, 2 workers on 1 vCPU, I/O',
      { lambda: 14, cpu: { dist: 'lognormal', mean: 0.05, cv: 1 }, io: { dist: 'exponential', mean: 0.2 }, requests: 200_000, seed: 33 },
      { workers: 2, vcpu: 1 },
    );
    expect(counts.backlogged).toBeGreaterThan(10_000);
    expect(counts.deferred).toBeGreaterThan(10_000);
  });
});
