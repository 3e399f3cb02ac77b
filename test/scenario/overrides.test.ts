import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, resolveScenario } from '../../src/scenario/load.js';
import { applyOverrides } from '../../src/scenario/overrides.js';
import { packageRoot } from '../../src/scenario/presets.js';
import type { CloudRunSpec } from '../../src/scenario/types.js';
import { baseScenario, expectInputError } from './helpers.js';

const diurnal = join(packageRoot(), 'workloads', 'diurnal.json');

describe('--set', () => {
  it('addresses a platform by its name', () => {
    const s = loadScenario(diurnal, ['cloud-run.concurrency=40', 'vm.count=3', 'vm.machineType=n2-standard-2']);
    expect(s.platforms[0]).toMatchObject({ name: 'cloud-run', concurrency: 40 });
    expect(s.platforms[1]).toMatchObject({ name: 'vm', count: 3, machineType: 'n2-standard-2', vcpu: 2, memoryGiB: 8 });
  });

  it('sets traffic fields, the duration and a distribution parameter with units', () => {
    const s = loadScenario(diurnal, ['traffic.meanRps=100', 'duration=1d', 'requests.cpu.mean=20ms']);
    expect(s.traffic).toMatchObject({ type: 'diurnal', meanRps: 100 });
    expect(s.duration).toBe(86_400);
    expect(s.requests.cpu).toEqual({ dist: 'lognormal', mean: 0.02, cv: 1 });
  });

  it('reaches into a value the file leaves to its preset', () => {
    const s = resolveScenario(baseScenario(), 'mem.json', ['cloud-run.coldStart.mean=2s', 'cloud-run.minInstances=1']);
    expect((s.platforms[0] as CloudRunSpec).coldStart).toEqual({ dist: 'lognormal', mean: 2, cv: 0.4 });
    expect(s.platforms[0]).toMatchObject({ minInstances: 1 });
  });

  it('reads JSON values, and keeps text where the field wants text', () => {
    const s = resolveScenario(baseScenario(), 'mem.json', [
      'requests.cpu={"dist":"gamma","mean":"40ms","cv":0.5}',
      'cloud-run.pendingTimeout=null',
      'vm.queueLimit=unbounded',
      'name=1234',
      'traffic.rps=1e2',
    ]);
    expect(s.requests.cpu).toEqual({ dist: 'gamma', mean: 0.04, cv: 0.5 });
    expect(s.platforms[1]).toMatchObject({ queueLimit: Infinity });
    expect(s.name).toBe('1234');
    expect(s.traffic).toEqual({ type: 'poisson', rps: 100 });
  });

  it('indexes arrays', () => {
    const raw = baseScenario();
    raw.traffic = { type: 'sum', components: [{ type: 'poisson', rps: 1 }, { type: 'poisson', rps: 2 }] };
    const s = resolveScenario(raw, 'mem.json', ['traffic.components[1].rps=5', 'platforms.0.cpu=2']);
    expect(s.traffic).toEqual({ type: 'sum', components: [{ type: 'poisson', rps: 1 }, { type: 'poisson', rps: 5 }], scale: 1 });
    expect(s.platforms[0]).toMatchObject({ cpu: 2 });
  });

  it('does not touch the caller\'s object', () => {
    const raw = baseScenario();
    const before = JSON.stringify(raw);
    applyOverrides(raw, ['duration=2h'], 'mem.json');
    expect(JSON.stringify(raw)).toBe(before);
  });

  it('checks a set value like a value in the file', () => {
    expectInputError(
      () => loadScenario(diurnal, ['cloud-run.concurrency=0']),
      [diurnal, 'platforms[0].concurrency', '0 is not allowed', 'an integer from 1 to 1000'],
    );
  });

  it('refuses an unknown path, naming the flag and the keys allowed at that level', () => {
    expectInputError(
      () => loadScenario(diurnal, ['cloud-run.concurency=40']),
      [diurnal, '--set cloud-run.concurency=40', 'cloud-run.concurency', '"concurency" is not allowed', 'concurrency', 'maxInstances', 'coldStart'],
    );
    expectInputError(
      () => loadScenario(diurnal, ['trafic.meanRps=100']),
      ['--set trafic.meanRps=100', '"trafic" is not allowed', 'traffic', 'duration', 'cloud-run (platform)', 'vm (platform)'],
    );
    expectInputError(
      () => loadScenario(diurnal, ['traffic.rps=100']),
      ['--set traffic.rps=100', 'traffic.rps', 'meanRps', 'peakToTrough', 'weekendFactor'],
    );
    expectInputError(
      () => loadScenario(diurnal, ['requests.cpu.shape=2']),
      ['requests.cpu.shape', 'mean', 'cv'],
    );
    expectInputError(() => loadScenario(diurnal, ['vm.coldStart.mean=1s']), ['vm.coldStart', 'machineType']);
    expectInputError(() => loadScenario(diurnal, ['duration']), ['--set duration', '<path>=<value>']);
    expectInputError(() => loadScenario(diurnal, ['vm=3']), ['--set vm=3', 'a field of the platform']);
    expectInputError(() => loadScenario(diurnal, ['platforms.5.cpu=2']), ['platforms[5]', 'an index from 0 to 1']);
  });

  it('explains how to replace a plain value with an object', () => {
    expectInputError(
      () => resolveScenario(baseScenario(), 'mem.json', ['requests.io.mean=1s']),
      ['requests.io', '0.05 is not allowed', '--set requests.io=<JSON>'],
    );
  });
});

describe('--set on whole values', () => {
  it('a platform added whole still gets its preset', () => {
    const s = resolveScenario(baseScenario(), 'mem.json', [
      'platforms=[{"name":"solo","model":"cloud-run","cpu":2,"memory":"4Gi"}]',
    ]);
    expect(s.platforms).toHaveLength(1);
    expect(s.platforms[0]).toMatchObject({ name: 'solo', cpu: 2, memoryGiB: 4, workers: 2, concurrency: 80, maxInstances: 100 });
  });
});
