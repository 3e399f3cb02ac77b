import { describe, expect, it } from 'vitest';
import type { SummaryRecord } from '../../src/metrics/summary.js';
import { PLATFORMS } from '../../src/platforms/registry.js';
import { resolveScenario } from '../../src/scenario/load.js';
import type { PlatformSpec } from '../../src/scenario/types.js';
import type { PlatformRun } from '../../src/experiment/run.js';
import { searchRemedies } from '../../src/verdict/alternatives.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

/**
 * What the verdict simulates for a platform that did not keep up (VerdictHooks.remedies,
 * src/verdict/alternatives.ts searchRemedies): the one number its advice would change, as a
 * ladder of values with the advice's estimate tried first. Records here are made up: only the
 * fields the rules read matter.
 */
const record = (platform: string, fields: Partial<SummaryRecord>): SummaryRecord =>
  ({ platform, status: 'ok', requests_arrived: 1000, requests_completed: 1000, requests_rejected: 0, instances_max: 1, ...fields }) as SummaryRecord;

const scenarioFile = {
  ...TINY,
  platforms: [
    { name: 'cloud-run', model: 'cloud-run', maxInstances: 10 },
    { name: 'vm', model: 'compute-engine', count: 2 },
    { name: 'auto', model: 'compute-engine', autoscaling: { mode: 'on', maxSize: 4 } },
    { name: 'lambda', model: 'lambda', memory: '128Mi' },
    { name: 'big', model: 'lambda', memory: '4096Mi', concurrencyLimit: 100 },
  ],
};
const scenario = resolveScenario(scenarioFile, 'remedies.json');
const spec = (name: string): PlatformSpec => scenario.platforms.find((p) => p.name === name)!;
// TINY's requests: 30 ms of CPU each; the made-up records have no warm-up (their counts cover duration_s).
const load = (fields: Partial<SummaryRecord>, peakToMean: number) => ({ cpuPerRequest: 0.03, peakToMean, measuredS: fields.duration_s ?? 0 });
const ladders = (name: string, fields: Partial<SummaryRecord>, peakToMean = 1) =>
  PLATFORMS.of(spec(name)).verdict.remedies?.(record(name, fields), spec(name), load(fields, peakToMean)) ?? [];
/** Each ladder's first value (the advice's estimate) as its change and --set. */
const remedies = (name: string, fields: Partial<SummaryRecord>, peakToMean = 1) =>
  ladders(name, fields, peakToMean).map((l) => {
    const setting = l.setting(l.values[l.first]!);
    return [setting.change, setting.set];
  });

/**
 * A fleet that served a third: 200,000 requests over TINY's 10 minutes (333/s x 30 ms over one
 * e2-medium vCPU at 60 %: 17 VMs for the CPU), so that the served estimate, 1.25 x 2 / 0.333 = 8,
 * is the smaller and the one tried first.
 */
const TURNED_AWAY: Partial<SummaryRecord> = { status: 'overloaded', requests_arrived: 200_000, requests_completed: 66_600 };

