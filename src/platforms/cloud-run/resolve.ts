/**
 * A Cloud Run entry (file form, preset merged) to a CloudRunSpec, with the rules Cloud Run
 * itself enforces on a service's settings (cloud.google.com/run/docs/configuring/services/cpu
 * and .../memory-limits) and the simulator's own cross-field rules.
 */
import { inputError } from '../../errors.js';
import { resolveServer } from '../server/resolve.js';
import { distMean, resolveDist } from '../../scenario/dist.js';
import { atLeast, MIN_DECISION_INTERVAL_S } from '../../scenario/interval-bounds.js';
import type { CloudRunSpec, KnativeSettings } from '../../scenario/types.js';
import { parseDurationOrThrow, parseMemoryOrThrow } from '../../scenario/units.js';
import { cloudRunCatalog, cloudRunCudDiscount, cloudRunPricesFor } from './presets.js';
import type { CloudRunFile } from './schema.js';

/** Whole vCPU counts Cloud Run offers above 1 (below 1 any value from 0.08 is allowed). */
const WHOLE_CPUS = [1, 2, 4, 6, 8];

/**
 * Memory bounds in GiB for a CPU setting: below 0.5 vCPU at most 512 MiB, below 1 vCPU at
 * most 1 GiB, then 4 GiB per vCPU (1 -> 4, 2 -> 8, 4 -> 16, 6 -> 24, 8 -> 32); 4 vCPU need at
 * least 2 GiB and 6 or 8 vCPU at least 4 GiB; never below 128 MiB.
 */
export function cloudRunMemoryRange(cpu: number): { min: number; max: number } {
  const max = cpu < 0.5 ? 0.5 : cpu < 1 ? 1 : 4 * cpu;
  const min = cpu >= 6 ? 4 : cpu >= 4 ? 2 : 0.125;
  return { min, max };
}

const gib = (x: number): string => (x < 1 ? `${x * 1024} MiB` : `${x} GiB`);

function need<T>(value: T | undefined, what: string): T {
  // The preset supplies every field but workers and pendingTimeout; missing means models/ is broken.
  if (value === undefined) throw new Error(`models/cloud-run.json: no default for ${what}`);
  return value;
}

