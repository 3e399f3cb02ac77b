/**
 * A Compute Engine entry (file form, preset merged) to a ComputeEngineSpec: machine type from
 * the catalog, its vCPU and memory unless the entry overrides them (an M/M/c validation set-up
 * may want exactly c workers on c vCPU), and its hourly price split into cpu and memory.
 */
import { inputError } from '../../errors.js';
import { resolveServer } from '../server/resolve.js';
import { resolveDist } from '../../scenario/dist.js';
import { atLeast, MIN_DECISION_INTERVAL_S, MIN_TIME_TO_PREEMPTION_S } from '../../scenario/interval-bounds.js';
import type { ComputeEngineSpec, MigAutoscalingSpec, PreemptionSpec } from '../../scenario/types.js';
import { parseDurationOrThrow, parseMemoryOrThrow } from '../../scenario/units.js';
import { computeEngineCatalog, computeEngineCudDiscount } from './presets.js';
import { checkComputeEngineRegion, computeEnginePricesFor, machineTypeFor } from './prices.js';
import type { ComputeEngineFile } from './schema.js';

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`models/compute-engine.json: no default for ${what}`);
  return value;
}

/**
 * A nested block (`autoscaling`, `preemption`): the preset's object with the entry's fields on
 * top, so a scenario that sets `autoscaling.mode` alone keeps the other defaults.
 */
function withPreset<K extends 'autoscaling' | 'preemption'>(file: ComputeEngineFile, key: K): NonNullable<ComputeEngineFile[K]> {
  const preset = (computeEngineCatalog().defaults[key] ?? {}) as NonNullable<ComputeEngineFile[K]>;
  return { ...preset, ...file[key] };
}

function seconds(value: number | string | undefined, what: string, where: string, path: string, positive: boolean, min?: { seconds: number; why: string }): number {
  const s = parseDurationOrThrow(need(value, what), where, path);
  if (positive && !(s > 0)) throw inputError(where, path, value, 'a duration > 0');
  if (min !== undefined && s < min.seconds) throw inputError(where, path, value, atLeast(min.seconds, min.why));
  return s;
}

/** Autoscaling settings; when it is on, `count` (the initial size) must lie in [minSize, maxSize]. */
function resolveAutoscaling(file: ComputeEngineFile, count: number, where: string, path: string): MigAutoscalingSpec {
  const a = withPreset(file, 'autoscaling');
  const at = (field: string): string => `${path}.autoscaling.${field}`;
  const mode = need(a.mode, 'autoscaling.mode');
  const minSize = need(a.minSize, 'autoscaling.minSize');
  const maxSize = need(a.maxSize, 'autoscaling.maxSize');
  if (mode !== 'off') {
    if (minSize > maxSize) throw inputError(where, at('minSize'), minSize, `an integer <= autoscaling.maxSize (${maxSize})`);
    if (count < minSize || count > maxSize) {
      throw inputError(where, `${path}.count`, count, `an initial size from autoscaling.minSize (${minSize}) to autoscaling.maxSize (${maxSize})`);
    }
  }
  return {
    mode,
    minSize,
    maxSize,
    targetCpu: need(a.targetCpu, 'autoscaling.targetCpu'),
    initializationPeriod: seconds(a.initializationPeriod, 'autoscaling.initializationPeriod', where, at('initializationPeriod'), false),
    scaleInStabilization: seconds(a.scaleInStabilization, 'autoscaling.scaleInStabilization', where, at('scaleInStabilization'), false),
    evaluationInterval: seconds(a.evaluationInterval, 'autoscaling.evaluationInterval', where, at('evaluationInterval'), true, {
      seconds: MIN_DECISION_INTERVAL_S,
      why: 'one decision per interval; the Compute Engine autoscaler decides every 15s or more',
    }),
  };
}

function resolvePreemption(file: ComputeEngineFile, where: string, path: string): PreemptionSpec {
  const p = withPreset(file, 'preemption');
  const at = (field: string): string => `${path}.preemption.${field}`;
  return {
    enabled: need(p.enabled, 'preemption.enabled'),
    meanTimeToPreemption: seconds(p.meanTimeToPreemption, 'preemption.meanTimeToPreemption', where, at('meanTimeToPreemption'), true, {
      seconds: MIN_TIME_TO_PREEMPTION_S,
      why: 'each preemption is a reboot; Spot VMs run for hours',
    }),
    noticePeriod: seconds(p.noticePeriod, 'preemption.noticePeriod', where, at('noticePeriod'), false),
    restart: need(p.restart, 'preemption.restart'),
  };
}

export function resolveComputeEngine(file: ComputeEngineFile, where: string, path: string): ComputeEngineSpec {
  const at = (field: string): string => `${path}.${field}`;
  const region = need(file.region, 'region');
  checkComputeEngineRegion(region, where, at('region'));
  const machineType = need(file.machineType, 'machineType');
  const machine = machineTypeFor(machineType, where, at('machineType'));
  const memoryGiB = file.memory === undefined ? machine.memoryGB : parseMemoryOrThrow(file.memory, where, at('memory'));
  if (!(memoryGiB > 0)) throw inputError(where, at('memory'), file.memory, 'a memory size > 0');
  const requestTimeout = parseDurationOrThrow(need(file.requestTimeout, 'requestTimeout'), where, at('requestTimeout'));
  if (!(requestTimeout > 0)) throw inputError(where, at('requestTimeout'), file.requestTimeout, 'a duration > 0');
  const queueLimit = need(file.queueLimit, 'queueLimit');
  const count = need(file.count, 'count');
  const pricing = need(file.pricing, 'pricing');
  const disk = need(file.disk, 'disk');
  const lb = need(file.externalLoadBalancer, 'externalLoadBalancer');
  if (file.commitment !== undefined && pricing !== 'on-demand') {
    throw inputError(
      where,
      at('commitment'),
      file.commitment,
      `no spend commitment with pricing "${pricing}" (Spot VMs get no committed use discount; a resource-based "cud-1y"/"cud-3y" commitment already covers the fleet): use pricing "on-demand" or leave commitment out`,
    );
  }

  return {
    name: file.name,
    model: 'compute-engine',
    region,
    machineType,
    vcpu: file.vcpu ?? machine.vcpu,
    memoryGiB,
    count,
    workers: need(file.workers, 'workers'),
    ...resolveServer(file, where, path),
    maxConcurrency: need(file.maxConcurrency, 'maxConcurrency'),
    queueLimit: queueLimit === null || queueLimit === 'unbounded' ? Infinity : queueLimit,
    loadBalancer: need(file.loadBalancer, 'loadBalancer'),
    requestTimeout,
    boot: resolveDist(need(file.boot, 'boot'), 'duration', where, at('boot')),
    autoscaling: resolveAutoscaling(file, need(file.count, 'count'), where, path),
    preemption: resolvePreemption(file, where, path),
    prices: computeEnginePricesFor(machine, { machineType, region, pricing, diskType: disk === null ? null : disk.type, spotDiscount: file.spotDiscount ?? null }),
    pricing,
    disk,
    externalIp: need(file.externalIp, 'externalIp'),
    // "auto": a load balancer only in front of more than one VM (one VM is reached on its own IP).
    externalLoadBalancer: lb === 'auto' ? count > 1 : lb,
    spotDiscount: file.spotDiscount ?? null,
    frontEndLatency: resolveDist(need(file.frontEndLatency, 'frontEndLatency'), 'duration', where, at('frontEndLatency')),
    ...(file.commitment === undefined ? {} : { commitment: { ...file.commitment, discount: computeEngineCudDiscount(file.commitment.term) } }),
  };
}
