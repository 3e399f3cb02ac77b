/**
 * An AWS Lambda entry (file form, preset merged) to a LambdaSpec, with the limits AWS enforces
 * on a function's settings (docs/aws-facts.md) and the simulator's own cross-field rules.
 */
import { inputError } from '../../errors.js';
import { resolveDist } from '../../scenario/dist.js';
import type { LambdaPrices, LambdaSpec } from '../../scenario/types.js';
import { parseDurationOrThrow, parseMemoryOrThrow } from '../../scenario/units.js';
import { lambdaCatalog, lambdaRegion } from './presets.js';
import type { LambdaFile } from './schema.js';

/** 1,769 MB of memory is one vCPU (docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). */
export const MIB_PER_VCPU = 1769;
/** Memory bounds in MiB (AWS's MB). */
export const MEMORY_MIB = { min: 128, max: 10240 } as const;
/** Ephemeral storage bounds in MiB. */
export const EPHEMERAL_MIB = { min: 512, max: 10240 } as const;
/** The longest timeout AWS allows, seconds. */
export const MAX_TIMEOUT_S = 900;

function need<T>(value: T | undefined, what: string): T {
  // The preset supplies every field; missing means models/lambda.json is broken.
  if (value === undefined) throw new Error(`models/lambda.json: no default for ${what}`);
  return value;
}

/**
 * Whole MiB from a memory setting within [min, max]. AWS's "MB" are MiB (1,024 MB = 1 GB in
 * its GB-seconds), so "1769Mi" is AWS's 1,769 MB; "1769MB" reads as decimal megabytes
 * (1,687.0 MiB) and is refused with that hint.
 */
function wholeMiB(value: unknown, bounds: { min: number; max: number }, where: string, path: string): number {
  const mib = parseMemoryOrThrow(value, where, path) * 1024;
  const rounded = Math.round(mib);
  if (Math.abs(mib - rounded) > 1e-6 || rounded < bounds.min || rounded > bounds.max) {
    throw inputError(where, path, value, `a whole number of MiB from ${bounds.min}Mi to ${bounds.max}Mi (AWS's MB are MiB: write 1769 MB as "1769Mi")`);
  }
  return rounded;
}

export function resolveLambda(file: LambdaFile, where: string, path: string): LambdaSpec {
  const at = (field: string): string => `${path}.${field}`;
  const catalog = lambdaCatalog();
  const region = lambdaRegion(need(file.region, 'region'), where, at('region'));
  const architecture = need(file.architecture, 'architecture');
  const memoryMiB = wholeMiB(need(file.memory, 'memory'), MEMORY_MIB, where, at('memory'));
  const ephemeralStorageMiB = wholeMiB(need(file.ephemeralStorage, 'ephemeralStorage'), EPHEMERAL_MIB, where, at('ephemeralStorage'));
  const requestTimeout = parseDurationOrThrow(need(file.requestTimeout, 'requestTimeout'), where, at('requestTimeout'));
  if (!(requestTimeout > 0) || requestTimeout > MAX_TIMEOUT_S) {
    throw inputError(where, at('requestTimeout'), file.requestTimeout, `a duration above 0 and at most ${MAX_TIMEOUT_S}s (the Lambda maximum)`);
  }
  const scaling = need(file.scalingRate, 'scalingRate');
  const per = parseDurationOrThrow(scaling.per, where, at('scalingRate.per'));
  if (!(per > 0)) throw inputError(where, at('scalingRate.per'), scaling.per, 'a duration > 0');
  const concurrencyLimit = need(file.concurrencyLimit, 'concurrencyLimit');
  const provisionedConcurrency = need(file.provisionedConcurrency, 'provisionedConcurrency');
  if (provisionedConcurrency > concurrencyLimit) {
    throw inputError(where, at('provisionedConcurrency'), provisionedConcurrency, `at most concurrencyLimit (${concurrencyLimit})`);
  }
  const listed = catalog.prices[architecture];
  const p = file.prices ?? {};
  const prices: LambdaPrices = {
    durationTiers: p.durationGBSecond === undefined ? listed.durationTiers : [{ upToGBSeconds: null, perGBSecond: p.durationGBSecond }],
    perMillionRequests: p.perMillionRequests ?? listed.perMillionRequests,
    ephemeralGBSecond: p.ephemeralGBSecond ?? listed.ephemeralGBSecond,
    provisionedGBSecond: p.provisionedGBSecond ?? listed.provisionedGBSecond,
    provisionedDurationGBSecond: p.provisionedDurationGBSecond ?? listed.provisionedDurationGBSecond,
    egressPerGiB: p.egressPerGiB ?? catalog.egressTiers[0]!.perGiB,
  };
  return {
    name: file.name,
    model: 'lambda',
    region,
    architecture,
    memoryMiB,
    memoryGiB: memoryMiB / 1024,
    vcpu: memoryMiB / MIB_PER_VCPU,
    coldStart: resolveDist(need(file.coldStart, 'coldStart'), 'duration', where, at('coldStart')),
    keepAlive: parseDurationOrThrow(need(file.keepAlive, 'keepAlive'), where, at('keepAlive')),
    routing: need(file.routing, 'routing'),
    concurrencyLimit,
    scalingRate: { environments: scaling.environments, per },
    provisionedConcurrency,
    provisionedStart: need(file.provisionedStart, 'provisionedStart'),
    ephemeralStorageMiB,
    requestTimeout,
    initBilled: need(file.initBilled, 'initBilled'),
    frontEndLatency: resolveDist(need(file.frontEndLatency, 'frontEndLatency'), 'duration', where, at('frontEndLatency')),
    prices,
    provisionedRounding: parseDurationOrThrow(catalog.provisionedRounding, LAMBDA_CATALOG_PATH, 'provisionedRounding'),
    // A set egress price is flat: it replaces the catalog's monthly tiers.
    ...(p.egressPerGiB === undefined ? { egressTiers: catalog.egressTiers } : {}),
    freeTier: catalog.freeTier,
  };
}

const LAMBDA_CATALOG_PATH = 'models/lambda.json';
