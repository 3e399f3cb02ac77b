/**
 * A mixed FastAPI app (src/platforms/server/uvicorn-server.ts): 30 % of requests are `def`
 * (thread pool), the rest `async def`, on the same two workers. In each worker the event loop
 * and the pool threads share one GIL (one computes at a time, switched every 5 ms), so a sync
 * request's CPU slows the loop and the reverse; a loop computing accepts nothing and answers
 * nothing, so sync answers wait for it too. Checked request by request against the independent
 * bare simulation of uvicorn-reference.ts, with every rule exercised (counts asserted).
 */
import { describe, expect, it } from 'vitest';
import { agreeWithReference } from './server-agree.js';

describe('mixed async/sync on two workers', () => {
  it('syncShare 0.3, 2 threads, 2 workers on 2 vCPU: every completion time agrees with the bare simulation', async () => {
    const counts = await agreeWithReference(
      'mixed 30 % sync, 2 workers, 2 threads',
      { lambda: 24, cpu: { dist: 'lognormal', mean: 0.05, cv: 1 }, io: { dist: 'exponential', mean: 0.3 }, requests: 300_000, seed: 41 },
      { workers: 2, vcpu: 2, syncShare: 0.3, threads: 2 },
    );
    expect(counts.switches).toBeGreaterThan(10_000);
    expect(counts.deferred).toBeGreaterThan(10_000);
    expect(counts.backlogged).toBeGreaterThan(1_000);
    expect(counts.threadWaits).toBeGreaterThan(1_000);
  });
  it('the same on one vCPU (the two workers share it)', async () => {
    const counts = await agreeWithReference(
      'mixed 30 % sync, 2 workers on 1 vCPU',
      { lambda: 12, cpu: { dist: 'lognormal', mean: 0.05, cv: 1 }, io: { dist: 'exponential', mean: 0.3 }, requests: 200_000, seed: 42 },
      { workers: 2, vcpu: 1, syncShare: 0.3, threads: 2 },
    );
    expect(counts.switches).toBeGreaterThan(1_000);
  });
});
