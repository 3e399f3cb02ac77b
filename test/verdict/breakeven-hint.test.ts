import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBreakeven } from '../../src/experiment/breakeven.js';
import { createJobPool } from '../../src/experiment/job-pool.js';
import { resolveScenario } from '../../src/scenario/load.js';
import { BREAKEVEN_BUDGET_S, insideBracket, knownRun as knownRunFor, planBreakeven, trafficBreakeven } from '../../src/verdict/breakeven-hint.js';
import { runScenario } from '../../src/experiment/run.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

/**
 * The break-even command the verdict prints when the search is too long to run inside `sim run`:
 * run as printed, it must search what the run would have searched, so it carries the run's seed
 * and --set flags (except one of the varied path, which --vary overrides), each a shell word.
 */
describe('planBreakeven', () => {
  it("gives the exact command: the run's seed and --set flags, quoted for the shell", () => {
    const sets = ['traffic.rps=8', "name=it's", 'vm.count=3'];
    const scenario = resolveScenario(TINY, 'tiny.json', sets);
    const plan = planBreakeven(scenario, 'my dir/tiny.json', sets, 42, ['cloud-run', 'vm'])!;
    expect(plan.command).toBe(
      "sim breakeven 'my dir/tiny.json' --vary traffic.rps --between 0.8,80 --metric cost_per_month_usd --replications 1 --seed 42 --set 'name=it'\\''s' --set vm.count=3",
    );
    expect(planBreakeven(scenario, 'tiny.json', sets, 7)!.command).toContain('--seed 7');
  });
});

