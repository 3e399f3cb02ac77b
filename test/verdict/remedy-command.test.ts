import { describe, expect, it } from 'vitest';
import type { SummaryRecord } from '../../src/metrics/summary.js';
import { estimateRun } from '../../src/experiment/preflight.js';
import type { PlatformRun } from '../../src/experiment/run.js';
import { PLATFORMS } from '../../src/platforms/registry.js';
import { resolveScenario } from '../../src/scenario/load.js';
import type { PlatformSpec } from '../../src/scenario/types.js';
import { searchRemedies } from '../../src/verdict/alternatives.js';
import { untriedCommand } from '../../src/verdict/remedy-command.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

/**
 * The command a remedy search stopped at its budget gives for the values it left untried
 * (src/verdict/remedy-command.ts): `sim optimize` over the one path the ladder varies, on the
 * scenario's objectives, at the run's seed, with the run's and the ladder's other flags.
 */
const file = {
  ...TINY,
  slo: { served: 0.995, latencyP99: '800ms' },
  platforms: [
    { name: 'cloud-run', model: 'cloud-run' },
    { name: 'vm', model: 'compute-engine', count: 2 },
  ],
};
const scenario = resolveScenario(file, 'remedies.json');
const spec = (name: string): PlatformSpec => scenario.platforms.find((p) => p.name === name)!;
// Served a third of 200,000 requests over TINY's 10 minutes: the served estimate, 8 VMs, is the smaller (the CPU asks 17).
const overloaded = { status: 'overloaded', requests_arrived: 200_000, requests_completed: 66_600, instances_max: 1 } as SummaryRecord;
const load = { cpuPerRequest: 0.03, peakToMean: 1, measuredS: 0 };
const run = { file: 'my service.yaml', sets: ['traffic.rps=40', 'vm.count=2'], seed: 7 };

describe('untriedCommand', () => {
  it('a fixed fleet: a grid of vm.count on the scenario\'s objectives, the run\'s flags but the varied one', () => {
    const [fleet, auto] = PLATFORMS.of(spec('vm')).verdict.remedies!(overloaded, spec('vm'), load);
    const command = untriedCommand(fleet!, [3, 4, 5], scenario, spec('vm'), run)!;
    expect(command.command).toBe(
      "sim optimize 'my service.yaml' --grid vm.count=3..5 --slo 'reject<=0.005' --slo 'p99<=0.8s' --replications 1 --seed 7 --set traffic.rps=40",
    );
    // At the preflight's typical rate: the fleet three times, Cloud Run once (sim optimize runs it too).
    const alone = (name: string) => estimateRun({ ...scenario, platforms: [spec(name)] }).typicalSeconds;
    expect(command.seconds).toBeCloseTo(3 * alone('vm') + alone('cloud-run'), 12);
    // The autoscaler's ladder varies its maxSize; its mode and minSize are fixed flags after the run's.
    expect(untriedCommand(auto!, [3, 4], scenario, spec('vm'), run)!.command).toBe(
      "sim optimize 'my service.yaml' --grid vm.autoscaling.maxSize=3,4 --slo 'reject<=0.005' --slo 'p99<=0.8s' --replications 1 --seed 7 --set traffic.rps=40 --set vm.count=2 --set vm.autoscaling.mode=on --set vm.autoscaling.minSize=2",
    );
    expect(untriedCommand(fleet!, [], scenario, spec('vm'), run)).toBeNull();
  });

  it('none when the ladder varies two flags at once (Cloud Run vCPU sizes bring their memory)', () => {
    const big = resolveScenario(file, 'remedies.json', ['cloud-run.cpu=4', 'cloud-run.memory=16Gi']);
    const cr = big.platforms.find((p) => p.name === 'cloud-run')!;
    const [sizes] = PLATFORMS.of(cr).verdict.rightSizes!({ status: 'ok', requests_arrived: 1000, requests_completed: 1000 } as SummaryRecord, cr, load);
    expect(sizes!.setting(1).also).toEqual(['cloud-run.memory=4Gi']);
    expect(sizes!.setting(2).also).toEqual(['cloud-run.memory=8Gi']);
    expect(untriedCommand(sizes!, [1], big, cr, run)).toBeNull();
  });

  it('in the note of a search stopped at its budget, and only with what sim run was given', () => {
    const records = [{ ...overloaded, platform: 'vm' } as SummaryRecord];
    const resolve = (sets: readonly string[]) => resolveScenario(file, 'remedies.json', sets);
    const drive = (search: ReturnType<typeof searchRemedies>) => {
      for (let round = search.next(); round.length > 0; round = search.next()) {
        search.record(round.map((r) => ({ record: { ...overloaded, platform: 'vm', status: 'ok', cost_per_month_usd: 1 } }) as unknown as PlatformRun));
      }
      return search.costs()[0]!.search!.note;
    };
    // 8 first, which keeps up; 3 to 7 untried at a budget of 0.
    expect(drive(searchRemedies(scenario, records, resolve, 0))).toBe("less may keep up too: 3 VMs to 7 VMs not simulated (past sim run's 10 s budget); 1 simulation");
    expect(drive(searchRemedies(scenario, records, resolve, 0, { file: 'remedies.json', sets: [], seed: 1 }))).toMatch(
      /^less may keep up too: 3 VMs to 7 VMs not simulated \(past sim run's 10 s budget: `sim optimize remedies\.json --grid vm\.count=3\.\.7 --slo 'reject<=0\.005' --slo 'p99<=0\.8s' --replications 1 --seed 1` tries them, about \d+ s on one core\); 1 simulation$/,
    );
  });

  it('over one period of the traffic when the probes were: the command sets that duration, in place of the run\'s', () => {
    // A daily cosine over three days: the probes and the command run one day.
    const daily = { ...file, duration: '3d', traffic: { type: 'diurnal', meanRps: 40, peakToTrough: 2, peakHour: 14, weekendFactor: 1 } };
    const resolveDaily = (sets: readonly string[] = []) => resolveScenario(daily, 'daily.json', sets);
    const search = searchRemedies(resolveDaily(), [{ ...overloaded, platform: 'vm' } as SummaryRecord], resolveDaily, 0, { file: 'daily.json', sets: ['duration=3d'], seed: 1 });
    expect(search.probe.sets).toEqual(['duration=1d']);
    expect(search.probe.scenario.duration).toBe(86_400);
    for (let round = search.next(); round.length > 0; round = search.next()) {
      search.record(round.map(() => ({ record: { ...overloaded, platform: 'vm', status: 'ok', cost_per_month_usd: 1 } }) as unknown as PlatformRun));
    }
    const note = search.costs()[0]!.search!.note;
    expect(note).toMatch(/`sim optimize daily\.json --grid vm\.count=[\d,]+ --slo 'reject<=0\.005' --slo 'p99<=0\.8s' --replications 1 --seed 1 --set duration=1d` tries them/);
    expect(note).toMatch(/; 1 simulation of 1d, the traffic's own period$/);
  });
});
