import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenario/load.js';
import type { ComputeEngineSpec } from '../../src/scenario/types.js';
import { baseScenario, expectInputError } from './helpers.js';

/** The resolved `vm` platform of the base scenario with `fields` on its entry. */
function vm(fields: Record<string, unknown> = {}, sets: string[] = []): ComputeEngineSpec {
  const raw = baseScenario();
  (raw.platforms as Record<string, unknown>[])[1] = { name: 'vm', model: 'compute-engine', ...fields };
  return resolveScenario(raw, 'test.json', sets).platforms[1] as ComputeEngineSpec;
}

describe('Compute Engine autoscaling, boot and preemption settings', () => {
  it('default to a fixed fleet without preemption, with the documented values', () => {
    const spec = vm();
    expect(spec.boot).toEqual({ dist: 'uniform', min: 25, max: 45 });
    expect(spec.autoscaling).toEqual({
      mode: 'off',
      minSize: 1,
      maxSize: 10,
      targetCpu: 0.6,
      initializationPeriod: 60,
      scaleInStabilization: 600,
      evaluationInterval: 15,
    });
    expect(spec.preemption).toEqual({ enabled: false, meanTimeToPreemption: 86400, noticePeriod: 30, restart: true });
  });

  it('a block that sets some fields keeps the defaults of the others', () => {
    const spec = vm({ autoscaling: { mode: 'on', maxSize: 4 }, preemption: { enabled: true, meanTimeToPreemption: '2h' } });
    expect(spec.autoscaling).toMatchObject({ mode: 'on', minSize: 1, maxSize: 4, targetCpu: 0.6, scaleInStabilization: 600 });
    expect(spec.preemption).toEqual({ enabled: true, meanTimeToPreemption: 7200, noticePeriod: 30, restart: true });
  });

  it('can be set with --set', () => {
    const spec = vm({}, ['vm.autoscaling.mode=only-scale-out', 'vm.preemption.enabled=true', 'vm.boot=40s']);
    expect(spec.autoscaling?.mode).toBe('only-scale-out');
    expect(spec.preemption?.enabled).toBe(true);
    expect(spec.boot).toEqual({ dist: 'constant', value: 40 });
  });

  it('rejects an initial count outside [minSize, maxSize] when autoscaling is on, and bad values', () => {
    expectInputError(() => vm({ count: 5, autoscaling: { mode: 'on', maxSize: 4 } }), ['platforms[1].count', '5', 'autoscaling.maxSize (4)']);
    expectInputError(() => vm({ autoscaling: { mode: 'on', minSize: 3, maxSize: 2 } }), ['platforms[1].autoscaling.minSize']);
    expectInputError(() => vm({ autoscaling: { targetCpu: 1.5 } }), ['platforms[1].autoscaling.targetCpu']);
    expectInputError(() => vm({ autoscaling: { evaluationInterval: 0 } }), ['platforms[1].autoscaling.evaluationInterval', 'a duration > 0']);
    expectInputError(() => vm({ preemption: { enabled: true, meanTimeToPreemption: 0 } }), ['platforms[1].preemption.meanTimeToPreemption']);
    expectInputError(() => vm({ autoscaling: { mod: 'on' } }), ['platforms[1].autoscaling']);
    // Off: the sizes are not checked against count.
    expect(vm({ count: 20 }).count).toBe(20);
  });
});