describe('trafficBreakeven', () => {
  const scenario = resolveScenario({ ...TINY, duration: '30d' }, 'tiny.json');
  const plan = planBreakeven(scenario, 'tiny.json', [], 1, ['cloud-run', 'vm'])!;

  it('says the search compares costs alone when a platform of the pair does not keep up at the scenario\'s traffic', async () => {
    // A month: past the budget, so the entry is the command and nothing runs.
    expect(plan.seconds).toBeGreaterThan(BREAKEVEN_BUDGET_S);
    const ok = (await trafficBreakeven(plan, 'tiny.json', 1, ['cloud-run', 'vm'], undefined, new Map([['cloud-run', 'ok'], ['vm', 'ok']])))!;
    // 5 req/s for 30 days, 12,960,000 requests, twice (two platforms) in about 14.1 runs
    // (searchRuns: 0.1 + 10 + 4 x 1): 365 M requests at the typical 750,000 a second, 487 s, rounded up.
    expect(ok.hint).toMatch(/^Break-even traffic: `sim breakeven tiny\.json .*\(about 9 min on one core at 750,000 simulated requests\/s, about half that on two: its two platforms run side by side\)\.$/);
    const overloaded = (await trafficBreakeven(plan, 'tiny.json', 1, ['cloud-run', 'vm'], undefined, new Map([['cloud-run', 'ok'], ['vm', 'overloaded']])))!;
    expect(overloaded.hint).toBe(`${ok.hint} It compares costs alone: at this scenario's traffic vm is overloaded.`);
    const both = (await trafficBreakeven(plan, 'tiny.json', 1, ['cloud-run', 'vm'], undefined, new Map([['cloud-run', 'misses-slo'], ['vm', 'overloaded']])))!;
    expect(both.hint).toBe(`${ok.hint} It compares costs alone: at this scenario's traffic cloud-run misses its latency objective and vm is overloaded.`);
    // Without statuses (sim breakeven itself), nothing is added.
    expect((await trafficBreakeven(plan, 'tiny.json', 1, ['cloud-run', 'vm']))!.hint).toBe(ok.hint);
  });
});

/**
 * A piecewise traffic has no rate field but one multiplier, `scale`: the break-even varies it,
 * and says what it is in req/s. A constant profile of 5 req/s is TINY's traffic (10 minutes of
 * 5 req/s), so the values in req/s are 5 x the scale.
 */
describe('the break-even of a piecewise traffic: its scale', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalesim-breakeven-'));
  const writeScenario = (name: string, body: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(body));
    return file;
  };
  const piecewise = { ...TINY, traffic: { type: 'piecewise', points: [[0, 5]] } };

  it('varies traffic.scale over a tenth to ten times the value the run has', () => {
    const plan = planBreakeven(resolveScenario(piecewise, 'p.json'), 'p.json', [], 1, ['cloud-run', 'vm'])!;
    expect(plan).toMatchObject({ parameter: 'traffic.scale', low: 0.1, high: 10, unit: 'scale' });
    expect(plan.rpsPerUnit).toBeCloseTo(5, 12);
    expect(plan.command).toBe('sim breakeven p.json --vary traffic.scale --between 0.1,10 --metric cost_per_month_usd --replications 1 --seed 1');
    // With the scale set: around it, the set left out (--vary overrides it), req/s per unit unchanged.
    const sets = ['traffic.scale=2', 'vm.count=3'];
    const scaled = planBreakeven(resolveScenario(piecewise, 'p.json', sets), 'p.json', sets, 1, ['cloud-run', 'vm'])!;
    expect(scaled).toMatchObject({ low: 0.2, high: 20 });
    expect(scaled.rpsPerUnit).toBeCloseTo(5, 12);
    expect(scaled.command).toBe('sim breakeven p.json --vary traffic.scale --between 0.2,20 --metric cost_per_month_usd --replications 1 --seed 1 --set vm.count=3');
  });

  it('found inside the run, it reads as a multiple and as req/s', async () => {
    const plan = planBreakeven(resolveScenario(piecewise, 'p.json'), 'p.json', [], 1, ['cloud-run', 'vm'])!;
    expect(plan.seconds).toBeLessThan(BREAKEVEN_BUDGET_S);
    const found = (await trafficBreakeven(plan, writeScenario('p.json', piecewise), 1, ['cloud-run', 'vm']))!;
    const m = /^Break-even traffic: traffic\.scale ≈ ([\d.]+) \(([\d.]+) req\/s on average\); cloud-run is cheaper below it, vm above \(sim breakeven, \d+ values simulated\)\.$/.exec(found.hint);
    expect(m, found.hint).not.toBeNull();
    expect(Number(m![1])).toBe(Number(found.value!.toPrecision(3)));
    expect(Number(m![2])).toBeCloseTo(Number((found.value! * 5).toPrecision(3)), 9);
    // No crossing: 40 VMs cost more than Cloud Run at any of these rates.
    const sets = ['vm.count=40'];
    const none = (await trafficBreakeven(planBreakeven(resolveScenario(piecewise, 'p.json', sets), 'p.json', sets, 1, ['cloud-run', 'vm']), writeScenario('p.json', piecewise), 1, ['cloud-run', 'vm']))!;
    expect(none.hint).toBe('Break-even traffic: none between 0.1 and 10 times the traffic (traffic.scale; 0.5 to 50 req/s on average): cloud-run is cheaper throughout.');
  });
});

/**
 * A search that would take more than the budget (BREAKEVEN_BUDGET_S, on the plan's estimate of
 * each value: priced here as if a run at the scenario's own traffic took 4 s) stops before the
 * value it cannot afford, and says what it found and the command that goes on from there.
 */
