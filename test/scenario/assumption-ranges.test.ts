import { describe, expect, it } from 'vitest';
import { assumptionRanges, rangeSets } from '../../src/scenario/assumptions.js';
import { resolveScenario } from '../../src/scenario/load.js';
import { baseScenario } from './helpers.js';

const platformOf = { 'cloud-run': 'cloud-run', 'compute-engine': 'vm', lambda: 'lambda' } as const;

/** The base scenario, with a Lambda platform beside the others for Lambda's assumptions. */
function scenarioFor(model: keyof typeof platformOf): Record<string, unknown> {
  const base = baseScenario();
  if (model !== 'lambda') return base;
  return { ...base, platforms: [...(base.platforms as unknown[]), { name: 'lambda', model: 'lambda' }] };
}

/**
 * Each assumption's low and high are values its scenario field accepts, and setting them
 * changes the resolved platform (the field is wired, not decorative): what `sim sensitivity`
 * relies on. Tier 2 price assumptions are checked on a platform in a Tier 2 region.
 */
describe('assumption ranges in models/', () => {
  const ranges = assumptionRanges();

  it('cover every assumption of both catalogs', () => {
    expect(ranges.length).toBeGreaterThan(25);
    expect(ranges.map((r) => r.key)).toContain('defaults.scaleInDelay');
    expect(ranges.map((r) => r.key)).toContain('prices.tier2.idleCpuSecond');
  });

  for (const r of assumptionRanges()) {
    it(`${r.model} ${r.key}: low ${JSON.stringify(r.low)} and high ${JSON.stringify(r.high)} resolve`, () => {
      const name = platformOf[r.model];
      const base = r.tier2Only ? [`${name}.region=europe-west2`] : [];
      const spec = (end: 'low' | 'high') => {
        const s = resolveScenario(scenarioFor(r.model), 'ranges.json', [...base, ...rangeSets(name, r, end)]);
        return JSON.stringify(s.platforms.find((p) => p.name === name));
      };
      const low = spec('low');
      const high = spec('high');
      if (JSON.stringify(r.low) === JSON.stringify(r.high)) expect(r.why).toMatch(/not varied/);
      else expect(low).not.toBe(high);
    });
  }

  it('sets a partial object key by key', () => {
    const r = assumptionRanges('compute-engine').find((x) => x.key === 'defaults.autoscaling')!;
    expect(rangeSets('vm', r, 'high')).toEqual(['vm.autoscaling.evaluationInterval=60s']);
    const c = assumptionRanges('cloud-run').find((x) => x.key === 'defaults.coldStart')!;
    expect(rangeSets('cr', c, 'low')).toEqual(['cr.coldStart={"dist":"lognormal","mean":"1s","cv":0.4}']);
  });
});
