import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenario/load.js';
import { planBreakeven } from '../../src/verdict/breakeven-hint.js';
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