export function resolveCloudRun(file: CloudRunFile, where: string, path: string): CloudRunSpec {
  const at = (field: string): string => `${path}.${field}`;
  const duration = (field: keyof CloudRunFile): number =>
    parseDurationOrThrow(need(file[field], field), where, at(field));

  const cpu = need(file.cpu, 'cpu');
  if (cpu > 1 && !WHOLE_CPUS.includes(cpu)) {
    throw inputError(where, at('cpu'), cpu, 'a vCPU count Cloud Run offers: from 0.08 to 1, or 2, 4, 6 or 8');
  }
  const memoryGiB = parseMemoryOrThrow(need(file.memory, 'memory'), where, at('memory'));
  const range = cloudRunMemoryRange(cpu);
  if (memoryGiB < range.min || memoryGiB > range.max) {
    throw inputError(
      where,
      at('memory'),
      file.memory,
      `from ${gib(range.min)} to ${gib(range.max)} with cpu ${cpu} (Cloud Run memory limits per vCPU)`,
    );
  }
  // Below 1 vCPU Cloud Run needs the first-generation environment and request-based billing
  // (cloud.google.com/run/docs/configuring/services/cpu, read 2026-11-30).
  const executionEnvironment = need(file.executionEnvironment, 'executionEnvironment');
  const billing = need(file.billing, 'billing');
  if (cpu < 1 && executionEnvironment !== 'gen1') {
    throw inputError(where, at('cpu'), cpu, `at least 1 with executionEnvironment "${executionEnvironment}" (cpu below 1 needs "gen1")`);
  }
  if (cpu < 1 && billing !== 'request') {
    throw inputError(where, at('cpu'), cpu, `at least 1 with billing "${billing}" (cpu below 1 needs request-based billing)`);
  }
  const concurrency = need(file.concurrency, 'concurrency');
  if (concurrency > 1 && cpu < 1) {
    throw inputError(where, at('concurrency'), concurrency, `1 when cpu is below 1 (cpu is ${cpu}); concurrency above 1 needs cpu >= 1`);
  }
  const autoscaler = need(file.autoscaler, 'autoscaler');
  if (autoscaler === 'scale-per-request' && concurrency !== 1) {
    throw inputError(where, at('concurrency'), concurrency, '1 with autoscaler "scale-per-request" (one request per instance)');
  }
  const minInstances = need(file.minInstances, 'minInstances');
  const maxInstances = need(file.maxInstances, 'maxInstances');
  if (minInstances > maxInstances) {
    throw inputError(where, at('minInstances'), minInstances, `at most maxInstances (${maxInstances})`);
  }
  const coldStart = resolveDist(need(file.coldStart, 'coldStart'), 'duration', where, at('coldStart'));
  const pendingTimeout =
    file.pendingTimeout === undefined || file.pendingTimeout === null
      ? null
      : parseDurationOrThrow(file.pendingTimeout, where, at('pendingTimeout'));
  if (pendingTimeout === null && !Number.isFinite(distMean(coldStart))) {
    throw inputError(where, at('coldStart'), file.coldStart, 'a start-up distribution with a finite mean (pendingTimeout is 3.5 x the mean), or set pendingTimeout');
  }
  const requestTimeout = duration('requestTimeout');
  if (!(requestTimeout > 0) || requestTimeout > 3600) {
    throw inputError(where, at('requestTimeout'), file.requestTimeout, 'a duration above 0 and at most 3600s (Cloud Run maximum)');
  }
  const positiveDuration = (field: 'metricWindow' | 'evaluationInterval' | 'roundingInterval'): number => {
    const seconds = duration(field);
    if (!(seconds > 0)) throw inputError(where, at(field), file[field], 'a duration > 0');
    if (field === 'evaluationInterval' && seconds < MIN_DECISION_INTERVAL_S) {
      throw inputError(where, at(field), file[field], atLeast(MIN_DECISION_INTERVAL_S, 'one decision per interval; Cloud Run decides every few seconds'));
    }
    return seconds;
  };
  const region = need(file.region, 'region');

  return {
    name: file.name,
    model: 'cloud-run',
    region,
    cpu,
    memoryGiB,
    concurrency,
    workers: file.workers ?? Math.max(1, Math.ceil(cpu)),
    ...resolveServer(file, where, path),
    coldStart,
    minInstances,
    maxInstances,
    autoscaler,
    routing: need(file.routing, 'routing'),
    targetConcurrencyUtilization: need(file.targetConcurrencyUtilization, 'targetConcurrencyUtilization'),
    targetCpuUtilization: need(file.targetCpuUtilization, 'targetCpuUtilization'),
    metricWindow: positiveDuration('metricWindow'),
    evaluationInterval: positiveDuration('evaluationInterval'),
    scaleInDelay: duration('scaleInDelay'),
    maxIdle: duration('maxIdle'),
    keepAlive: duration('keepAlive'),
    knative: resolveKnative(file, where, at('knative')),
    startupCpuBoost: need(file.startupCpuBoost, 'startupCpuBoost'),
    coldStartCpuFraction: need(file.coldStartCpuFraction, 'coldStartCpuFraction'),
    pendingTimeout,
    shutdownGrace: duration('shutdownGrace'),
    shutdown: resolveDist(need(file.shutdown, 'shutdown'), 'duration', where, at('shutdown')),
    requestTimeout,
    billing,
    roundingScope: need(file.roundingScope, 'roundingScope'),
    roundingGranularity: duration('roundingGranularity'),
    roundingInterval: positiveDuration('roundingInterval'),
    idleRetention: duration('idleRetention'),
    lowCountInstances: need(file.lowCountInstances, 'lowCountInstances'),
    lowCountUtilization: need(file.lowCountUtilization, 'lowCountUtilization'),
    frontEndLatency: resolveDist(need(file.frontEndLatency, 'frontEndLatency'), 'duration', where, at('frontEndLatency')),
    minInstancesStart: need(file.minInstancesStart, 'minInstancesStart'),
    executionEnvironment,
    startupProbe: need(file.startupProbe, 'startupProbe'),
    appWarmup: resolveDist(need(file.appWarmup, 'appWarmup'), 'duration', where, at('appWarmup')),
    firstRequests: {
      count: need(file.firstRequests, 'firstRequests').count,
      extraCpu: parseDurationOrThrow(need(file.firstRequests, 'firstRequests').extraCpu, where, at('firstRequests.extraCpu')),
    },
    prices: { ...cloudRunPricesFor(region, where, at('region')), ...file.prices },
    // A set egress price is flat: it replaces the catalog's monthly tiers.
    ...(file.prices?.egressPerGiB === undefined ? { egressTiers: cloudRunCatalog().egressTiers } : {}),
    freeTier: cloudRunCatalog().freeTier,
    freeTierPrices: cloudRunCatalog().prices.tier1,
    ...(file.commitment === undefined
      ? {}
      : { commitment: { ...file.commitment, discount: cloudRunCudDiscount(billing, file.commitment.term) } }),
  };
}

/**
 * The KPA settings: the preset's object with the entry's fields on top (a scenario that sets
 * `knative.stableWindow` alone keeps the other defaults).
 */
function resolveKnative(file: CloudRunFile, where: string, path: string): KnativeSettings {
  const preset = (cloudRunCatalog().defaults.knative ?? {}) as NonNullable<CloudRunFile['knative']>;
  const k = { ...preset, ...file.knative };
  const field = <K extends keyof typeof k>(key: K): NonNullable<(typeof k)[K]> => need(k[key], `knative.${String(key)}`) as NonNullable<(typeof k)[K]>;
  const seconds = (key: 'stableWindow' | 'scaleToZeroGracePeriod' | 'scaleToZeroPodRetention' | 'tickInterval', positive: boolean): number => {
    const value = parseDurationOrThrow(field(key), where, `${path}.${key}`);
    if (positive && !(value > 0)) throw inputError(where, `${path}.${key}`, k[key], 'a duration > 0');
    if (key === 'tickInterval' && value < MIN_DECISION_INTERVAL_S) {
      throw inputError(where, `${path}.${key}`, k[key], atLeast(MIN_DECISION_INTERVAL_S, 'one decision per tick; Knative ticks every 2s'));
    }
    return value;
  };
  return {
    targetUtilization: field('targetUtilization'),
    stableWindow: seconds('stableWindow', true),
    panicWindowPercentage: field('panicWindowPercentage'),
    panicThreshold: field('panicThreshold'),
    maxScaleUpRate: field('maxScaleUpRate'),
    maxScaleDownRate: field('maxScaleDownRate'),
    scaleToZeroGracePeriod: seconds('scaleToZeroGracePeriod', false),
    scaleToZeroPodRetention: seconds('scaleToZeroPodRetention', false),
    initialScale: field('initialScale'),
    activationScale: field('activationScale'),
    tickInterval: seconds('tickInterval', true),
  };
}
