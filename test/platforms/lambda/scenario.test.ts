/**
 * Lambda in a scenario beside Cloud Run and the VMs: loading (presets, units, AWS's limits),
 * a run, the verdict over three platforms, and the Arm alternative billed from the same run.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/experiment/run.js';
import { resolveScenario } from '../../../src/scenario/load.js';
import type { LambdaSpec } from '../../../src/scenario/types.js';
import { runWithAlternatives } from '../../../src/verdict/alternatives.js';
import { buildVerdict } from '../../../src/verdict/build-verdict.js';
import { TINY_SWEEP_SCENARIO } from '../../helpers/tiny-scenario.js';
import { expectInputError } from '../../scenario/helpers.js';

const file = {
  ...TINY_SWEEP_SCENARIO,
  name: 'three',
  duration: '30m',
  traffic: { type: 'poisson', rps: 8 },
  platforms: [...TINY_SWEEP_SCENARIO.platforms, { name: 'fn', model: 'lambda', memory: '1769Mi', requestTimeout: '30s' }],
};
const withLambda = (entry: Record<string, unknown>) => ({ ...file, platforms: [{ name: 'fn', model: 'lambda', ...entry }] });

describe('a Lambda platform in a scenario file', () => {
  it('takes the preset for what it leaves out, and units as AWS writes them', () => {
    const spec = resolveScenario(withLambda({}), '').platforms[0] as LambdaSpec;
    expect(spec).toMatchObject({
      model: 'lambda',
      region: 'us-east-1',
      architecture: 'x86',
      memoryMiB: 128,
      memoryGiB: 0.125,
      ephemeralStorageMiB: 512,
      requestTimeout: 3,
      keepAlive: 600,
      routing: 'newest',
      concurrencyLimit: 1000,
      scalingRate: { environments: 1000, per: 10 },
      provisionedConcurrency: 0,
      provisionedStart: 'warm',
      initBilled: true,
      provisionedRounding: 300,
    });
    expect(spec.vcpu).toBeCloseTo(128 / 1769, 15);
    expect(spec.coldStart).toEqual({ dist: 'lognormal', mean: 0.5, cv: 0.5 });
    expect(spec.prices.durationTiers[0]).toEqual({ upToGBSeconds: 6e9, perGBSecond: 0.0000166667 });
    const arm = resolveScenario(withLambda({ architecture: 'arm' }), '').platforms[0] as LambdaSpec;
    expect(arm.prices.durationTiers[0]).toEqual({ upToGBSeconds: 7.5e9, perGBSecond: 0.0000133334 });
    expect(arm.prices.provisionedGBSecond).toBe(0.0000033334);
  });

  it('a flat price replaces the tiers', () => {
    const spec = resolveScenario(withLambda({ prices: { durationGBSecond: 0.00001 } }), '').platforms[0] as LambdaSpec;
    expect(spec.prices.durationTiers).toEqual([{ upToGBSeconds: null, perGBSecond: 0.00001 }]);
  });

  it('refuses what AWS refuses, in one line naming the path', () => {
    expectInputError(() => resolveScenario(withLambda({ memory: '64Mi' }), 'f.json'), ['f.json: platforms[0].memory: "64Mi" is not allowed: a whole number of MiB from 128Mi to 10240Mi']);
    expectInputError(() => resolveScenario(withLambda({ memory: '1769MB' }), 'f.json'), ['platforms[0].memory', 'write 1769 MB as "1769Mi"']);
    expectInputError(() => resolveScenario(withLambda({ memory: '11Gi' }), 'f.json'), ['platforms[0].memory']);
    expectInputError(() => resolveScenario(withLambda({ ephemeralStorage: '256Mi' }), 'f.json'), ['platforms[0].ephemeralStorage', 'from 512Mi to 10240Mi']);
    expectInputError(() => resolveScenario(withLambda({ requestTimeout: '16m' }), 'f.json'), ['platforms[0].requestTimeout', 'at most 900s']);
    expectInputError(() => resolveScenario(withLambda({ region: 'eu-west-1' }), 'f.json'), ['platforms[0].region', 'us-east-1']);
    expectInputError(() => resolveScenario(withLambda({ provisionedConcurrency: 5, concurrencyLimit: 4 }), 'f.json'), ['platforms[0].provisionedConcurrency', 'at most concurrencyLimit (4)']);
    expectInputError(() => resolveScenario(withLambda({ concurrency: 10 }), 'f.json'), ['platforms[0]', 'concurrency']);
  });

  it('is addressed by --set like the others', () => {
    const spec = resolveScenario(file, '', ['fn.memory=3008Mi', 'fn.architecture=arm']).platforms[2] as LambdaSpec;
    expect(spec.memoryMiB).toBe(3008);
    expect(spec.architecture).toBe('arm');
  });
});

describe('a run with Cloud Run, VMs and Lambda', () => {
  const scenario = resolveScenario(file, '');
  const records = runScenario(scenario, { seed: 5 });

  it('gives each platform the same requests, and accounts for every one', () => {
    expect(records.map((r) => [r.platform, r.model])).toEqual([
      ['cloud-run', 'cloud-run'],
      ['vm', 'compute-engine'],
      ['fn', 'lambda'],
    ]);
    const arrived = records[0]!.requests_arrived;
    for (const r of records) {
      expect(r.requests_arrived).toBe(arrived);
      expect(r.requests_completed + r.requests_rejected + r.requests_timed_out + r.requests_failed + r.requests_unfinished).toBe(r.requests_arrived);
    }
    const fn = records[2]!;
    expect(fn.requests_rejected).toBe(0);
    // Each cold start has its own request: instance starts = requests that waited on one.
    expect(fn.instance_starts).toBe(fn.cold_start_requests);
    expect(fn.status).toBe('ok');
  });

  it('bills $0.20 per million invocations and egress at $0.09 per GiB, and no line Lambda does not have', () => {
    const fn = records[2]!;
    expect(fn.cost_requests_usd).toBeCloseTo(fn.requests_completed * 0.2e-6, 12);
    expect(fn.cost_network_usd).toBeCloseTo((fn.requests_completed * 16384 * 0.09) / 1024 ** 3, 12);
    expect(fn.cost_idle_usd).toBe(0);
    expect(fn.cost_fixed_usd).toBe(0);
    expect(fn.cost_memory_usd).toBe(0);
    expect(fn.cost_discount_usd).toBe(0);
  });

  it('the verdict weighs all three, and names Lambda\'s bill lines as Lambda bills them', () => {
    const verdict = buildVerdict({ scenario, records });
    expect(verdict.platforms.map((p) => p.platform).sort()).toEqual(['cloud-run', 'fn', 'vm']);
    const fn = verdict.platforms.find((p) => p.platform === 'fn')!;
    expect(fn.configuration).toBe('1769 MB (1 vCPU), x86, keep-alive 10 min, concurrency limit 1000');
    expect(fn.costDrivers.map((d) => d.component)).toEqual(['duration', 'network', 'requests']);
  });

  it('prices the Arm architecture from the same run, at what a separate Arm run costs', () => {
    const resolveWith = (sets: readonly string[]) => resolveScenario(file, '', sets);
    const { alternatives } = runWithAlternatives(scenario, { seed: 5 }, resolveWith);
    const arm = alternatives.find((a) => a.platform === 'fn')!;
    expect(arm).toMatchObject({ change: 'Arm (Graviton) architecture at the same speed', simulated: false });
    const separately = runScenario(resolveWith(['fn.architecture=arm']), { seed: 5 })[2]!;
    expect(arm.costPerMonthUsd).toBeCloseTo(separately.cost_per_month_usd, 9);
    // Arm duration is 20 % cheaper (0.0000133334 / 0.0000166667), requests and egress the same.
    const x86 = records[2]!;
    expect(separately.cost_cpu_usd).toBeCloseTo(x86.cost_cpu_usd * (0.0000133334 / 0.0000166667), 12);
  });
});