describe('remedies', () => {
  it('VMs: the smaller of what the fleet turned away and what the CPU offered needs, at least twice as many', () => {
    // Served a third at 2 VMs: 1.25 x 2 / (1/3) = 7.5 -> 8.
    expect(remedies('vm', { status: 'overloaded', requests_completed: 333 })[0]).toEqual(['8 VMs instead of 2', 'vm.count=8']);
    // Served nearly all but too slowly: twice the fleet.
    expect(remedies('vm', { status: 'misses-slo' })[0]).toEqual(['4 VMs instead of 2', 'vm.count=4']);
    // Served almost nothing: served is floored at 5 %, 25 times the fleet, not without bound.
    expect(remedies('vm', { status: 'overloaded', requests_completed: 0 })[0]).toEqual(['50 VMs instead of 2', 'vm.count=50']);
    expect(remedies('auto', { status: 'overloaded', requests_completed: 500 })).toEqual([['an autoscaler maxSize of 10 instead of 4', 'auto.autoscaling.maxSize=10']]);
    // The CPU offered bounds it: 1000 requests in 10 s x 30 ms = 3 vCPU, over one e2-medium vCPU at 60 % = 5 VMs.
    expect(remedies('vm', { status: 'overloaded', requests_completed: 0, duration_s: 10 })[0]).toEqual(['5 VMs instead of 2', 'vm.count=5']);
    expect(remedies('vm', { status: 'overloaded', requests_completed: 333, duration_s: 10 })[0]).toEqual(['5 VMs instead of 2', 'vm.count=5']);
    // ... and never below twice the fleet; the smaller estimate wins (served a third: 8; the CPU, 1000 s: 1).
    expect(remedies('vm', { status: 'overloaded', requests_completed: 333, duration_s: 1000 })[0]).toEqual(['4 VMs instead of 2', 'vm.count=4']);
    // Both estimates are for the busiest hour: at twice the run's mean, served 333 of 1000 says
    // 1.25 x 2 x 2 / 0.333 = 15.02 -> 16, the CPU 2 x 3 vCPU at 60 % = 10; the smaller wins.
    expect(remedies('vm', { status: 'overloaded', requests_completed: 333, duration_s: 10 }, 2)[0]).toEqual(['10 VMs instead of 2', 'vm.count=10']);
    expect(remedies('vm', { status: 'overloaded', requests_completed: 333 }, 2)[0]).toEqual(['16 VMs instead of 2', 'vm.count=16']);
    expect(remedies('auto', { status: 'overloaded', requests_completed: 500 }, 1.5)).toEqual([['an autoscaler maxSize of 15 instead of 4', 'auto.autoscaling.maxSize=15']]);
    expect(remedies('vm', {})).toEqual([]);
  });

  it('a fixed fleet: the MIG autoscaler too, from its own size to a maxSize searched from the same estimate', () => {
    const [fleet, auto] = ladders('vm', { status: 'overloaded', requests_completed: 333 });
    expect(auto!.values).toEqual(fleet!.values);
    expect(auto!.first).toBe(fleet!.first);
    const setting = auto!.setting(8);
    expect([setting.change, setting.set, setting.also]).toEqual([
      'the MIG autoscaler from 2 to 8 VMs at 60 % CPU instead of a fixed 2',
      'vm.autoscaling.mode=on',
      ['vm.autoscaling.minSize=2', 'vm.autoscaling.maxSize=8'],
    ]);
    // An autoscaled fleet has one ladder, its maxSize.
    expect(ladders('auto', { status: 'overloaded', requests_completed: 500 })).toHaveLength(1);
  });

  it('Cloud Run: twice maxInstances when it hit them, the next vCPU size when too slow, nothing else', () => {
    expect(remedies('cloud-run', { status: 'overloaded', instances_max: 10 })).toEqual([['maxInstances 20 instead of 10', 'cloud-run.maxInstances=20']]);
    expect(remedies('cloud-run', { status: 'misses-slo' })).toEqual([['2 vCPU instead of 1', 'cloud-run.cpu=2']]);
    // Overloaded below maxInstances (lost in the pending queue while instances started): warm
    // instances, up to the run's peak of 3, which is tried first.
    expect(remedies('cloud-run', { status: 'overloaded', instances_max: 3 })).toEqual([['minInstances 3 instead of 0', 'cloud-run.minInstances=3']]);
    expect(ladders('cloud-run', { status: 'overloaded', instances_max: 3 })[0]!.values).toEqual([1, 2, 3]);
    // None above its own to try: nothing.
    expect(remedies('cloud-run', { status: 'overloaded', instances_max: 0 })).toEqual([]);
  });

  it('Lambda: twice the concurrency limit when throttled, else four times the memory up to 10,240 MB', () => {
    expect(remedies('big', { status: 'overloaded', requests_rejected: 5 })).toEqual([['a concurrency limit of 200 instead of 100', 'big.concurrencyLimit=200']]);
    expect(remedies('lambda', { status: 'overloaded' })).toEqual([['512 MB instead of 128 MB', 'lambda.memory=512Mi']]);
    expect(remedies('big', { status: 'misses-slo' })).toEqual([['10240 MB instead of 4096 MB', 'big.memory=10240Mi']]);
  });

  it('the ladders: every value beyond the platform\'s own, ascending, far enough past the estimate to go up from it', () => {
    const vm = ladders('vm', { status: 'overloaded', requests_completed: 333 })[0]!;
    // 3 VMs and up to four times the estimate of 8.
    expect([vm.values[0], vm.values.at(-1), vm.values.length, vm.values[vm.first]]).toEqual([3, 32, 30, 8]);
    expect(vm.describe(1)).toBe('1 VM');
    const run = ladders('cloud-run', { status: 'overloaded', instances_max: 10 })[0]!;
    expect([run.values[0], run.values.at(-1), run.values[run.first]]).toEqual([11, 80, 20]);
    expect(ladders('cloud-run', { status: 'misses-slo' })[0]!.values).toEqual([2, 4, 6, 8]);
    // Lambda's usual memory sizes above 128 MB, and four times it (512) tried first.
    const memory = ladders('lambda', { status: 'overloaded' })[0]!;
    expect(memory.values).toEqual([256, 512, 1024, 1769, 2048, 3008, 4096, 6144, 8192, 10240]);
    expect(memory.values[memory.first]).toBe(512);
    for (const ladder of [vm, run, memory]) {
      expect(ladder.values.every((v, i) => i === 0 || v > ladder.values[i - 1]!)).toBe(true);
    }
  });

  it('searchRemedies: only platforms that are not ok, in scenario order; the estimates first, then a bisection to the least that keeps up', () => {
    const file = { ...TINY, platforms: [{ name: 'cloud-run', model: 'cloud-run', maxInstances: 10 }, { name: 'vm', model: 'compute-engine', count: 2 }, { name: 'lambda', model: 'lambda', memory: '128Mi' }] };
    const three = resolveScenario(file, 'remedies.json');
    const records = [record('cloud-run', {}), record('vm', TURNED_AWAY), record('lambda', { status: 'overloaded' })];
    const search = searchRemedies(three, records, (sets) => resolveScenario(file, 'remedies.json', sets));
    // Made-up outcomes: room for 6 VMs or more keeps up (a fixed fleet or the autoscaler's maxSize), and 1024 MB or more.
    const size = (spec: PlatformSpec): number => {
      if (spec.model === 'lambda') return (spec as { memoryMiB: number }).memoryMiB;
      const vm = spec as { count: number; autoscaling: { mode: string; maxSize: number } };
      return vm.autoscaling.mode === 'on' ? vm.autoscaling.maxSize : vm.count;
    };
    const outcome = (spec: PlatformSpec): PlatformRun => {
      const ok = size(spec) >= (spec.model === 'lambda' ? 1024 : 6);
      return { record: record(spec.name, { status: ok ? 'ok' : 'overloaded', cost_per_month_usd: size(spec) }) } as PlatformRun;
    };
    const auto = (n: number) => `vm.autoscaling.mode=on vm.autoscaling.minSize=2 vm.autoscaling.maxSize=${n}`;
    const rounds: string[][] = [];
    for (let round = search.next(); round.length > 0; round = search.next()) {
      rounds.push(round.map((r) => r.specSets!.join(' ')));
      expect(round.every((r) => !r.own)).toBe(true);
      search.record(round.map((r) => outcome(r.spec)));
    }
    expect(rounds).toEqual([
      ['vm.count=8', auto(8), 'lambda.memory=512Mi'],
      // 8 keeps up: halfway down to the own 2 (5); 512 MB does not: up to twice it.
      ['vm.count=5', auto(5), 'lambda.memory=1024Mi'],
      ['vm.count=6', auto(6)],
    ]);
    expect(search.costs().map((c) => [c.platform, c.change, c.status, c.costPerMonthUsd, c.search])).toEqual([
      ['vm', '6 VMs instead of 2', 'ok', 6, { simulations: 3, fewest: true, note: 'the least that keeps up, not with 5 VMs; 3 simulations' }],
      [
        'vm',
        'the MIG autoscaler from 2 to 6 VMs at 60 % CPU instead of a fixed 2',
        'ok',
        6,
        { simulations: 3, fewest: true, note: 'the least that keeps up, not with an autoscaler up to 5 VMs; 3 simulations' },
      ],
      ['lambda', '1024 MB instead of 128 MB', 'ok', 1024, { simulations: 2, fewest: true, note: 'the least that keeps up, not with 512 MB; 2 simulations' }],
    ]);
  });

  it('right-sizing a platform that keeps up: the capacity it pays for when idle, below its own', () => {
    const rightSizes = (name: string, fields: Partial<SummaryRecord>, sets: string[], peakToMean = 1) => {
      const s = resolveScenario(scenarioFile, 'remedies.json', sets).platforms.find((p) => p.name === name)!;
      return PLATFORMS.of(s).verdict.rightSizes?.(record(name, fields), s, load(fields, peakToMean)) ?? [];
    };
    // Six VMs serving 1000 requests over 10 s of 30 ms: 3 vCPU at 60 % = 5 VMs tried first, of 1 to 5.
    const six = rightSizes('vm', { duration_s: 10 }, ['vm.count=6']);
    expect(six.map((l) => [l.values, l.values[l.first], l.below, l.own])).toEqual([[[1, 2, 3, 4, 5], 5, true, 6]]);
    expect(six[0]!.setting(2).set).toBe('vm.count=2');
    // The busiest hour at 1.5 times the mean: 4.5 vCPU at 60 % = 8 VMs tried first, of 1 to 8.
    const nine = rightSizes('vm', { duration_s: 10 }, ['vm.count=9'], 1.5);
    expect(nine.map((l) => [l.values.length, l.values[l.first]])).toEqual([[8, 8]]);
    // Min instances and provisioned concurrency: the values below, the middle first.
    const warm = rightSizes('cloud-run', {}, ['cloud-run.minInstances=3']);
    expect(warm.map((l) => [l.values, l.values[l.first]])).toEqual([[[0, 1, 2], 1]]);
    expect(warm[0]!.setting(0).change).toBe('minInstances 0 instead of 3');
    // A vCPU size above 1: the whole sizes below, the next one down first, memory lowered to what the size allows.
    const big = rightSizes('cloud-run', {}, ['cloud-run.cpu=4', 'cloud-run.memory=16Gi']);
    expect(big.map((l) => [l.values, l.values[l.first], l.own])).toEqual([[[1, 2], 2, 4]]);
    expect([big[0]!.setting(2).change, big[0]!.setting(2).also]).toEqual(['2 vCPU and 8 GiB instead of 4 vCPU and 16 GiB', ['cloud-run.memory=8Gi']]);
    expect([big[0]!.setting(1).change, big[0]!.setting(1).set]).toEqual(['1 vCPU and 4 GiB instead of 4 vCPU and 16 GiB', 'cloud-run.cpu=1']);
    const provisioned = rightSizes('lambda', {}, ['lambda.provisionedConcurrency=4']);
    expect(provisioned.map((l) => [l.values, l.values[l.first]])).toEqual([[[0, 1, 2, 3], 1]]);
    // Nothing to cut: one VM, no min instances, no provisioned concurrency, an autoscaled fleet, or not ok.
    expect(rightSizes('vm', {}, ['vm.count=1'])).toEqual([]);
    expect(rightSizes('cloud-run', {}, [])).toEqual([]);
    expect(rightSizes('lambda', {}, [])).toEqual([]);
    expect(rightSizes('auto', {}, [])).toEqual([]); // minSize 1
    // An autoscaled fleet keeping 4 VMs when quiet: its minSize, 1 to 3, the middle first.
    const auto = rightSizes('auto', {}, ['auto.autoscaling.minSize=4', 'auto.count=4']);
    expect(auto.map((l) => [l.values, l.values[l.first], l.own])).toEqual([[[1, 2, 3], 2, 4]]);
    expect(auto[0]!.setting(2).set).toBe('auto.autoscaling.minSize=2');
    expect(rightSizes('vm', { status: 'misses-slo' }, ['vm.count=6'])).toEqual([]);
  });

  it('Cloud Run vCPU sizes bring the memory they require: 4 vCPU at least 2 GiB, 6 and 8 at least 4 GiB', () => {
    const cpu = ladders('cloud-run', { status: 'misses-slo' })[0]!;
    const at = (c: number) => {
      const s = cpu.setting(c);
      return [s.change, s.set, s.also ?? []];
    };
    expect(at(2)).toEqual(['2 vCPU instead of 1', 'cloud-run.cpu=2', []]);
    expect(at(4)).toEqual(['4 vCPU and 2 GiB instead of 1 vCPU and 512 MiB', 'cloud-run.cpu=4', ['cloud-run.memory=2Gi']]);
    expect(at(8)).toEqual(['8 vCPU and 4 GiB instead of 1 vCPU and 512 MiB', 'cloud-run.cpu=8', ['cloud-run.memory=4Gi']]);
    // The search resolves each size with its memory: none is refused, so it can go up past 2 vCPU.
    const file = { ...TINY, platforms: [{ name: 'cloud-run', model: 'cloud-run' }] };
    const search = searchRemedies(resolveScenario(file, 'remedies.json'), [record('cloud-run', { status: 'misses-slo' })], (sets) => resolveScenario(file, 'remedies.json', sets));
    const specs: [number, number][] = [];
    for (let round = search.next(); round.length > 0; round = search.next()) {
      const spec = round[0]!.spec as { cpu: number; memoryGiB: number };
      specs.push([spec.cpu, spec.memoryGiB]);
      search.record([{ record: record('cloud-run', { status: spec.cpu >= 6 ? 'ok' : 'misses-slo', cost_per_month_usd: spec.cpu }) } as PlatformRun]);
    }
    // 2 fails: up to twice it (4, with 2 GiB), which fails too; then 8, which keeps up; then 6.
    expect(specs).toEqual([[2, 0.5], [4, 2], [8, 4], [6, 4]]);
    expect(search.costs()[0]).toMatchObject({ change: '6 vCPU and 4 GiB instead of 1 vCPU and 512 MiB', status: 'ok', search: { fewest: true } });
  });

  it('searchRemedies: the estimate always, then only what fits the budget; a value the scenario refuses ends the ladder', () => {
    const file = { ...TINY, platforms: [{ name: 'vm', model: 'compute-engine', count: 2 }] };
    const one = resolveScenario(file, 'remedies.json');
    const overloaded = [record('vm', TURNED_AWAY)];
    const okAbove = (n: number) => (spec: PlatformSpec): PlatformRun =>
      ({ record: record('vm', { status: (spec as { count: number }).count >= n ? 'ok' : 'overloaded', cost_per_month_usd: 1 }) }) as PlatformRun;
    // The fixed fleet's ladder (the autoscaler's runs beside it, each on its own budget, are left out).
    const drive = (search: ReturnType<typeof searchRemedies>, outcome: (spec: PlatformSpec) => PlatformRun): string[] => {
      const sets: string[] = [];
      for (let round = search.next(); round.length > 0; round = search.next()) {
        sets.push(...round.map((r) => r.specSets!.join(' ')).filter((s) => s.startsWith('vm.count=')));
        search.record(round.map((r) => outcome(r.spec)));
      }
      return sets;
    };
    // No budget: the estimate alone, and the note says what was left.
    const broke = searchRemedies(one, overloaded, (sets) => resolveScenario(file, 'remedies.json', sets), 0);
    expect(drive(broke, okAbove(4))).toEqual(['vm.count=8']);
    expect(broke.costs()[0]!.search).toEqual({ simulations: 1, fewest: false, note: "less may keep up too: 3 VMs to 7 VMs not simulated (past sim run's 10 s budget); 1 simulation" });
    // Counts above 10 refused: the estimate 8 fails, then the largest the scenario takes, and no further.
    const capped = searchRemedies(one, overloaded, (sets) => {
      if (sets.some((s) => Number(s.split('=')[1]) > 10)) return resolveScenario({ ...file, platforms: [{ name: 'vm', model: 'compute-engine', count: 'many' }] }, 'remedies.json');
      return resolveScenario(file, 'remedies.json', sets);
    });
    expect(drive(capped, okAbove(50))).toEqual(['vm.count=8', 'vm.count=10']);
    expect(capped.costs()[0]).toMatchObject({ change: '10 VMs instead of 2', status: 'overloaded', search: { simulations: 2, fewest: false, note: 'none simulated keeps up, not even with 10 VMs; 2 simulations' } });
  });

  it('right-sizing: a value the scenario refuses is not said to fail', () => {
    // 4 VMs keep up; 1 VM is refused (a stand-in for the scenario's other settings refusing it), 2 and more keep up.
    const file = { ...TINY, platforms: [{ name: 'vm', model: 'compute-engine', count: 4 }] };
    const four = resolveScenario(file, 'remedies.json');
    const refuseOne = (sets: readonly string[]) =>
      sets.includes('vm.count=1') ? resolveScenario({ ...file, platforms: [{ name: 'vm', model: 'compute-engine', count: 'one' }] }, 'remedies.json') : resolveScenario(file, 'remedies.json', sets);
    const search = searchRemedies(four, [record('vm', {})], refuseOne, Infinity);
    const tried: string[] = [];
    for (let round = search.next(); round.length > 0; round = search.next()) {
      tried.push(...round.map((r) => r.specSets!.join(' ')));
      search.record(round.map(() => ({ record: record('vm', { cost_per_month_usd: 1 }) }) as PlatformRun));
    }
    expect(tried).not.toContain('vm.count=1');
    const cost = search.costs().find((c) => c.change.startsWith('2 VMs'))!;
    expect(cost.search).toMatchObject({ fewest: true, note: expect.stringMatching(/^the least that keeps up of what the scenario's other settings allow \(not 1 VM\); \d simulations?$/) });
  });
});
