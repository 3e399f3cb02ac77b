import { describe, expect, it } from 'vitest';
import { BillingCalendar } from '../../src/billing/calendar.js';
import { CloudRunBilling } from '../../src/billing/cloud-run-billing.js';
import { ComputeEngineBilling } from '../../src/billing/compute-engine-billing.js';
import { freeTierShare } from '../../src/billing/free-tier-share.js';
import { Ledger } from '../../src/billing/ledger.js';
import { cloudRun, GIB, JAN_1, vm } from './helpers.js';

const DAY = 86_400;

describe('freeTierShare: each month\'s allowance prorated to the part of it the run covers', () => {
  const calendar = new BillingCalendar(Date.parse(JAN_1));
  const jan = calendar.month(0);
  const feb = calendar.next(jan);

  it('one day of January is 1/31 of it; a whole month is 1; no run length is whole months', () => {
    expect(freeTierShare(DAY)(jan)).toBe(1 / 31);
    expect(freeTierShare(31 * DAY)(jan)).toBe(1);
    expect(freeTierShare(31 * DAY)(feb)).toBe(0);
    expect(freeTierShare(undefined)(jan)).toBe(1);
  });

  it('a week across the month end: 3 days of January (3/31), 4 of February (4/28)', () => {
    const from29 = new BillingCalendar(Date.parse('2026-01-29T00:00:00Z'));
    const share = freeTierShare(7 * DAY);
    expect(share(from29.month(0))).toBeCloseTo(3 / 31, 15);
    expect(share(from29.month(6 * DAY))).toBeCloseTo(4 / 28, 15);
  });
});

describe('a one-day run gets a day of the monthly free tier (issue 11: it got the whole month)', () => {
  it('Cloud Run, request-based: 180,000 vCPU-s x $0.000024 = $4.32 a month, $4.32 / 31 = $0.139355 for 1 January', () => {
    const ledger = new Ledger();
    const spec = cloudRun({}, { start: JAN_1, duration: '1d', billing: { freeTier: true } });
    const billing = new CloudRunBilling(ledger, spec);
    billing.billableStart(0);
    billing.billableEnd(10_000, 0);
    // CPU: 10,000 vCPU-s x 0.000024 = $0.24 used, above the day's $0.139355: that much is free.
    // Memory: 10,000 s x 0.5 GiB x 0.0000025 = $0.0125, below the day's 360,000 x 0.0000025 / 31
    // = $0.029032: all free. Discount -(0.139355 + 0.0125).
    expect(ledger.component('cpu', DAY)).toBeCloseTo(0.24, 12);
    expect(ledger.component('discount', DAY)).toBeCloseTo(-(4.32 / 31 + 0.0125), 12);
    expect(ledger.total(DAY)).toBeCloseTo(0.24 - 4.32 / 31, 12);
  });

  it('Cloud Run: 2 million requests a month are 64,516.1 free requests in a day of January', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRun({}, { start: JAN_1, duration: '1d', billing: { freeTier: true } }));
    for (let i = 0; i < 70_000; i++) billing.request(i);
    // 70,000 x $0.40 / 1e6 = $0.028 of fees; the first ceil(2e6 / 31) = 64,517 are given back
    // (counts 0 .. 64,516 are below 64,516.13): 64,517 x 0.4e-6 = $0.0258068.
    expect(ledger.component('requests', DAY)).toBeCloseTo(0.028, 12);
    expect(ledger.component('discount', DAY)).toBeCloseTo(-64_517 * 0.4e-6, 12);
  });

  it('Compute Engine: 1 GiB of egress a month is 1/31 GiB in a day of January: $0.12 / 31 back', () => {
    const ledger = new Ledger();
    const billing = new ComputeEngineBilling(ledger, vm({ machineType: 'e2-medium', disk: null, externalIp: false, externalLoadBalancer: false }, { start: JAN_1, duration: '1d', billing: { freeTier: true } }));
    billing.egress(GIB, 0);
    expect(ledger.component('network', 1)).toBeCloseTo(0.12, 12);
    expect(ledger.component('discount', 1)).toBeCloseTo(-0.12 / 31, 12);
  });
});
