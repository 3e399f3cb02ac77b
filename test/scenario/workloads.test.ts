import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, resolveScenario } from '../../src/scenario/load.js';
import { packageRoot } from '../../src/scenario/presets.js';
import type { CloudRunSpec, ComputeEngineSpec } from '../../src/scenario/types.js';
import { baseScenario } from './helpers.js';

const workloads = join(packageRoot(), 'workloads');


/** Cloud Run's Tier 1 prices (models/cloud-run.json): the rates and, in a Tier 1 region, the free tier's valuation. */
const TIER1_PRICES = {
  cpuSecond: 0.000024,
  memoryGiBSecond: 0.0000025,
  idleCpuSecond: 0.0000025,
  idleMemoryGiBSecond: 0.0000025,
  perMillionRequests: 0.4,
  instanceCpuSecond: 0.000018,
  instanceMemoryGiBSecond: 0.000002,
  egressPerGiB: 0.12,
};

describe('ready workloads', () => {
  const files = readdirSync(workloads).filter((f) => f.endsWith('.json'));

  it('include the four documented ones', () => {
    expect(files).toEqual(expect.arrayContaining(['diurnal.json', 'steady.json', 'spiky.json', 'simfaas-readme.json']));
  });

  it.each(files)('%s loads, is frozen and names its source', (file) => {
    const path = join(workloads, file);
    const scenario = loadScenario(path);
    expect(scenario.source).toBe(path);
    expect(Object.isFrozen(scenario)).toBe(true);
    expect(Object.isFrozen(scenario.platforms[0])).toBe(true);
    expect(Object.isFrozen(scenario.requests.cpu)).toBe(true);
    expect(scenario.warmup).toBeLessThan(scenario.duration);
  });

  it('diurnal.json is the DESIGN.md example, resolved', () => {
    const s = loadScenario(join(workloads, 'diurnal.json'));
    expect(s.startEpochMs).toBe(Date.UTC(2026, 0, 5));
    expect(s.duration).toBe(7 * 86_400);
    expect(s.warmup).toBe(3600);
    expect(s.traffic).toEqual({ type: 'diurnal', meanRps: 20, peakToTrough: 6, peakHour: 14, weekendFactor: 0.5 });
    expect(s.requests.cpu).toEqual({ dist: 'lognormal', mean: 0.03, cv: 1 });
    expect(s.requests.io).toEqual({ dist: 'exponential', mean: 0.05 });
    expect(s.requests.responseBytes).toEqual({ dist: 'constant', value: 16384 });
    const [run, vm] = s.platforms as [CloudRunSpec, ComputeEngineSpec];
    expect(run).toMatchObject({ name: 'cloud-run', cpu: 1, memoryGiB: 0.5, concurrency: 80, workers: 1 });
    expect(run.coldStart).toEqual({ dist: 'lognormal', mean: 1.8, cv: 0.4 });
    expect(vm).toMatchObject({ name: 'vm', machineType: 'e2-medium', vcpu: 1, memoryGiB: 4, count: 2, workers: 2 });
  });

  it('simfaas-readme.json is the SimFaaS README set-up', () => {
    const s = loadScenario(join(workloads, 'simfaas-readme.json'));
    expect(s.duration).toBe(1e6);
    expect(s.traffic).toEqual({ type: 'poisson', rps: 0.9 });
    expect(s.requests.cpu).toEqual({ dist: 'constant', value: 0 });
    expect(s.requests.io).toEqual({ dist: 'exponential', mean: 1.991 });
    expect(s.platforms).toHaveLength(1);
    expect(s.platforms[0]).toMatchObject({
      model: 'cloud-run',
      autoscaler: 'scale-per-request',
      concurrency: 1,
      keepAlive: 600,
      maxInstances: 1000,
      minInstances: 0,
      routing: 'newest',
      coldStart: { dist: 'exponential', mean: 0.253 },
      shutdownGrace: 0,
    });
  });

  it('spiky.json adds bursts to a base rate', () => {
    const s = loadScenario(join(workloads, 'spiky.json'));
    expect(s.traffic).toEqual({
      type: 'sum',
      components: [
        { type: 'poisson', rps: 2 },
        { type: 'piecewise', points: [[0, 0], [3600, 150], [3900, 0]], interpolation: 'step', repeat: 10_800, scale: 1 },
      ],
      scale: 1,
    });
  });
});