describe('a break-even search that stops at its budget', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalesim-breakeven-budget-'));
  const piecewise = { ...TINY, traffic: { type: 'piecewise', points: [[0, 5]] } };
  const file = join(dir, 'p.json');
  writeFileSync(file, JSON.stringify(piecewise));
  const dear = (sets: string[]) => {
    const plan = planBreakeven(resolveScenario(piecewise, file, sets), file, sets, 1, ['cloud-run', 'vm'])!;
    return { ...plan, secondsAt: (v: number) => (4 * v) / plan.own };
  };

  it('with no crossing below the traffic and the high end too dear: none so far, and the command for the rest', async () => {
    // Cloud Run is cheaper at 0.1 and 1 times the traffic; 10 times would cost 40 s.
    const plan = dear([]);
    const found = (await trafficBreakeven(plan, file, 1, ['cloud-run', 'vm']))!;
    expect(found.value).toBeNull();
    expect(found.hint).toBe(
      `Break-even traffic: none between 0.1 and 1 times the traffic (traffic.scale; 0.5 to 5 req/s on average): cloud-run is cheaper throughout (sim breakeven, 2 values simulated in its budget of about 10 s). Above, to 10: \`${plan.commandFor(1, 10)}\` (about 2 min on one core at 750,000 simulated requests/s, about half that on two: its two platforms run side by side).`,
    );
    // searchRuns(1, 10) = 1 + 10 + 4 x 3.16 = 23.64 runs of 4 s: 95 s.
    expect(plan.commandFor(1, 10)).toBe(`sim breakeven ${file} --vary traffic.scale --between 1,10 --metric cost_per_month_usd --replications 1 --seed 1`);
  });

  it("takes the run's own records as the value at its own traffic: one simulation fewer, the same answer", async () => {
    const plan = dear([]);
    const run = runScenario(resolveScenario(piecewise, file), { seed: 1, replication: 0 });
    const found = (await trafficBreakeven(plan, file, 1, ['cloud-run', 'vm'], undefined, new Map(), run))!;
    expect(found.hint).toContain('cloud-run is cheaper throughout (sim breakeven, 1 value simulated beside this run in its budget of about 10 s)');
    const free = { ...plan, secondsAt: () => 0 };
    const alone = (await trafficBreakeven(free, file, 1, ['cloud-run', 'vm']))!;
    const beside = (await trafficBreakeven(free, file, 1, ['cloud-run', 'vm'], undefined, new Map(), run))!;
    expect(beside.value).toBe(alone.value);
    const count = (hint: string): number => Number(/(\d+) values? simulated/.exec(hint)![1]);
    expect(count(beside.hint)).toBe(count(alone.hint) - 1);
    expect(beside.hint).toContain('values simulated beside this run)');
    // Not when the search is not the run: one period of a longer run, or an inner point that is
    // not the run's value (4.567 req/s: 0.457 to 45.7, whose geometric mean is 4.57).
    expect(knownRunFor(plan, run)).toEqual({ value: 1, records: run });
    expect(knownRunFor({ ...plan, periodS: 86_400 }, run)).toBeUndefined();
    expect(knownRunFor({ ...plan, own: 4.567, low: 0.457, high: 45.7 }, run)).toBeUndefined();
  });

  it('shows the estimate to as many digits as keep it inside the bracket shown beside it', () => {
    // trace-per-minute at traffic.scale=30, 2 days (2026-12-04): "≈ 17.7, between 17.22 and 17.69".
    expect(insideBracket(17.66, 17.22, 17.69)).toBe('17.66');
    expect(insideBracket(17.688, 17.22, 17.69)).toBe('17.69');
    expect(insideBracket(12.61, 2, 20)).toBe('12.6');
    expect(insideBracket(0.0012346, 0.001234, 0.001235)).toBe('0.001235');
  });

  it('with a crossing bracketed, not yet to 2 %: the estimate, the bracket, and the command that narrows it', async () => {
    // At 20 times TINY's traffic the VMs are cheaper: the crossing (about 3.3) lies between 2 and 20.
    const plan = dear(['traffic.scale=20']);
    const found = (await trafficBreakeven(plan, file, 1, ['cloud-run', 'vm']))!;
    const m = /^Break-even traffic: traffic\.scale ≈ ([\d.]+) \(([\d.]+) req\/s on average\), between ([\d.]+) and ([\d.]+); cloud-run is cheaper below it, vm above \(sim breakeven, (\d+) values simulated in its budget of about 10 s\)\. To 2 %: `(.*)` \(about \d+ s on one core .*\)\.$/.exec(found.hint);
    expect(m, found.hint).not.toBeNull();
    const [estimate, a, b] = [Number(m![1]), Number(m![3]), Number(m![4])];
    expect(estimate).toBe(Number(insideBracket(found.value!, a, b)));
    expect(a).toBeLessThanOrEqual(estimate);
    expect(b).toBeGreaterThanOrEqual(estimate);
    expect(a).toBeLessThanOrEqual(found.value!);
    expect(b).toBeGreaterThanOrEqual(found.value!);
    expect(b - a).toBeGreaterThan(0.02 * ((a + b) / 2));
    expect(m![6]).toBe(plan.commandFor(a, b));
    // Run to the end, the same search finds the crossing inside that bracket.
    const full = (await trafficBreakeven({ ...plan, secondsAt: () => 0 }, file, 1, ['cloud-run', 'vm']))!;
    expect(full.value!).toBeGreaterThanOrEqual(a);
    expect(full.value!).toBeLessThanOrEqual(b);
  });
});

