import { describe, expect, it } from 'vitest';
import type { SummaryRecord } from '../../src/metrics/summary.js';
import { PLATFORMS } from '../../src/platforms/registry.js';
import { resolveScenario } from '../../src/scenario/load.js';
import type { PlatformSpec } from '../../src/scenario/types.js';
import { planRemedies } from '../../src/verdict/alternatives.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

/**
 * What the verdict simulates for a platform that did not keep up (VerdictHooks.remedies,
 * src/verdict/alternatives.ts planRemedies): the setting its advice tries first, when that is
 * one number. Records here are made up: only the fields the rules read matter.
 */
const record = (platform: string, fields: Partial<SummaryRecord>): SummaryRecord =>
  ({ platform, status: 'ok', requests_arrived: 1000, requests_completed: 1000, requests_rejected: 0, instances_max: 1, ...fields }) as SummaryRecord;

const scenario = resolveScenario(
  {
    ...TINY,
    platforms: [
      { name: 'cloud-run', model: 'cloud-run', maxInstances: 10 },
      { name: 'vm', model: 'compute-engine', count: 2 },
      { name: 'auto', model: 'compute-engine', autoscaling: { mode: 'on', maxSize: 4 } },
      { name: 'lambda', model: 'lambda', memory: '128Mi' },
      { name: 'big', model: 'lambda', memory: '4096Mi', concurrencyLimit: 100 },
    ],
  },
  'remedies.json',
);
const spec = (name: string): PlatformSpec => scenario.platforms.find((p) => p.name === name)!;
// TINY's requests: 30 ms of CPU each.
const remedies = (name: string, fields: Partial<SummaryRecord>) =>
  (PLATFORMS.of(spec(name)).verdict.remedies?.(record(name, fields), spec(name), { cpuPerRequest: 0.03 }) ?? []).map((r) => [r.change, r.set]);

describe('remedies', () => {
  it('VMs: the smaller of what the fleet turned away and what the CPU offered needs, at least twice as many', () => {
    // Served a third at 2 VMs: 1.25 x 2 / (1/3) = 7.5 -> 8.
    expect(remedies('vm', { status: 'overloaded', requests_completed: 333 })).toEqual([['8 VMs instead of 2', 'vm.count=8']]);
    // Served nearly all but too slowly: twice the fleet.
    expect(remedies('vm', { status: 'misses-slo' })).toEqual([['4 VMs instead of 2', 'vm.count=4']]);
    // Served almost nothing: served is floored at 5 %, 25 times the fleet, not without bound.
    expect(remedies('vm', { status: 'overloaded', requests_completed: 0 })).toEqual([['50 VMs instead of 2', 'vm.count=50']]);
    expect(remedies('auto', { status: 'overloaded', requests_completed: 500 })).toEqual([['an autoscaler maxSize of 10 instead of 4', 'auto.autoscaling.maxSize=10']]);
    // The CPU offered bounds it: 1000 requests in 10 s x 30 ms = 3 vCPU, over one e2-medium vCPU at 60 % = 5 VMs.
    expect(remedies('vm', { status: 'overloaded', requests_completed: 0, duration_s: 10 })).toEqual([['5 VMs instead of 2', 'vm.count=5']]);
    expect(remedies('vm', { status: 'overloaded', requests_completed: 333, duration_s: 10 })).toEqual([['5 VMs instead of 2', 'vm.count=5']]);
    // ... and never below twice the fleet; the smaller estimate wins (served a third: 8; the CPU, 1000 s: 1).
    expect(remedies('vm', { status: 'overloaded', requests_completed: 333, duration_s: 1000 })).toEqual([['4 VMs instead of 2', 'vm.count=4']]);
    expect(remedies('vm', {})).toEqual([]);
  });

  it('Cloud Run: twice maxInstances when it hit them, the next vCPU size when too slow, nothing else', () => {
    expect(remedies('cloud-run', { status: 'overloaded', instances_max: 10 })).toEqual([['maxInstances 20 instead of 10', 'cloud-run.maxInstances=20']]);
    expect(remedies('cloud-run', { status: 'misses-slo' })).toEqual([['2 vCPU instead of 1', 'cloud-run.cpu=2']]);
    // Overloaded below maxInstances: warm instances or concurrency, no one number.
    expect(remedies('cloud-run', { status: 'overloaded', instances_max: 3 })).toEqual([]);
  });

  it('Lambda: twice the concurrency limit when throttled, else four times the memory up to 10,240 MB', () => {
    expect(remedies('big', { status: 'overloaded', requests_rejected: 5 })).toEqual([['a concurrency limit of 200 instead of 100', 'big.concurrencyLimit=200']]);
    expect(remedies('lambda', { status: 'overloaded' })).toEqual([['512 MB instead of 128 MB', 'lambda.memory=512Mi']]);
    expect(remedies('big', { status: 'misses-slo' })).toEqual([['10240 MB instead of 4096 MB', 'big.memory=10240Mi']]);
  });

  it('planRemedies: only platforms that are not ok, in scenario order, each a simulation from its --set', () => {
    const file = { ...TINY, platforms: [{ name: 'cloud-run', model: 'cloud-run', maxInstances: 10 }, { name: 'vm', model: 'compute-engine', count: 2 }, { name: 'lambda', model: 'lambda', memory: '128Mi' }] };
    const three = resolveScenario(file, 'remedies.json');
    const records = [record('cloud-run', {}), record('vm', { status: 'overloaded', requests_completed: 333 }), record('lambda', { status: 'overloaded' })];
    const plan = planRemedies(three, records, (sets) => resolveScenario(file, 'remedies.json', sets));
    expect(plan.runs.map((r) => [r.platform, r.specSet, r.own])).toEqual([
      ['vm', 'vm.count=8', false],
      ['lambda', 'lambda.memory=512Mi', false],
    ]);
    expect((plan.runs[0]!.spec as { count: number }).count).toBe(8);
  });
});
