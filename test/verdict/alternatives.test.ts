import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiment/run.js';
import { resolveScenario } from '../../src/scenario/load.js';
import { alternativeSettings, runWithAlternatives } from '../../src/verdict/alternatives.js';

/**
 * An alternative billed beside the run, from the same lifecycle events, must cost exactly what
 * a separate run with that setting costs (billing changes no behaviour here): the common-random-
 * numbers promise of issue 11 item 4, checked to the nano-dollar.
 */
const file = {
  name: 'alternatives',
  duration: '30m',
  traffic: { type: 'poisson', rps: 8 },
  requests: { cpu: { dist: 'lognormal', mean: '30ms', cv: 1 }, io: { dist: 'exponential', mean: '50ms' }, responseBytes: 16384 },
  platforms: [
    { name: 'cloud-run', model: 'cloud-run', concurrency: 80 },
    { name: 'vm', model: 'compute-engine', machineType: 'e2-medium', count: 2, workers: 2 },
  ],
};

describe('alternatives re-billed from the same run', () => {
  it('cost what separate runs with the setting cost', () => {
    const scenario = resolveScenario(file, '');
    const resolveWith = (sets: readonly string[]) => resolveScenario(file, '', sets);
    const { records, alternatives } = runWithAlternatives(scenario, { seed: 5 }, resolveWith);
    expect(records).toEqual(runScenario(scenario, { seed: 5 }));
    expect(alternatives.map((a) => [a.platform, a.change, a.simulated])).toEqual([
      ['cloud-run', 'instance-based billing', false],
      ['vm', 'a 1-year committed use discount on its 2 VMs', false],
      ['vm', 'a 3-year committed use discount on its 2 VMs', false],
    ]);
    const separately = (set: string, name: string) => runScenario(resolveWith([set]), { seed: 5 }).find((r) => r.platform === name)!.cost_per_month_usd;
    expect(alternatives[0]!.costPerMonthUsd).toBeCloseTo(separately('cloud-run.billing=instance', 'cloud-run'), 9);
    expect(alternatives[1]!.costPerMonthUsd).toBeCloseTo(separately('vm.pricing=cud-1y', 'vm'), 9);
    expect(alternatives[2]!.costPerMonthUsd).toBeCloseTo(separately('vm.pricing=cud-3y', 'vm'), 9);
    // 37 % and 55 % off the VMs' machine time (cpu + memory lines) and nothing else.
    const vm = records[1]!;
    const machine = ((vm.cost_cpu_usd + vm.cost_memory_usd) * 730 * 3600) / vm.duration_s;
    expect(vm.cost_per_month_usd - alternatives[1]!.costPerMonthUsd).toBeCloseTo(0.37 * machine, 6);
    expect(vm.cost_per_month_usd - alternatives[2]!.costPerMonthUsd).toBeCloseTo(0.55 * machine, 6);
  });

  it('with the startup CPU boost the other billing setting is simulated, and still matches a separate run', () => {
    const boosted = { ...file, platforms: [{ ...file.platforms[0], startupCpuBoost: true }] };
    const scenario = resolveScenario(boosted, '');
    expect(alternativeSettings(scenario.platforms[0]!)[0]!.simulate).toBe(true);
    const { alternatives } = runWithAlternatives(scenario, { seed: 5 }, (sets) => resolveScenario(boosted, '', sets));
    expect(alternatives[0]!.simulated).toBe(true);
    const separate = runScenario(resolveScenario(boosted, '', ['cloud-run.billing=instance']), { seed: 5 })[0]!;
    expect(alternatives[0]!.costPerMonthUsd).toBe(separate.cost_per_month_usd);
  });

  it('none for Spot or committed VMs; request-based for an instance-based service', () => {
    const spot = resolveScenario({ ...file, platforms: [{ ...file.platforms[1], pricing: 'spot' }, { ...file.platforms[0], billing: 'instance' }] }, '');
    expect(alternativeSettings(spot.platforms[0]!)).toEqual([]);
    expect(alternativeSettings(spot.platforms[1]!).map((a) => a.set)).toEqual(['cloud-run.billing=request']);
  });
});
