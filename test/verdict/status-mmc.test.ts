import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiment/run.js';
import { resolveScenario } from '../../src/scenario/load.js';
import { backlogGrows, GROWTH_SHARE } from '../../src/verdict/status.js';

/**
 * The unbounded-backlog detector on M/M/2 queues (one VM, 2 workers on 2 vCPU, exponential
 * CPU of mean 100 ms: mu = 10/s per server, unbounded backlog), an hour each, over 8 seeds:
 * - rho = 1.1 (22 req/s against 20): the backlog grows at 2 req/s, 9 % of the arrival rate,
 *   nine times the 1 % threshold: flagged on every seed;
 * - rho = 0.9 (18 req/s): the M/M/2 backlog is stationary (mean about 9.5, Lq = 7.67 waiting
 *   plus 1.8 in service) and its fitted slope over the second half is noise, about
 *   0.01 req/s in size: never flagged.
 */
function mm2(rho: number, seed: number) {
  const scenario = resolveScenario(
    {
      name: 'mm2',
      duration: '1h',
      traffic: { type: 'poisson', rps: rho * 20 },
      requests: { cpu: { dist: 'exponential', mean: '100ms' } },
      platforms: [{ name: 'vm', model: 'compute-engine', vcpu: 2, workers: 2, count: 1, maxConcurrency: 2, queueLimit: 'unbounded' }],
    },
    '',
  );
  return runScenario(scenario, { seed })[0]!;
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('a backlog that grows without bound is overloaded; a busy stable one is not', () => {
  it('M/M/2 at rho = 1.1: growth near 2 req/s, flagged on every seed', () => {
    const slopes: number[] = [];
    for (const seed of SEEDS) {
      const r = mm2(1.1, seed);
      slopes.push(r.backlog_growth_per_s);
      // Growth lambda - c mu = 22 - 20 = 2 req/s; the fit over 30 minutes is within +-1 of it.
      expect(r.backlog_growth_per_s).toBeGreaterThan(1);
      expect(r.backlog_growth_per_s).toBeLessThan(3);
      expect(backlogGrows(r, 3600)).toBe(true);
      expect(r.status).toBe('overloaded');
    }
    console.log(`M/M/2 rho 1.1 backlog slopes (req/s): ${slopes.map((s) => s.toFixed(3)).join(', ')}; expected 2`);
  });

  it('M/M/2 at rho = 0.9: slope far below 1 % of the arrival rate, never flagged, status ok', () => {
    const slopes: number[] = [];
    for (const seed of SEEDS) {
      const r = mm2(0.9, seed);
      slopes.push(r.backlog_growth_per_s);
      expect(Math.abs(r.backlog_growth_per_s)).toBeLessThan(GROWTH_SHARE * 18);
      expect(backlogGrows(r, 3600)).toBe(false);
      expect(r.status).toBe('ok');
    }
    console.log(`M/M/2 rho 0.9 backlog slopes (req/s): ${slopes.map((s) => s.toFixed(4)).join(', ')}; threshold ${(GROWTH_SHARE * 18).toFixed(2)}`);
  });
});
