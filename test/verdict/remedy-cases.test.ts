import { describe, expect, it } from 'vitest';
import { runPlatform } from '../../src/experiment/run.js';
import { resolveScenario } from '../../src/scenario/load.js';
import { runWithAlternatives } from '../../src/verdict/alternatives.js';

/**
 * The remedy search on a Cloud Run service overloaded below maxInstances: bursts of 300 req/s
 * for 2 minutes every 15, concurrency 4, 3 s cold starts and a 1 s pending timeout, so requests
 * wait out the pending queue while instances start. Its advice is warm instances: the search
 * tries minInstances at the run's peak, then bisects down to the least that keeps up.
 */
const BURSTS = {
  name: 'bursts',
  duration: '30m',
  traffic: {
    type: 'sum',
    components: [
      { type: 'poisson', rps: 1 },
      { type: 'piecewise', points: [['0s', 0], ['10m', 300], ['12m', 0]], interpolation: 'step', repeat: '15m' },
    ],
  },
  requests: { cpu: { dist: 'lognormal', mean: '40ms', cv: 1 }, io: { dist: 'exponential', mean: '50ms' }, responseBytes: 16384 },
  platforms: [{ name: 'cloud-run', model: 'cloud-run', concurrency: 4, pendingTimeout: '1s', coldStart: { dist: 'lognormal', mean: '3s', cv: 0.4 } }],
};

describe('the least minInstances that keeps a bursty Cloud Run service up', () => {
  it('is found by the search, keeps up, and one fewer does not (checked apart)', () => {
    const resolve = (sets: readonly string[] = []) => resolveScenario(BURSTS, 'bursts.json', sets);
    const scenario = resolve();
    const { records, alternatives } = runWithAlternatives(scenario, { seed: 1 }, resolve);
    expect(records[0]!.status).toBe('overloaded');
    expect(records[0]!.instances_max).toBeLessThan(100); // below maxInstances: the pending queue, not the limit
    const remedy = alternatives.find((a) => a.simulated)!;
    const least = Number(/^minInstances (\d+) instead of 0$/.exec(remedy.change)![1]);
    expect(remedy.status).toBe('ok');
    expect(remedy.search).toMatchObject({ fewest: true });
    // Warm instances are billed idle: keeping up costs more than the overloaded run.
    expect(remedy.costPerMonthUsd).toBeGreaterThan(records[0]!.cost_per_month_usd);
    const statusWith = (m: number) => {
      const s = resolve([`cloud-run.minInstances=${m}`]);
      return runPlatform(s, s.platforms[0]!, { seed: 1, replication: 0 }).status;
    };
    expect(statusWith(least)).toBe('ok');
    expect(statusWith(least - 1)).not.toBe('ok');
  });
});
