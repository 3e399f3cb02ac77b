import { describe, expect, it } from 'vitest';
import { CloudRunBilling } from '../../src/billing/cloud-run-billing.js';
import { Ledger } from '../../src/billing/ledger.js';
import { roundUpTo100ms } from '../../src/billing/rounding.js';
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
