import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { CloudRunSpec } from '../../src/scenario/types.js';

const cloudRun = (sets: string[]) => loadScenario('workloads/diurnal.json', sets).platforms[0] as CloudRunSpec;

describe('Cloud Run knative and startup-boost settings', () => {
  it('defaults to the KPA defaults and keeps them when one field is overridden', () => {
    const spec = cloudRun(['cloud-run.autoscaler=knative', 'cloud-run.knative.stableWindow=30s']);
    expect(spec.autoscaler).toBe('knative');
    expect(spec.knative).toEqual({
      targetUtilization: 0.7,
      stableWindow: 30,
      panicWindowPercentage: 10,
      panicThreshold: 2,
      maxScaleUpRate: 1000,
      maxScaleDownRate: 2,
      scaleToZeroGracePeriod: 30,
      scaleToZeroPodRetention: 0,
      initialScale: 1,
      activationScale: 1,
      tickInterval: 2,
    });
  });

  it('rejects a panic threshold of 1 or less with the path and the allowed range', () => {
    expect(() => cloudRun(['cloud-run.knative.panicThreshold=1'])).toThrow(InputError);
    expect(() => cloudRun(['cloud-run.knative.panicThreshold=1'])).toThrow(/platforms\[0\]\.knative\.panicThreshold: 1 is not allowed: .*> 1/);
  });

  it('startup boost is off by default and can be switched on', () => {
    expect(cloudRun([]).startupCpuBoost).toBe(false);
    expect(cloudRun(['cloud-run.startupCpuBoost=true']).startupCpuBoost).toBe(true);
    expect(() => cloudRun(['cloud-run.coldStartCpuFraction=1.5'])).toThrow(/coldStartCpuFraction: 1\.5 is not allowed/);
  });
});
