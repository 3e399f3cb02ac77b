import { describe, expect, it } from 'vitest';
import { runPlatform } from '../../src/experiment/run.js';
import { resolveScenario } from '../../src/scenario/load.js';
import { runWithAlternatives, searchRemedies } from '../../src/verdict/alternatives.js';
import { PLATFORMS } from '../../src/platforms/registry.js';
import { buildVerdict } from '../../src/verdict/build-verdict.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

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

describe('right-sizing a platform that keeps up', () => {
  it('four VMs at 30 req/s: two keep up, one does not (checked apart), and the cost is what two cost', () => {
    const file = { ...TINY, traffic: { type: 'poisson', rps: 30 }, platforms: [{ name: 'vm', model: 'compute-engine', count: 4 }] };
    const resolve = (sets: readonly string[] = []) => resolveScenario(file, 'right-size.json', sets);
    const { records, alternatives } = runWithAlternatives(resolve(), { seed: 1 }, resolve);
    expect(records[0]!.status).toBe('ok');
    const fewer = alternatives.find((a) => a.simulated)!;
    expect(fewer.change).toBe('2 VMs instead of 4');
    expect(fewer.status).toBe('ok');
    expect(fewer.search).toMatchObject({ fewest: true, note: expect.stringMatching(/^the least that keeps up, not with 1 VM; \d simulations?$/) });
    const run = (count: number) => {
      const s = resolve([`vm.count=${count}`]);
      return runPlatform(s, s.platforms[0]!, { seed: 1, replication: 0 });
    };
    expect(run(1).status).not.toBe('ok');
    expect(fewer.costPerMonthUsd).toBe(run(2).cost_per_month_usd);
    expect(fewer.costPerMonthUsd).toBeLessThan(records[0]!.cost_per_month_usd);
    // The headline says what the right size saves.
    const verdict = buildVerdict({ scenario: resolve(), records, alternatives });
    expect(verdict.headline).toMatch(/^vm keeps up: \$[\d,]+\/month\. It still keeps up with 2 VMs instead of 4, at \$[\d,]+\/month\.$/);
  });

  it('six VMs at 5 req/s beside Cloud Run: one VM keeps up and would be the choice, and the headline says so', () => {
    const file = { ...TINY, platforms: [TINY.platforms[0]!, { name: 'vm', model: 'compute-engine', count: 6 }] };
    const resolve = (sets: readonly string[] = []) => resolveScenario(file, 'right-size.json', sets);
    const { records, alternatives } = runWithAlternatives(resolve(), { seed: 1 }, resolve);
    const verdict = buildVerdict({ scenario: resolve(), records, alternatives });
    expect(verdict.recommended).toBe('cloud-run');
    const one = verdict.alternatives.find((a) => a.change === '1 VM instead of 6')!;
    expect([one.status, one.flipsVerdict]).toEqual(['ok', true]);
    expect(verdict.headline).toContain(` vm still keeps up with 1 VM instead of 6, at $${Math.round(one.costPerMonthUsd)}/month, which would make it the choice.`);
  });

  it('when its own value is the least that keeps up, says so beside the value below', () => {
    const file = { ...TINY, traffic: { type: 'poisson', rps: 30 }, platforms: [{ name: 'vm', model: 'compute-engine', count: 2 }] };
    const resolve = (sets: readonly string[] = []) => resolveScenario(file, 'right-size.json', sets);
    const { alternatives } = runWithAlternatives(resolve(), { seed: 1 }, resolve);
    const fewer = alternatives.find((a) => a.simulated)!;
    expect([fewer.change, fewer.status]).toEqual(['1 VM instead of 2', 'overloaded']);
    expect(fewer.search).toEqual({ simulations: 1, fewest: true, note: 'the least that keeps up is its own, 2 VMs; 1 simulation' });
  });
});

describe('a fleet too small for a day of diurnal traffic', () => {
  /**
   * The quickstart's Monday at a fifth of the requests, each five times the CPU (20 req/s of
   * 150 ms: the same vCPU as 100 req/s of 30 ms): two e2-medium VMs serve about half. A day's
   * mean is a poor guide to what keeps up: the busiest hour offers 1.66 times as much. Sized for
   * the mean, the first guess was 5 VMs, which turn part of the afternoon away; sized for the
   * busiest hour it is 9, and it keeps up. The first guess is what a run too long for the search
   * to go on simulates alone (past the budget), so it has to be one that keeps up.
   */
  const DAY = {
    name: 'a-day',
    start: '2026-01-05T00:00:00Z',
    duration: '1d',
    warmup: '1h',
    traffic: { type: 'diurnal', meanRps: 20, peakToTrough: 6, peakHour: 14, weekendFactor: 0.5 },
    requests: { cpu: { dist: 'lognormal', mean: '150ms', cv: 1 }, io: { dist: 'exponential', mean: '50ms' }, responseBytes: 16384 },
    platforms: [{ name: 'vm', model: 'compute-engine', machineType: 'e2-medium', count: 2, workers: 2, server: 'asyncio' }],
  };
  const resolve = (sets: readonly string[] = []) => resolveScenario(DAY, 'a-day.json', sets);
  const statusWith = (count: number) => {
    const s = resolve([`vm.count=${count}`]);
    return runPlatform(s, s.platforms[0]!, { seed: 1, replication: 0 }).status;
  };

  it('the first guess is sized for the busiest hour, not the mean, and keeps up where the mean\'s does not', () => {
    const scenario = resolve();
    const spec = scenario.platforms[0]!;
    const record = runPlatform(scenario, spec, { seed: 1, replication: 0 });
    expect(record.status).toBe('overloaded');
    const served = record.requests_completed / record.requests_arrived;
    expect(served).toBeGreaterThan(0.4);
    expect(served).toBeLessThan(0.6);
    // The search's first round: the fleet and the autoscaler's maxSize, both at 9.
    const first = searchRemedies(scenario, [record], resolve).next();
    expect(first.map((r) => r.specSets)).toEqual([['vm.count=9'], ['vm.autoscaling.mode=on', 'vm.autoscaling.minSize=2', 'vm.autoscaling.maxSize=9']]);
    // What the day's mean alone said (peakToMean 1): 5.
    const byMean = PLATFORMS.of(spec).verdict.remedies!(record, spec, { cpuPerRequest: 0.15, peakToMean: 1, measuredS: 86_400 })[0]!;
    expect(byMean.values[byMean.first]).toBe(5);
    expect(statusWith(9)).toBe('ok');
    expect(statusWith(5)).toBe('overloaded');
  });
});
