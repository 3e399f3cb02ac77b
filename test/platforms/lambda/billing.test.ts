/**
 * AWS Lambda billing against closed forms and AWS's own worked examples (docs/aws-facts.md).
 * Prices are the us-east-1 list prices of models/lambda.json, written out here so that a
 * catalog change that breaks AWS's examples fails.
 */
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/billing/ledger.js';
import { billedMs, LambdaBilling } from '../../../src/platforms/lambda/billing.js';
import { tieredPrice } from '../../../src/billing/tiered-price.js';
import type { LambdaSpec } from '../../../src/scenario/types.js';
import { JAN_1, lambdaSpec as spec, X86 } from './spec.js';

const DAY = 86_400;

describe('billed duration: rounded up to 1 ms', () => {
  it('120.3 ms bills 121 ms, 120 ms bills 120 ms even as 0.12000000000000001 s, 0.0001 ms bills 1 ms, 0 bills nothing', () => {
    expect(billedMs(0.1203)).toBe(121);
    expect(billedMs(0.12)).toBe(120);
    expect(billedMs(0.1 + 0.02)).toBe(120); // 0.12000000000000001
    expect(billedMs(1e-7)).toBe(1);
    expect(billedMs(0)).toBe(0);
  });

  it('120.3 ms at 1,536 MB: 121 ms x 1.5 GB = 0.1815 GB-s x $0.0000166667 = $0.00000302500605', () => {
    const ledger = new Ledger();
    new LambdaBilling(ledger, spec({ memoryMiB: 1536 })).invocation(1, 0.1203, false);
    expect(ledger.component('cpu', 1)).toBeCloseTo(0.1815 * 0.0000166667, 18);
    expect(ledger.total(1)).toBeCloseTo(0.1815 * 0.0000166667, 18);
  });
});

describe('AWS pricing page, example 1: 512 MB, 3 million invocations of 1 s in a month, free tier', () => {
  // 3,000,000 x 1 s x 512/1024 = 1,500,000 GB-s; - 400,000 free = 1,100,000 GB-s.
  // Requests: 3M - 1M free = 2M x $0.20/M = $0.40.
  function january(prices: LambdaSpec['prices']): Ledger {
    const ledger = new Ledger();
    // A run of all of January: the month's free tier is whole (free-tier-share.ts).
    const billing = new LambdaBilling(ledger, spec({ prices }, { freeTier: true, runSeconds: 31 * DAY }));
    for (let i = 0; i < 3_000_000; i++) {
      const t = (i * 31 * DAY) / 3_000_000;
      billing.request(t);
      billing.invocation(t + 1, 1, false);
    }
    return ledger;
  }

  it('at the page\'s rounded $0.00001667 per GB-s: compute $18.34, requests $0.40, total $18.74', () => {
    const ledger = january({ ...X86, durationTiers: [{ upToGBSeconds: null, perGBSecond: 0.00001667 }] });
    const end = 31 * DAY;
    // Gross 1,500,000 GB-s x 0.00001667 = $25.005 and 3M x $0.20/M = $0.60; the free tier gives
    // back 400,000 x 0.00001667 = $6.668 and 1M x $0.20/M = $0.20. Net compute 1,100,000 x
    // 0.00001667 = $18.337 (the page writes $18.34), net requests $0.40.
    expect(ledger.component('cpu', end)).toBeCloseTo(25.005, 9);
    expect(ledger.component('requests', end)).toBeCloseTo(0.6, 12);
    expect(ledger.component('discount', end)).toBeCloseTo(-(6.668 + 0.2), 9);
    expect(ledger.total(end)).toBeCloseTo(18.737, 9);
    expect(ledger.total(end).toFixed(2)).toBe('18.74');
  });

  it('at the list price $0.0000166667: 1,100,000 x 0.0000166667 = $18.33337 + $0.40 = $18.73337', () => {
    const ledger = january(X86);
    expect(ledger.total(31 * DAY)).toBeCloseTo(18.33337 + 0.4, 9);
  });
});

