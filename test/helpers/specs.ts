import type { CloudRunSpec, ComputeEngineSpec, Scenario, TrafficSpec, RequestProfileSpec } from '../../src/scenario/types.js';

/** Cloud Run spec with the preset's values, for model tests that bypass the scenario loader. */
export function cloudRunSpec(over: Partial<CloudRunSpec> = {}): CloudRunSpec {
  return {
    name: 'cloud-run',
    model: 'cloud-run',
    region: 'us-central1',
    cpu: 1,
    memoryGiB: 0.5,
    concurrency: 80,
    workers: 1,
    coldStart: { dist: 'lognormal', mean: 1.8, cv: 0.4 },
    minInstances: 0,
    maxInstances: 100,
    autoscaler: 'cloud-run',
    routing: 'least-loaded',
    targetConcurrencyUtilization: 0.6,
    targetCpuUtilization: 0.6,
    metricWindow: 60,
    evaluationInterval: 5,
    scaleInDelay: 60,
    maxIdle: 900,
    keepAlive: 600,
    knative: {
      targetUtilization: 0.7,
      stableWindow: 60,
      panicWindowPercentage: 10,
      panicThreshold: 2,
      maxScaleUpRate: 1000,
      maxScaleDownRate: 2,
      scaleToZeroGracePeriod: 30,
      tickInterval: 2,
    },
    startupCpuBoost: false,
    coldStartCpuFraction: 0.5,
    pendingTimeout: null,
    shutdownGrace: 10,
    requestTimeout: 300,
    billing: 'request',
    prices: {
      cpuSecond: 0.000024,
      memoryGiBSecond: 0.0000025,
      idleCpuSecond: 0.0000025,
      idleMemoryGiBSecond: 0.0000025,
      perMillionRequests: 0.4,
      instanceCpuSecond: 0.000018,
      instanceMemoryGiBSecond: 0.000002,
      egressPerGiB: 0.12,
    },
    ...over,
  };
}

export function vmSpec(over: Partial<ComputeEngineSpec> = {}): ComputeEngineSpec {
  return {
    name: 'vm',
    model: 'compute-engine',
    region: 'us-central1',
    machineType: 'e2-medium',
    vcpu: 1,
    memoryGiB: 4,
    count: 2,
    workers: 2,
    maxConcurrency: 100,
    queueLimit: 1000,
    loadBalancer: 'round-robin',
    requestTimeout: 300,
    // e2-medium $0.0335057/h split by the E2 per-resource rates.
    prices: { cpuHour: 0.0335057 * (0.021811 / (0.021811 + 4 * 0.002923)), memoryHour: 0.0335057 * ((4 * 0.002923) / (0.021811 + 4 * 0.002923)), egressPerGiB: 0.12 },
    ...over,
  };
}

export function scenario(
  traffic: TrafficSpec,
  requests: RequestProfileSpec,
  platforms: Scenario['platforms'],
  duration: number,
  warmup = 0,
): Scenario {
  return {
    name: 'test',
    start: '2026-01-05T00:00:00Z',
    startEpochMs: Date.parse('2026-01-05T00:00:00Z'),
    duration,
    warmup,
    traffic,
    requests,
    platforms,
  };
}

export const exp = (mean: number) => ({ dist: 'exponential' as const, mean });
export const constant = (value: number) => ({ dist: 'constant' as const, value });
