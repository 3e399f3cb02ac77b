import type { LambdaSpec } from '../../../src/scenario/types.js';

/** 2026-01-01T00:00:00Z as epoch ms: January has 31 days. */
export const JAN_1 = Date.parse('2026-01-01T00:00:00Z');

/** us-east-1 x86 list prices of models/lambda.json, written out (docs/aws-facts.md). */
export const X86 = {
  durationTiers: [
    { upToGBSeconds: 6e9, perGBSecond: 0.0000166667 },
    { upToGBSeconds: 15e9, perGBSecond: 0.000015 },
    { upToGBSeconds: null, perGBSecond: 0.0000133334 },
  ],
  perMillionRequests: 0.2,
  ephemeralGBSecond: 0.0000000309,
  provisionedGBSecond: 0.0000041667,
  provisionedDurationGBSecond: 0.0000097222,
  egressPerGiB: 0.09,
};

/** A Lambda spec for model tests that bypass the scenario loader: 512 MiB, x86, no INIT, 600 s keep-alive. */
export function lambdaSpec(overrides: Partial<LambdaSpec> = {}, account: { freeTier: boolean; runSeconds?: number } = { freeTier: false }): LambdaSpec {
  const memoryMiB = overrides.memoryMiB ?? 512;
  return {
    name: 'fn',
    model: 'lambda',
    region: 'us-east-1',
    architecture: 'x86',
    memoryMiB,
    memoryGiB: memoryMiB / 1024,
    vcpu: memoryMiB / 1769,
    coldStart: { dist: 'constant', value: 0 },
    keepAlive: 600,
    routing: 'newest',
    concurrencyLimit: 1000,
    scalingRate: { environments: 1000, per: 10 },
    provisionedConcurrency: 0,
    ephemeralStorageMiB: 512,
    requestTimeout: 3,
    initBilled: true,
    prices: X86,
    provisionedRounding: 300,
    egressTiers: [
      { upToGiB: 10240, perGiB: 0.09 },
      { upToGiB: 51200, perGiB: 0.085 },
      { upToGiB: 153600, perGiB: 0.07 },
      { upToGiB: null, perGiB: 0.05 },
    ],
    freeTier: { requests: 1_000_000, gbSeconds: 400_000, egressGiB: 100 },
    ...overrides,
    account: { startEpochMs: JAN_1, ...account },
  };
}

