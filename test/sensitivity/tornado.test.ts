import { describe, expect, it } from 'vitest';
import type { AssumptionRange } from '../../src/scenario/assumptions.js';
import type { AssumptionKind, ModelName } from '../../src/scenario/catalog-file.js';
import type { Judgement } from '../../src/sensitivity/judge.js';
import type { PlannedRow } from '../../src/sensitivity/plan.js';
import { assembleResult, robustness } from '../../src/sensitivity/tornado.js';

/** Two platforms a and b at the given costs per month; the cheaper is recommended, both ok. */
function judged(a: number, b: number): Judgement {
  const platforms = [
    { platform: 'a', costPerMonthUsd: a, latencyP99S: 0.1, status: 'ok' as const, rank: a <= b ? 1 : 2 },
    { platform: 'b', costPerMonthUsd: b, latencyP99S: 0.2, status: 'ok' as const, rank: a <= b ? 2 : 1 },
  ];
  return { recommended: a <= b ? 'a' : 'b', platforms };
}

function row(parameter: string, low: unknown, high: unknown, kind: AssumptionKind = 'unpublished', model: ModelName = 'cloud-run'): PlannedRow {
  const assumption: AssumptionRange = { model, key: `defaults.${parameter}`, field: parameter, value: 0, assumption: 'a guess', kind, low, high, why: 'a range', tier2Only: false };
  return { parameter: `a.${parameter}`, platform: 'a', assumption, baseline: 0, low, high, sets: { low: [], high: [] }, note: null, fromRun: false };
}

describe('the tornado', () => {
  // Baseline: a $100, b $110: a recommended, the difference (runner-up minus recommendation) $10.
  const baseline = judged(100, 110);
  const planned = [row('flat', 1, 2), row('wide', '30s', '5m'), row('flip', 9, 11), row('alsoFlat', 3, 4)];
  const at = [
    { low: judged(100, 110), high: judged(100, 110) }, // differences 10, 10: swing 0
    { low: judged(100, 130), high: judged(100, 105) }, // 30 and 5 around 10: swing 30 - 5 = 25
    { low: judged(100, 110), high: judged(120, 110) }, // 10 and -10: swing 20, and b is cheaper at high
    { low: judged(100, 110), high: judged(100, 110) }, // swing 0
  ];
  const result = assembleResult('s', 7, planned, [{ parameter: 'a.keepAlive', reason: 'n/a' }], baseline, at);

  it('orders rows by swing of the cost difference, largest first, ties by parameter', () => {
    expect(result.rows.map((r) => [r.parameter, r.swingUsd])).toEqual([
      ['a.wide', 25],
      ['a.flip', 20],
      ['a.alsoFlat', 0],
      ['a.flat', 0],
    ]);
  });

  it('takes the difference between the baseline pair at every variant, even when the order changes', () => {
    const flip = result.rows.find((r) => r.parameter === 'a.flip')!;
    expect(result.baseline.costDifferenceUsd).toBe(10);
    expect(flip.at.high.costDifferenceUsd).toBe(-10); // b 110 minus a 120
    expect(flip.at.high.recommended).toBe('b');
    expect(flip.flips).toBe(true);
    expect(result.rows.filter((r) => r.flips).map((r) => r.parameter)).toEqual(['a.flip']);
  });

  it('counts the ranges the verdict holds under and names the flip', () => {
    expect([result.holds, result.total]).toEqual([3, 4]);
    expect(result.summary).toBe('flips under 1 of the 4 rules Google does not publish: if a.flip is 11 (b recommended)');
    expect(result.kinds).toEqual([{ kind: 'unpublished', total: 4, holds: 3 }]);
    expect(result.skipped).toEqual([{ parameter: 'a.keepAlive', reason: 'n/a' }]);
  });

  it('names both ends of a range once when both flip to the same platform, each when they differ', () => {
    const three = (a: number, b: number, c: number): Judgement => ({
      recommended: a <= b && a <= c ? 'a' : b <= c ? 'b' : 'c',
      platforms: [
        { platform: 'a', costPerMonthUsd: a, latencyP99S: 0.1, status: 'ok', rank: 1 },
        { platform: 'b', costPerMonthUsd: b, latencyP99S: 0.1, status: 'ok', rank: 2 },
        { platform: 'c', costPerMonthUsd: c, latencyP99S: 0.1, status: 'ok', rank: 3 },
      ],
    });
    const same = assembleResult('s', 1, [row('n', 1, 4)], [], three(10, 11, 12), [{ low: three(20, 11, 12), high: three(30, 11, 12) }]);
    expect(same.summary).toBe('flips under the one rule Google does not publish: if a.n is 1 or 4 (b recommended)');
    const split = assembleResult('s', 1, [row('n', 1, 4)], [], three(10, 11, 12), [{ low: three(20, 11, 12), high: three(30, 13, 12) }]);
    expect(split.summary).toBe('flips under the one rule Google does not publish: if a.n is 1 (b recommended) or a.n is 4 (c recommended)');
  });

  it('says when it holds under all, and when nothing applies', () => {
    const holding = result.rows.filter((r) => !r.flips);
    expect(robustness(holding, result.baseline).summary).toBe('holds under all 3 rules Google does not publish');
    expect(robustness([], result.baseline)).toMatchObject({ holds: 0, total: 0 });
  });

  it('says what the verdict depends on kind by kind: the provider\'s unpublished rules, the service, the settings', () => {
    // a.flip (a setting) flips at its high end; a.cold (the service) at its low end; the rest hold.
    const planned = [row('rule1', 1, 2), row('rule2', 1, 2, 'unpublished', 'lambda'), row('cold', 1, 2, 'service'), row('warm', 1, 2, 'service'), row('count', 1, 4, 'setting')];
    const at = [
      { low: judged(100, 110), high: judged(100, 110) },
      { low: judged(100, 110), high: judged(100, 110) },
      { low: judged(120, 110), high: judged(100, 110) },
      { low: judged(100, 110), high: judged(100, 110) },
      { low: judged(100, 110), high: judged(130, 110) },
    ];
    const r = assembleResult('s', 1, planned, [], baseline, at);
    expect(r.kinds).toEqual([
      { kind: 'unpublished', total: 2, holds: 2 },
      { kind: 'service', total: 2, holds: 1 },
      { kind: 'setting', total: 1, holds: 0 },
    ]);
    expect([r.holds, r.total]).toEqual([3, 5]);
    expect(r.summary).toBe(
      'holds under both rules Google and AWS do not publish; flips under 1 of the 2 assumptions about your service: if a.cold is 1 (b recommended); ' +
        'flips under your one setting: if a.count is 4 (b recommended)',
    );
    expect(r.rows.map((x) => [x.parameter, x.kind])).toContainEqual(['a.count', 'setting']);
    // Two kinds that hold are joined with "and".
    const holding = assembleResult('s', 1, planned.slice(0, 2).concat(planned[3]!), [], baseline, [at[0]!, at[1]!, at[3]!]);
    expect(holding.summary).toBe('holds under both rules Google and AWS do not publish and the one assumption about your service');
  });

  it('with one platform measures the swing of its cost and has no difference', () => {
    const one = (c: number): Judgement => ({ recommended: 'a', platforms: [{ platform: 'a', costPerMonthUsd: c, latencyP99S: 0.1, status: 'ok', rank: 1 }] });
    const r = assembleResult('s', 1, [row('x', 1, 2)], [], one(50), [{ low: one(40), high: one(65) }]);
    expect(r.baseline.costDifferenceUsd).toBeNull();
    expect(r.rows[0]!.swingUsd).toBe(25); // 65 - 40
  });
});
