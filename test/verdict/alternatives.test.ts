import { describe, expect, it } from 'vitest';
import { runScenario, simulatePlatform } from '../../src/experiment/run.js';
import { resolveScenario } from '../../src/scenario/load.js';
import { TINY_SWEEP_SCENARIO } from '../helpers/tiny-scenario.js';
import { alternativeSettings, costWithCommitment, runWithAlternatives } from '../../src/verdict/alternatives.js';
import { hourFractions } from '../../src/billing/hourly-spend.js';

/**
 * An alternative billed beside the run, from the same lifecycle events, must cost exactly what
 * a separate run with that setting costs (billing changes no behaviour here): the common-random-
 * numbers promise of issue 11 item 4, checked to the nano-dollar.
 */
// The sweep tests' tiny scenario (Cloud Run and two VMs), half an hour at 8 req/s.
const file = { ...TINY_SWEEP_SCENARIO, name: 'alternatives', duration: '30m', traffic: { type: 'poisson', rps: 8 } };

describe('alternatives re-billed from the same run', () => {
  it('cost what separate runs with the setting cost', () => {
    const scenario = resolveScenario(file, '');
    const resolveWith = (sets: readonly string[]) => resolveScenario(file, '', sets);
    const { records, alternatives } = runWithAlternatives(scenario, { seed: 5 }, resolveWith);
    expect(records).toEqual(runScenario(scenario, { seed: 5 }));
    expect(alternatives.map((a) => [a.platform, a.change.replace(/committing \$[\d.]+\/h/, 'committing $C/h'), a.simulated])).toEqual([
      ['cloud-run', 'a committed use discount (17 %, 1 or 3 years), committing $C/h', false],
      ['cloud-run', 'instance-based billing', false],
      ['cloud-run', 'instance-based billing and a 1-year committed use discount (28 %), committing $C/h', false],
      ['cloud-run', 'instance-based billing and a 3-year committed use discount (46 %), committing $C/h', false],
      ['vm', 'a 1-year committed use discount on its 2 VMs', false],
      ['vm', 'a 3-year committed use discount on its 2 VMs', false],
      // The VMs keep up: would one? (src/verdict/alternatives.ts searchRemedies, VerdictHooks.rightSizes)
      ['vm', '1 VM instead of 2', true],
    ]);
    const byChange = (start: string) => alternatives.find((a) => a.change.startsWith(start))!;
    const separately = (set: string, name: string) => runScenario(resolveWith([set]), { seed: 5 }).find((r) => r.platform === name)!.cost_per_month_usd;
    expect(byChange('instance-based billing').costPerMonthUsd).toBeCloseTo(separately('cloud-run.billing=instance', 'cloud-run'), 9);
    expect(byChange('a 1-year committed use discount on').costPerMonthUsd).toBeCloseTo(separately('vm.pricing=cud-1y', 'vm'), 9);
    expect(byChange('a 3-year committed use discount on').costPerMonthUsd).toBeCloseTo(separately('vm.pricing=cud-3y', 'vm'), 9);
    expect(byChange('1 VM instead of 2').costPerMonthUsd).toBe(separately('vm.count=1', 'vm'));
    // 37 % and 55 % off the VMs' machine time (cpu + memory lines) and nothing else.
    const vm = records[1]!;
    const machine = ((vm.cost_cpu_usd + vm.cost_memory_usd) * 730 * 3600) / vm.duration_s;
    expect(vm.cost_per_month_usd - byChange('a 1-year committed use discount on').costPerMonthUsd).toBeCloseTo(0.37 * machine, 6);
    expect(vm.cost_per_month_usd - byChange('a 3-year committed use discount on').costPerMonthUsd).toBeCloseTo(0.55 * machine, 6);
    // A spend commitment priced from the run's hours costs what the fidelity billing of a
    // scenario with that commitment costs (src/billing/commitment.ts, cloud-run-billing.ts).
    const cud = byChange('a committed use discount (17 %');
    const hourlyUsd = Number(/committing \$([\d.]+)\/h/.exec(cud.change)![1]);
    expect(hourlyUsd).toBeGreaterThan(0);
  });

  it('with the startup CPU boost the other billing setting is simulated, and still matches a separate run', () => {
    const boosted = { ...file, platforms: [{ ...file.platforms[0], startupCpuBoost: true }] };
    const scenario = resolveScenario(boosted, '');
    expect(alternativeSettings(scenario.platforms[0]!)[0]!.simulate).toBe(true);
    const { alternatives } = runWithAlternatives(scenario, { seed: 5 }, (sets) => resolveScenario(boosted, '', sets));
    const other = alternatives.find((a) => a.change === 'instance-based billing')!;
    expect(other.simulated).toBe(true);
    const separate = runScenario(resolveScenario(boosted, '', ['cloud-run.billing=instance']), { seed: 5 })[0]!;
    expect(other.costPerMonthUsd).toBe(separate.cost_per_month_usd);
  });

  it('none for Spot or committed VMs; request-based for an instance-based service', () => {
    const spot = resolveScenario({ ...file, platforms: [{ ...file.platforms[1], pricing: 'spot' }, { ...file.platforms[0], billing: 'instance' }] }, '');
    expect(alternativeSettings(spot.platforms[0]!)).toEqual([]);
    expect(alternativeSettings(spot.platforms[1]!).map((a) => a.set)).toEqual(['cloud-run.billing=request']);
  });
});

describe('a spend commitment priced from the hours of the same run', () => {
  // Half an hour from 00:00 (one part-hour), and an hour from 00:40 (two: 20 and 40 minutes).
  it.each([
    { start: undefined, duration: '30m' },
    { start: '2026-01-05T00:40:00Z', duration: '1h' },
  ])('equals the bill of a scenario that carries that commitment ($duration from $start)', ({ start, duration }) => {
    const f = { ...file, duration, ...(start === undefined ? {} : { start }) };
    const scenario = resolveScenario(f, '');
    const { records, alternatives } = runWithAlternatives(scenario, { seed: 5 }, (sets) => resolveScenario(f, '', sets));
    const cud = alternatives.find((a) => a.change.startsWith('a committed use discount (17 %'))!;
    // The change text rounds C to 3 digits: price the exact C of the same run instead.
    const run = simulatePlatform(scenario, scenario.platforms[0]!, { seed: 5 });
    const fractions = hourFractions(scenario.startEpochMs, scenario.duration);
    expect(fractions.length).toBe(run.eligibleHours.length);
    const priced = costWithCommitment(run.record.cost_total_usd, run.eligibleHours, 0.17, fractions);
    expect((priced.costUsd * 730 * 3600) / scenario.duration).toBeCloseTo(cud.costPerMonthUsd, 9);
    const committed = runScenario(
      resolveScenario({ ...f, platforms: [{ ...f.platforms[0], commitment: { term: '1y', hourlyUsd: priced.hourlyUsd } }, f.platforms[1]] }, ''),
      { seed: 5 },
    )[0]!;
    expect(committed.cost_total_usd).toBeCloseTo(priced.costUsd, 12);
    // A 17 % commitment saves at most 17 % of the eligible spend. Before part-hours were
    // prorated, half an hour's spend was covered by a whole hour's commitment at half its fee,
    // and this "saving" was about half the eligible spend.
    const eligible = run.eligibleHours.reduce((a, b) => a + b, 0);
    const saved = records[0]!.cost_total_usd - priced.costUsd;
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThanOrEqual(0.17 * eligible + 1e-12);
  });
});