describe('on-demand duration tiers (x86: 6 and 15 billion GB-s a month)', () => {
  const bands = X86.durationTiers.map((t) => ({ upTo: t.upToGBSeconds, price: t.perGBSecond }));

  it('inside the first tier: the first price', () => {
    expect(tieredPrice(bands, 0, 1000)).toBeCloseTo(1000 * 0.0000166667, 15);
  });

  it('2 GB-s from 6e9 - 1: one at $0.0000166667, one at $0.000015', () => {
    expect(tieredPrice(bands, 6e9 - 1, 2)).toBeCloseTo(0.0000166667 + 0.000015, 15);
  });

  it('a month of 20 billion GB-s: 6e9 x 0.0000166667 + 9e9 x 0.000015 + 5e9 x 0.0000133334 = $301,667.2', () => {
    expect(tieredPrice(bands, 0, 20e9)).toBeCloseTo(6e9 * 0.0000166667 + 9e9 * 0.000015 + 5e9 * 0.0000133334, 6);
    expect(tieredPrice(bands, 0, 20e9)).toBeCloseTo(301_667.2, 4);
  });

  it('the tiers restart each calendar month', () => {
    const ledger = new Ledger();
    const billing = new LambdaBilling(ledger, spec({ memoryMiB: 1024, prices: { ...X86, durationTiers: [{ upToGBSeconds: 10, perGBSecond: 1 }, { upToGBSeconds: null, perGBSecond: 0.5 }] } }));
    billing.invocation(DAY, 8, false); // 8 GB-s at $1
    billing.invocation(2 * DAY, 4, false); // 2 at $1, 2 at $0.5
    billing.invocation(32 * DAY, 4, false); // February: 4 at $1
    expect(ledger.component('cpu', 32 * DAY)).toBeCloseTo(8 + 2 + 1 + 4, 12);
  });
});

describe('duration tiers in the cost per month of a run shorter than a month (perMonthCorrection)', () => {
  // Bands of 10 GB-s at $1, then $0.5 (the shape of AWS's, small enough to reach). One day of
  // 1 GB-s: the day pays $1; its 730-hour month, 730 / 24 = 30.4167 GB-s, pays
  // 10 x 1 + 20.4167 x 0.5 = $20.2083, where $1 scaled is $30.4167: the correction is -$10.2083.
  const tiers = { ...X86, durationTiers: [{ upToGBSeconds: 10, perGBSecond: 1 }, { upToGBSeconds: null, perGBSecond: 0.5 }] };

  it('prices a month of the run on the bands', () => {
    const ledger = new Ledger();
    const billing = new LambdaBilling(ledger, spec({ memoryMiB: 1024, prices: tiers }));
    billing.invocation(3600, 1, false);
    const month = 730 / 24;
    expect(billing.perMonthCorrection(DAY)).toBeCloseTo(10 + (month - 10) * 0.5 - month, 12);
  });

  it('is 0 while the month stays in the first band (AWS x86: 6 billion GB-s)', () => {
    const billing = new LambdaBilling(new Ledger(), spec({ memoryMiB: 1024 }));
    billing.invocation(3600, 1, false);
    expect(billing.perMonthCorrection(DAY)).toBe(0);
  });
});