/**
 * A run of several periods of its traffic: the search runs one period (probeDuration), as the
 * verdict's remedies do, and its command says so, so that running it gives the same answer.
 */
describe('the break-even of a run longer than its traffic\'s period', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalesim-breakeven-period-'));
  // A daily cosine, weekends alike: a period of one day. 0.1 req/s of 2 s of CPU each, so that
  // the search is short and Cloud Run's bill crosses the VMs' (at about 0.55 req/s).
  const daily = {
    ...TINY,
    duration: '3d',
    warmup: '1h',
    traffic: { type: 'diurnal', meanRps: 0.1, peakToTrough: 3, peakHour: 14, weekendFactor: 1 },
    requests: { ...TINY.requests, cpu: { dist: 'lognormal', mean: '2s', cv: 1 } },
  };
  const file = join(dir, 'daily.json');
  writeFileSync(file, JSON.stringify(daily));

  it('plans one day: the command sets it (a --set of the duration left out), the estimate counts it', () => {
    const sets = ['duration=3d', 'vm.count=1'];
    const plan = planBreakeven(resolveScenario(daily, file, sets), 'daily.json', sets, 1, ['cloud-run', 'vm'])!;
    expect(plan.periodS).toBe(86_400);
    expect(plan.sets).toEqual(['vm.count=1', 'duration=1d']);
    expect(plan.command).toBe('sim breakeven daily.json --vary traffic.meanRps --between 0.01,1 --metric cost_per_month_usd --replications 1 --seed 1 --set vm.count=1 --set duration=1d');
    // 14.1 runs (searchRuns) of 0.1 req/s x 86,400 s on two platforms, at 750,000 requests/s.
    expect(plan.seconds).toBeCloseTo((14.1 * 2 * 0.1 * 86_400) / 750_000, 9);
    // Poisson has no period: the whole run.
    const poisson = planBreakeven(resolveScenario({ ...daily, traffic: { type: 'poisson', rps: 0.1 } }, file), 'daily.json', [], 1, ['cloud-run', 'vm'])!;
    expect(poisson.periodS).toBeNull();
    expect(poisson.command).not.toContain('duration');
  });

  it('finds what the printed command finds, and says over what', async () => {
    const plan = planBreakeven(resolveScenario(daily, file), file, [], 1, ['cloud-run', 'vm'])!;
    expect(plan.seconds).toBeLessThan(BREAKEVEN_BUDGET_S);
    const found = (await trafficBreakeven(plan, file, 1, ['cloud-run', 'vm']))!;
    expect(found.hint).toMatch(/^Break-even traffic: traffic\.meanRps ≈ [\d.]+ req\/s; cloud-run is cheaper below it, vm above \(sim breakeven over 1d, the traffic's own period; \d+ values simulated\)\.$/);
    const pool = createJobPool(1);
    try {
      const apart = await findBreakeven(
        { file, sets: ['duration=1d'], vary: 'traffic.meanRps', low: plan.low, high: plan.high, replications: 1, seed: 1, metric: 'cost_per_month_usd', tolerance: 0.02, platforms: ['cloud-run', 'vm'] },
        pool,
      );
      expect(apart.state === 'crossing' ? apart.estimate : null).toBe(found.value);
    } finally {
      await pool.close();
    }
  });
});
