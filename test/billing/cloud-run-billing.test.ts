import { describe, expect, it } from 'vitest';
import { CloudRunBilling } from '../../src/billing/cloud-run-billing.js';
import { Ledger } from '../../src/billing/ledger.js';
import { roundUpTo, roundUpTo100ms } from '../../src/billing/rounding.js';
import { cloudRunSpec } from '../helpers/specs.js';

describe('roundUpTo100ms', () => {
  it.each([
    [0, 0],
    [0.001, 0.1],
    [0.25, 0.3],
    [0.3, 0.3],
    [0.1 + 0.2, 0.3], // 0.30000000000000004 is 300 ms, not 400 ms
    [1.80000001, 1.9],
  ])('%d s bills %d s', (s, billed) => expect(roundUpTo100ms(s)).toBeCloseTo(billed, 12));
});

describe('CloudRunBilling', () => {
  it('request-based: a 250 ms stretch bills 300 ms at 1 vCPU and 0.5 GiB, plus the request fee', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRunSpec());
    billing.billableStart(10);
    billing.request(10);
    billing.billableEnd(10.25, 10);
    // 0.3 s x (0.000024 + 0.5 x 0.0000025) = 0.000007575; fee 0.40 / 1e6 = 0.0000004.
    expect(ledger.component('cpu', 20) + ledger.component('memory', 20)).toBeCloseTo(0.000007575, 15);
    expect(ledger.component('requests', 20)).toBeCloseTo(0.0000004, 15);
  });

  it('request-based: overlapping requests on one instance are billed once', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRunSpec());
    // One stretch 0..1 s covering several requests; the platform opens it once.
    billing.billableStart(0);
    billing.billableEnd(1, 0);
    expect(ledger.component('cpu', 5)).toBeCloseTo(0.000024, 15);
  });

  it('request-based: min instances idle are billed at the idle rate, other idle instances are free', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRunSpec({ minInstances: 1 }));
    billing.idleInstances(0, 3); // three idle, one of them a min instance
    // 100 s x (1 x 0.0000025 + 0.5 x 0.0000025) = 0.000375
    expect(ledger.component('idle', 100)).toBeCloseTo(0.000375, 15);
  });

  it('instance-based: creation to termination with a one-minute minimum and no request fee', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRunSpec({ billing: 'instance' }));
    billing.instanceCreated(0);
    billing.request(0);
    billing.instanceGone(20, 0);
    // 60 s x (0.000018 + 0.5 x 0.000002) = 0.00114
    expect(ledger.total(100)).toBeCloseTo(0.00114, 12);
    expect(ledger.component('requests', 100)).toBe(0);
  });

  it('egress per GiB', () => {
    const ledger = new Ledger();
    new CloudRunBilling(ledger, cloudRunSpec()).egress(2 * 1024 ** 3, 0);
    expect(ledger.component('network', 0)).toBeCloseTo(0.24, 12);
  });
});

describe('roundUpTo', () => {
  it.each([
    [0.25, 0.1, 0.3],
    [0.3000000000000001, 0.1, 0.3],
    [1.2, 1, 2],
    [1.2, 0, 1.2],
    [0, 0.1, 0],
    [61, 60, 120],
  ])('%d s at %d s granularity bills %d s', (s, g, billed) => expect(roundUpTo(s, g)).toBeCloseTo(billed, 12));
});

describe('rounding scope (an assumption: Google says only "rounded up to the nearest 100 ms")', () => {
  // One instance (id 0), stretches 10..10.25, 10.5..10.75 (interval 0 of 60 s) and 70..70.05 (interval 1).
  const bill = (roundingScope: 'stretch' | 'instance' | 'none') => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRunSpec({ roundingScope, roundingGranularity: 0.1, roundingInterval: 60 }));
    for (const [a, b] of [[10, 10.25], [10.5, 10.75], [70, 70.05]] as const) {
      billing.billableStart(a);
      billing.billableEnd(b, a, 0);
    }
    billing.instanceGone(100, 0, 0);
    return (ledger.component('cpu', 100) + ledger.component('memory', 100)) / (0.000024 + 0.5 * 0.0000025);
  };
  it.each([
    // Each stretch: 0.3 + 0.3 + 0.1 = 0.7 s.
    ['stretch', 0.7],
    // Per instance and interval: 0.25 + 0.25 = 0.5 s (already a multiple) + 0.05 -> 0.1 s = 0.6 s.
    ['instance', 0.6],
    // None: 0.25 + 0.25 + 0.05 = 0.55 s.
    ['none', 0.55],
  ] as const)('%s bills %d s', (scope, seconds) => expect(bill(scope)).toBeCloseTo(seconds, 9));
});
