/**
 * A Compute Engine entry (file form, preset merged) to a ComputeEngineSpec: machine type from
 * the catalog, its vCPU and memory unless the entry overrides them (an M/M/c validation set-up
 * may want exactly c workers on c vCPU), and its hourly price split into cpu and memory.
 */
import { inputError } from '../errors.js';
import { checkComputeEngineRegion, computeEnginePricesFor, machineTypeFor } from './prices.js';
import type { ComputeEngineFile } from './schema.js';
import type { ComputeEngineSpec } from './types.js';
import { parseDurationOrThrow, parseMemoryOrThrow } from './units.js';

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`models/compute-engine.json: no default for ${what}`);
  return value;
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

  return {
    name: file.name,
    model: 'compute-engine',
    region,
    machineType,
    vcpu: file.vcpu ?? machine.vcpu,
    memoryGiB,
    count: need(file.count, 'count'),
    workers: need(file.workers, 'workers'),
    maxConcurrency: need(file.maxConcurrency, 'maxConcurrency'),
    queueLimit: queueLimit === null || queueLimit === 'unbounded' ? Infinity : queueLimit,
    loadBalancer: need(file.loadBalancer, 'loadBalancer'),
    requestTimeout,
    prices: computeEnginePricesFor(machine),
  };
}
