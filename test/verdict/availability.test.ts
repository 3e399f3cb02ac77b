import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/platforms/registry.js';
import type { SummaryRecord } from '../../src/metrics/summary.js';
import { resolveScenario } from '../../src/scenario/load.js';
import type { ComputeEngineSpec } from '../../src/scenario/types.js';
import { searchRemedies } from '../../src/verdict/alternatives.js';
import { buildVerdict, type AlternativeCost } from '../../src/verdict/build-verdict.js';
import type { PlatformRun } from '../../src/experiment/run.js';
import { summaryRecord } from '../output/summary-fixture.js';

/**
 * What the verdict would have a user run that the simulation cannot judge (src/verdict/
 * availability.ts): a single VM has no spare, which no status shows (the simulation has no VM
 * outage), so the verdict says what Google's SLA gives one.
 */
const file = (count: number, autoscaling?: unknown) => ({
  name: 'spare',
  duration: '1h',
  traffic: { type: 'poisson', rps: 20 },
  requests: { cpu: '30ms' },
  platforms: [
    { name: 'cloud-run', model: 'cloud-run' },
    { name: 'vm', model: 'compute-engine', count, ...(autoscaling === undefined ? {} : { autoscaling }) },
  ],
});
const SLA = /one VM has no spare\. Google's SLA for a single instance is 99\.9 % of a month \(about 44 min down\), against 99\.99 % for instances in several zones \(https:\/\/cloud\.google\.com\/compute\/sla\); the simulation has no VM outage to show it$/;
const vmSpec = (count: number, autoscaling?: unknown) => resolveScenario(file(count, autoscaling), '').platforms[1] as ComputeEngineSpec;
const hook = PLATFORMS.of(vmSpec(1)).verdict.availability!;

describe('a single VM has no spare', () => {
  it('the Compute Engine hook: a fixed fleet of one, not two, not an autoscaler that starts at one', () => {
    expect(hook(vmSpec(1))).toMatch(SLA);
    expect(hook(vmSpec(2))).toBeNull();
    expect(hook(vmSpec(1, { mode: 'on', minSize: 1, maxSize: 4 }))).toBeNull();
  });

  it('is said when the verdict chooses one VM, not when it chooses the other platform', () => {
    const scenario = resolveScenario(file(1), '');
    const vm = summaryRecord({ platform: 'vm', model: 'compute-engine', rank: 1, cost_per_month_usd: 60 });
    const cloudRun = summaryRecord({ rank: 2, cost_per_month_usd: 90 });
    const chosen = buildVerdict({ scenario, records: [vm, cloudRun] });
    expect(chosen.recommended).toBe('vm');
    expect(chosen.warnings).toHaveLength(1);
    expect(chosen.warnings[0]).toMatch(/^vm, the choice: /);
    expect(chosen.lines.at(-1)).toMatch(/^ {2}Warning: vm, the choice: one VM has no spare\./);
    const other = buildVerdict({ scenario, records: [{ ...cloudRun, rank: 1 }, { ...vm, rank: 2, cost_per_month_usd: 120 }] });
    expect(other.recommended).toBe('cloud-run');
    expect(other.warnings).toEqual([]);
  });

  it('is said of an alternative with one VM with which its platform would be the choice, from the remedy search', () => {
    const scenario = resolveScenario(file(2), '');
    const resolve = (sets: readonly string[]) => resolveScenario(file(2), '', sets);
    // vm keeps up with its 2 VMs; the right-size tries 1 (the CPU's estimate), which keeps up too.
    const vm = summaryRecord({ platform: 'vm', model: 'compute-engine', rank: 2, cost_per_month_usd: 102, requests_arrived: 72_000, requests_completed: 72_000, cpu_utilization_mean: 0.15 });
    const cloudRun = summaryRecord({ rank: 1, cost_per_month_usd: 64 });
    const search = searchRemedies(scenario, [cloudRun, vm] as SummaryRecord[], resolve);
    for (let round = search.next(); round.length > 0; round = search.next()) {
      search.record(round.map(() => ({ record: { ...vm, status: 'ok', cost_per_month_usd: 53 } }) as unknown as PlatformRun));
    }
    const caveats = search.caveats();
    expect(caveats).toHaveLength(1);
    expect(caveats[0]).toMatchObject({ platform: 'vm', change: '1 VM instead of 2' });
    const alternatives: AlternativeCost[] = search.costs();
    const flips = buildVerdict({ scenario, records: [cloudRun, vm], alternatives, caveats });
    expect(flips.warnings).toEqual([expect.stringMatching(/^vm with 1 VM instead of 2, with which it would be the choice: one VM has no spare\./)]);
    // Dearer than the choice, the alternative would not make vm the choice: nothing to say.
    const dear = alternatives.map((a) => ({ ...a, costPerMonthUsd: 80 }));
    expect(buildVerdict({ scenario, records: [cloudRun, vm], alternatives: dear, caveats }).warnings).toEqual([]);
  });
});
