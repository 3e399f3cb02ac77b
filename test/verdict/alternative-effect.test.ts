import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenario/load.js';
import { buildVerdict, type AlternativeCost } from '../../src/verdict/build-verdict.js';
import { summaryRecord } from '../output/summary-fixture.js';

const scenario = resolveScenario(
  {
    name: 'diurnal',
    duration: '7d',
    traffic: { type: 'poisson', rps: 20 },
    requests: { cpu: '30ms' },
    platforms: [
      { name: 'cloud-run', model: 'cloud-run' },
      { name: 'vm', model: 'compute-engine', count: 2 },
    ],
  },
  '',
);

const rebilled = (platform: string, change: string, costPerMonthUsd: number, status: AlternativeCost['status']): AlternativeCost => ({ platform, change, costPerMonthUsd, status, simulated: false });

/** vm ok at $179, cloud-run at $221 (ok, or overloaded when `cloudRunOverloaded`). */
function verdictWith(alternatives: AlternativeCost[], cloudRunOverloaded = false) {
  const vm = summaryRecord({ platform: 'vm', model: 'compute-engine', rank: 1, cost_per_month_usd: 179 });
  const cloudRun = cloudRunOverloaded
    ? summaryRecord({ rank: 2, status: 'overloaded', cost_per_month_usd: 221, requests_rejected: 1_000_000, requests_completed: 11_095_870 })
    : summaryRecord({ rank: 2, cost_per_month_usd: 221 });
  return buildVerdict({ scenario, records: [vm, cloudRun], alternatives });
}

describe('what an alternative does to the recommendation, said as what it would be', () => {
  it('a cheaper ok alternative of the runner-up makes it the choice; a dearer one leaves the recommendation', () => {
    const v = verdictWith([rebilled('cloud-run', 'instance-based billing', 194, 'ok'), rebilled('cloud-run', '3-year committed use discount', 150, 'ok')]);
    expect(v.recommended).toBe('vm');
    expect(v.alternatives.map((a) => [a.flipsVerdict, a.recommendedWith])).toEqual([
      [false, 'vm'],
      [true, 'cloud-run'],
    ]);
    expect(v.lines).toContain('    cloud-run  with instance-based billing: $194/month [ok], same recommendation (re-billed from the same run)');
    expect(v.lines).toContain('    cloud-run  with 3-year committed use discount: $150/month [ok], makes cloud-run the choice (re-billed from the same run)');
  });

  it('the recommendation overloaded by a smaller size, with the other platform overloaded too, leaves none that keeps up', () => {
    // What a right-size search shows: 1 VM does not keep up, so 2 is the least that does.
    const v = verdictWith([rebilled('vm', '1 VM instead of 2', 120, 'overloaded')], true);
    expect(v.recommended).toBe('vm');
    expect(v.alternatives[0]).toMatchObject({ flipsVerdict: true, recommendedWith: null });
    expect(v.lines).toContain('    vm         with 1 VM instead of 2: $120/month [overloaded], leaves none that keeps up (re-billed from the same run)');
  });

  it('the recommendation overloaded by a smaller size hands it to the other platform when that one keeps up', () => {
    const v = verdictWith([rebilled('vm', '1 VM instead of 2', 120, 'overloaded')]);
    expect(v.alternatives[0]).toMatchObject({ flipsVerdict: true, recommendedWith: 'cloud-run' });
    expect(v.lines.some((l) => l.includes('[overloaded], makes cloud-run the choice'))).toBe(true);
  });
});
