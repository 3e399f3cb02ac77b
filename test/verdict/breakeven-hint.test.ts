import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenario/load.js';
import { BREAKEVEN_BUDGET_S, planBreakeven, trafficBreakeven } from '../../src/verdict/breakeven-hint.js';
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
    const ok = (await trafficBreakeven(plan, 'tiny.json', [], 1, ['cloud-run', 'vm'], undefined, new Map([['cloud-run', 'ok'], ['vm', 'ok']])))!;
    // 5 req/s for 30 days, 12,960,000 requests, twice (two platforms) in about 20 runs: 518 M
    // requests at the typical 750,000 a second, 691 s.
    expect(ok.hint).toMatch(/^Break-even traffic: `sim breakeven tiny\.json .*\(about 12 min on one core at 750,000 simulated requests\/s, about half that on two: its two platforms run side by side\)\.$/);
    const overloaded = (await trafficBreakeven(plan, 'tiny.json', [], 1, ['cloud-run', 'vm'], undefined, new Map([['cloud-run', 'ok'], ['vm', 'overloaded']])))!;
    expect(overloaded.hint).toBe(`${ok.hint} It compares costs alone: at this scenario's traffic vm is overloaded.`);
    const both = (await trafficBreakeven(plan, 'tiny.json', [], 1, ['cloud-run', 'vm'], undefined, new Map([['cloud-run', 'misses-slo'], ['vm', 'overloaded']])))!;
    expect(both.hint).toBe(`${ok.hint} It compares costs alone: at this scenario's traffic cloud-run misses its latency objective and vm is overloaded.`);
    // Without statuses (sim breakeven itself), nothing is added.
    expect((await trafficBreakeven(plan, 'tiny.json', [], 1, ['cloud-run', 'vm']))!.hint).toBe(ok.hint);
  });
});
