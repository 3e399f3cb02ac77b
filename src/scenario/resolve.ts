/**
 * The validated file form to the resolved Scenario: top-level units, traffic, request profile
 * and each platform, plus the checks that involve more than one field.
 */
import { inputError } from '../errors.js';
import { resolveCloudRun } from './cloud-run.js';
import { resolveComputeEngine } from './compute-engine.js';
import { resolveDist } from './dist.js';
import type { ScenarioFile } from './schema.js';
import { resolveTraffic } from './traffic.js';
import type { PlatformSpec, Scenario } from './types.js';
import { parseDurationOrThrow } from './units.js';

/** Top-level keys of the file; a platform may not take one as its name (--set addressing). */
const RESERVED_NAMES = ['$schema', 'name', 'description', 'start', 'duration', 'warmup', 'traffic', 'requests', 'platforms', 'billing'];

function checkPlatformNames(file: ScenarioFile, where: string): void {
  const seen = new Map<string, number>();
  file.platforms.forEach((platform, i) => {
    const path = `platforms[${i}].name`;
    if (RESERVED_NAMES.includes(platform.name)) {
      throw inputError(where, path, platform.name, `a name other than the top-level keys ${RESERVED_NAMES.join(', ')} (--set addresses platforms by name)`);
    }
    const first = seen.get(platform.name);
    if (first !== undefined) {
      throw inputError(where, path, platform.name, `a unique platform name (platforms[${first}] is already named so)`);
    }
    seen.set(platform.name, i);
  });
}

export function resolveFile(file: ScenarioFile, where: string): Scenario {
  const duration = parseDurationOrThrow(file.duration, where, 'duration');
  if (!(duration > 0)) throw inputError(where, 'duration', file.duration, 'a duration > 0');
  const warmup = parseDurationOrThrow(file.warmup, where, 'warmup');
  if (!(warmup < duration)) {
    throw inputError(where, 'warmup', file.warmup, `a duration shorter than duration (${String(file.duration)})`);
  }
  const startEpochMs = Date.parse(file.start);
  if (!Number.isFinite(startEpochMs)) throw inputError(where, 'start', file.start, 'an ISO 8601 timestamp such as "2026-01-05T00:00:00Z"');
  checkPlatformNames(file, where);

  // Each platform's bill needs the calendar (sustained use, tiers, free tiers) and the free-tier switch.
  const billing = { freeTier: file.billing.freeTier };
  const account = { startEpochMs, freeTier: billing.freeTier };
  const platforms: PlatformSpec[] = file.platforms.map((platform, i) =>
    platform.model === 'cloud-run'
      ? { ...resolveCloudRun(platform, where, `platforms[${i}]`), account }
      : { ...resolveComputeEngine(platform, where, `platforms[${i}]`), account },
  );

  return {
    name: file.name,
    start: file.start,
    startEpochMs,
    duration,
    warmup,
    traffic: resolveTraffic(file.traffic, where, 'traffic', startEpochMs),
    requests: {
      cpu: resolveDist(file.requests.cpu, 'duration', where, 'requests.cpu'),
      io: resolveDist(file.requests.io, 'duration', where, 'requests.io'),
      responseBytes: resolveDist(file.requests.responseBytes, 'bytes', where, 'requests.responseBytes'),
      requestBytes: resolveDist(file.requests.requestBytes, 'bytes', where, 'requests.requestBytes'),
    },
    platforms,
    billing,
    ...(where === '' ? {} : { source: where }),
  };
}
