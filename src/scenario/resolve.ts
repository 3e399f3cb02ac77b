/**
 * The validated file form to the resolved Scenario: top-level units, traffic, request profile
 * and each platform, plus the checks that involve more than one field.
 */
import { InputError, inputError } from '../errors.js';
import { PLATFORMS, type PlatformRegistry } from '../platforms/registry.js';
import { resolveDist } from './dist.js';
import { DEFAULT_START, type ScenarioFile } from './schema.js';
import { traceWindow, type TraceWindow } from './trace-file.js';
import { unitWarnings } from './unit-warnings.js';
import { resolveTraffic } from './traffic.js';
import type { LatencyObjective, PlatformSpec, Scenario, ScenarioSlo } from './types.js';
import { DURATION_ALLOWED, parseDurationOrThrow } from './units.js';

/** Top-level keys of the file; a platform may not take one as its name (--set addressing). */
const RESERVED_NAMES = ['$schema', 'name', 'description', 'start', 'duration', 'warmup', 'traffic', 'requests', 'slo', 'platforms', 'billing'];

const LATENCY_KEYS = [
  ['latencyMean', 'mean'],
  ['latencyP50', 'p50'],
  ['latencyP90', 'p90'],
  ['latencyP95', 'p95'],
  ['latencyP99', 'p99'],
  ['latencyP999', 'p999'],
] as const;

function resolveSlo(file: ScenarioFile, where: string): ScenarioSlo {
  const latency: Partial<Record<LatencyObjective, number>> = {};
  for (const [key, name] of LATENCY_KEYS) {
    const value = file.slo[key];
    if (value === undefined) continue;
    const seconds = parseDurationOrThrow(value, where, `slo.${key}`);
    if (!(seconds > 0)) throw inputError(where, `slo.${key}`, value, 'a duration > 0');
    latency[name] = seconds;
  }
  return { served: file.slo.served, latency };
}

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

/**
 * The file's duration, or the traces' span when it gives none; a given start and duration that
 * miss every request of the traces are an error rather than a run with no requests.
 */
function resolveDuration(file: ScenarioFile, where: string, window: TraceWindow): number {
  if (file.duration === undefined) {
    if (window.end > 0 && !window.repeats) return window.end;
    const why = window.repeats ? 'an azure-functions trace repeats its day, so it gives no end of its own' : 'unless the traffic is a trace, whose span it then takes';
    throw new InputError(`${[where, 'duration'].filter((s) => s !== '').join(': ')}: missing, required: ${DURATION_ALLOWED} (${why})`);
  }
  const duration = parseDurationOrThrow(file.duration, where, 'duration');
  if (!(duration > 0)) throw inputError(where, 'duration', file.duration, 'a duration > 0');
  if (window.first !== Infinity && window.first >= duration) {
    throw inputError(
      where,
      'duration',
      file.duration,
      `a window that holds some of the trace: its first request is ${window.first} s after the start${window.startFromTrace ? '' : ` (${file.start ?? DEFAULT_START})`}; leave out start and duration to take both from the trace`,
    );
  }
  return duration;
}

export function resolveFile(file: ScenarioFile, where: string, registry: PlatformRegistry = PLATFORMS): Scenario {
  const givenStart = file.start === undefined ? null : Date.parse(file.start);
  if (givenStart !== null && !Number.isFinite(givenStart)) {
    throw inputError(where, 'start', file.start, 'an ISO 8601 timestamp such as "2026-01-05T00:00:00Z"');
  }
  // Traffic first: a trace may set the start and the duration (trace-file.ts, TraceWindow).
  const window = traceWindow(givenStart);
  const traffic = resolveTraffic(file.traffic, where, 'traffic', window);
  const startEpochMs = window.startEpochMs ?? Date.parse(DEFAULT_START);
  const start = file.start ?? new Date(startEpochMs).toISOString().replace('.000Z', 'Z');
  const duration = resolveDuration(file, where, window);
  const warmup = parseDurationOrThrow(file.warmup, where, 'warmup');
  if (!(warmup < duration)) {
    throw inputError(where, 'warmup', file.warmup, `a duration shorter than duration (${String(file.duration ?? `${duration} s, from the trace`)})`);
  }
  checkPlatformNames(file, where);

  // Each platform's bill needs the calendar (sustained use, tiers, free tiers) and the free-tier switch.
  const billing = { freeTier: file.billing.freeTier };
  const account = { startEpochMs, freeTier: billing.freeTier, runSeconds: duration };
  // The schema admitted only registered models, so every platform has its entry.
  const platforms: PlatformSpec[] = file.platforms.map((platform, i) => ({
    ...registry.get(platform.model)!.resolve(platform, where, `platforms[${i}]`),
    account,
  }));

  return {
    name: file.name,
    start,
    startEpochMs,
    duration,
    warmup,
    traffic,
    requests: {
      cpu: resolveDist(file.requests.cpu, 'duration', where, 'requests.cpu'),
      io: resolveDist(file.requests.io, 'duration', where, 'requests.io'),
      responseBytes: resolveDist(file.requests.responseBytes, 'bytes', where, 'requests.responseBytes'),
      requestBytes: resolveDist(file.requests.requestBytes, 'bytes', where, 'requests.requestBytes'),
    },
    slo: resolveSlo(file, where),
    warnings: unitWarnings(file),
    platforms,
    billing,
    ...(where === '' ? {} : { source: where }),
  };
}