describe('provisioned concurrency', () => {
  it('10 environments x 512 MB for one hour: 10 x 0.5 GB x 3,600 s x $0.0000041667 = $0.0750006 on idle', () => {
    const ledger = new Ledger();
    const billing = new LambdaBilling(ledger, spec({ provisionedConcurrency: 10 }));
    billing.close(3600);
    expect(ledger.component('idle', 3600)).toBeCloseTo(0.0750006, 12);
  });

  it('the enabled period rounds up to 5 minutes: 3,601 s bills 3,900 s = $0.08125065', () => {
    const ledger = new Ledger();
    const billing = new LambdaBilling(ledger, spec({ provisionedConcurrency: 10 }));
    billing.close(3601);
    expect(ledger.component('idle', 3601)).toBeCloseTo(10 * 0.5 * 3900 * 0.0000041667, 12);
  });

  it('an invocation on a provisioned environment costs the provisioned duration price: 1 s x 0.5 GB x $0.0000097222', () => {
    const ledger = new Ledger();
    const billing = new LambdaBilling(ledger, spec({ provisionedConcurrency: 1 }));
    billing.invocation(5, 1, true);
    billing.invocation(6, 1, false); // spill-over: on demand
    expect(ledger.component('cpu', 6)).toBeCloseTo(0.5 * 0.0000097222 + 0.5 * 0.0000166667, 15);
  });

  it('no free tier for a function with provisioned concurrency', () => {
    const ledger = new Ledger();
    const billing = new LambdaBilling(ledger, spec({ provisionedConcurrency: 1 }, { freeTier: true }));
    billing.request(1);
    billing.invocation(2, 1, false);
    billing.egress(1024 ** 3, 2);
    expect(ledger.component('discount', 2)).toBe(0);
  });
});

describe('ephemeral storage above 512 MB', () => {
  it('10,240 MB for a 1 s invocation: 9.5 GB x 1 s x $0.0000000309 = $0.00000029355 on memory', () => {
    const ledger = new Ledger();
    new LambdaBilling(ledger, spec({ ephemeralStorageMiB: 10240 })).invocation(1, 1, false);
    expect(ledger.component('memory', 1)).toBeCloseTo(9.5 * 0.0000000309, 18);
  });

  it('nothing at the free 512 MB', () => {
    const ledger = new Ledger();
    new LambdaBilling(ledger, spec()).invocation(1, 1, false);
    expect(ledger.component('memory', 1)).toBe(0);
  });
});

describe('free tier, prorated to the part of the month the run covers', () => {
  it('a one-day run in January: 400,000 / 31 = 12,903.23 GB-s free at $0.0000166667', () => {
    const ledger = new Ledger();
    const billing = new LambdaBilling(ledger, spec({ memoryMiB: 1024 }, { freeTier: true, runSeconds: DAY }));
    // 20,000 GB-s in one invocation (1 GB for 20,000 s): 12,903.2258 of them free.
    billing.invocation(DAY / 2, 20_000, false);
    expect(ledger.component('discount', DAY)).toBeCloseTo((-400_000 / 31) * 0.0000166667, 12);
  });

  it('a one-day run in January: the first 32,259 requests are free (1,000,000 / 31 = 32,258.06)', () => {
    const ledger = new Ledger();
    const billing = new LambdaBilling(ledger, spec({}, { freeTier: true, runSeconds: DAY }));
    for (let i = 0; i < 40_000; i++) billing.request(1);
    expect(ledger.component('requests', DAY)).toBeCloseTo(40_000 * 0.2e-6, 15);
    expect(ledger.component('discount', DAY)).toBeCloseTo(-32_259 * 0.2e-6, 15);
  });

  it('egress: 200 GiB in a whole January, 100 free: 100 x $0.09 = $9 net', () => {
    const ledger = new Ledger();
    const billing = new LambdaBilling(ledger, spec({}, { freeTier: true, runSeconds: 31 * DAY }));
    billing.egress(200 * 1024 ** 3, 10);
    expect(ledger.component('network', 10)).toBeCloseTo(18, 12);
    expect(ledger.total(10)).toBeCloseTo(9, 12);
  });

  it('off unless the account asks for it', () => {
    const ledger = new Ledger();
    const billing = new LambdaBilling(ledger, spec());
    billing.request(1);
    billing.invocation(2, 1, false);
    expect(ledger.component('discount', 2)).toBe(0);
  });
});