describe('presets', () => {
  it('fill every field the entry leaves out, from models/', () => {
    const s = resolveScenario(baseScenario(), 'mem.json');
    expect(s.start).toBe('2026-01-05T00:00:00Z');
    expect(s.warmup).toBe(0);
    const run = s.platforms[0] as CloudRunSpec;
    expect(run).toEqual({
      name: 'cloud-run',
      model: 'cloud-run',
      region: 'us-central1',
      cpu: 1,
      memoryGiB: 0.5,
      concurrency: 80,
      workers: 1,
      server: 'processor-sharing',
      threads: 40,
      switchInterval: 0.005,
      syncShare: 0,
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
      idleRetention: 900,
      lowCountInstances: 3,
      lowCountUtilization: 0.8,
      frontEndLatency: { dist: 'lognormal', mean: 0.005, cv: 0.5 },
      minInstancesStart: 'warm',
      executionEnvironment: 'gen1',
      startupProbe: 'tcp',
      appWarmup: { dist: 'constant', value: 0 },
      firstRequests: { count: 0, extraCpu: 0 },
      keepAlive: 600,
      knative: {
        targetUtilization: 0.7,
        stableWindow: 60,
        panicWindowPercentage: 10,
        panicThreshold: 2,
        maxScaleUpRate: 1000,
        maxScaleDownRate: 2,
        scaleToZeroGracePeriod: 30,
        scaleToZeroPodRetention: 0,
        initialScale: 1,
        activationScale: 1,
        tickInterval: 2,
      },
      startupCpuBoost: false,
      coldStartCpuFraction: 0.5,
      pendingTimeout: null,
      shutdownGrace: 10,
      shutdown: { dist: 'uniform', min: 0.05, max: 0.5 },
      requestTimeout: 300,
      billing: 'request',
      roundingScope: 'stretch',
      roundingGranularity: 0.1,
      roundingInterval: 60,
      prices: TIER1_PRICES,
      account: { startEpochMs: Date.parse('2026-01-05T00:00:00Z'), freeTier: false, runSeconds: 3600 },
      egressTiers: [
        { upToGiB: 1024, perGiB: 0.12 },
        { upToGiB: 10240, perGiB: 0.11 },
        { upToGiB: null, perGiB: 0.08 },
      ],
      freeTier: { cpuSeconds: 180000, memoryGiBSeconds: 360000, requests: 2000000, instanceCpuSeconds: 240000, instanceMemoryGiBSeconds: 450000, egressGiB: 1 },
      freeTierPrices: TIER1_PRICES,
    });
    const vm = s.platforms[1] as ComputeEngineSpec;
    expect(vm).toMatchObject({
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
      pricing: 'on-demand',
      disk: { type: 'pd-balanced', sizeGB: 10 },
      externalIp: true,
      externalLoadBalancer: true,
      frontEndLatency: { dist: 'lognormal', mean: 0.003, cv: 0.5 },
    });
  });

  it('keep what the entry names, and replace a coldStart whole', () => {
    const raw = baseScenario();
    raw.platforms = [
      { name: 'big', model: 'cloud-run', cpu: 4, memory: '8Gi', coldStart: { dist: 'exponential', mean: '500ms' } },
      { name: 'mmc', model: 'compute-engine', machineType: 'n1-standard-1', vcpu: 3, memory: 2, workers: 3, count: 1, queueLimit: 'unbounded' },
      { name: 'nolimit', model: 'compute-engine', queueLimit: null },
    ];
    const s = resolveScenario(raw, 'mem.json');
    expect(s.platforms[0]).toMatchObject({ cpu: 4, memoryGiB: 8, workers: 4, coldStart: { dist: 'exponential', mean: 0.5 } });
    expect(s.platforms[1]).toMatchObject({ machineType: 'n1-standard-1', vcpu: 3, memoryGiB: 2, workers: 3, count: 1, queueLimit: Infinity });
    expect(s.platforms[2]).toMatchObject({ queueLimit: Infinity });
  });

  it('choose Cloud Run prices by the region tier', () => {
    const raw = baseScenario();
    raw.platforms = [{ name: 'eu', model: 'cloud-run', region: 'europe-west2' }];
    const run = resolveScenario(raw, 'mem.json').platforms[0] as CloudRunSpec;
    expect(run.prices.cpuSecond).toBe(0.0000336);
    expect(run.prices.memoryGiBSecond).toBe(0.0000035);
  });

  it('resolve distributions of every kind', () => {
    const raw = baseScenario();
    raw.requests = {
      cpu: { dist: 'pareto', shape: 3, mean: '30ms' },
      io: { dist: 'empirical', values: ['10ms', 0.02, '1s'] },
      responseBytes: { dist: 'uniform', min: '1KiB', max: 4096 },
    };
    const s = resolveScenario(raw, 'mem.json');
    expect(s.requests.cpu).toEqual({ dist: 'pareto', shape: 3, scale: 0.02 });
    expect(s.requests.io).toEqual({ dist: 'empirical', values: [0.01, 0.02, 1] });
    expect(s.requests.responseBytes).toEqual({ dist: 'uniform', min: 1024, max: 4096 });
  });
});
