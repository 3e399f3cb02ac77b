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

describe('CloudRunBilling closes clock hours and free-tier months when time passes them', () => {
  const FEE = 0.4 / 1e6;

  it('request fees count in the clock hour of their instant, an hour read mid-run included', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRunSpec());
    // 3 requests in hour 0, 5 in hour 1 (the first on its first instant), 2 in hour 2.
    for (const t of [0, 100, 3599]) billing.request(t);
    for (const t of [3600, 3700, 3800, 3900, 4000]) billing.request(t);
    // Reading the hours closes hour 0 from outside the bill; the bill's next request must still
    // close hour 1 itself before charging in hour 2.
    expect(billing.hourlySpend.hours(5000)).toEqual([3 * FEE, expect.closeTo(5 * FEE, 18)]);
    for (const t of [7200, 9000]) billing.request(t);
    const hours = billing.hourlySpend.hours(9000);
    expect(hours.length).toBe(3);
    expect(hours[0]).toBeCloseTo(3 * FEE, 18);
    expect(hours[1]).toBeCloseTo(5 * FEE, 18);
    expect(hours[2]).toBeCloseTo(2 * FEE, 18);
  });

  it('each calendar month has its own CPU and memory allowance (the month closes before the next stretch)', () => {
    // From 23:00 on 31 January: February begins at t = 3600. Allowances of 100 vCPU-s and 10 GiB-s a month.
    const ledger = new Ledger();
    const free = { cpuSeconds: 100, memoryGiBSeconds: 10, requests: 0, instanceCpuSeconds: 0, instanceMemoryGiBSeconds: 0, egressGiB: 0 };
    const billing = new CloudRunBilling(ledger, cloudRunSpec({ account: { startEpochMs: Date.parse('2026-01-31T23:00:00Z'), freeTier: true }, freeTier: free }));
    billing.billableStart(0);
    billing.billableEnd(200, 0);
    billing.billableStart(3700);
    billing.billableEnd(3900, 3700);
    // Each month: 200 vCPU-s used, 100 free = 100 x 0.000024 = 0.0024; 200 x 0.5 = 100 GiB-s
    // used, 10 free = 10 x 0.0000025 = 0.000025. Two months: -(0.0024 + 0.000025) x 2 = -0.00485.
    // (Closing January only when read would put February's stretch in it: 100 vCPU-s free in all.)
    expect(ledger.component('discount', 4000)).toBeCloseTo(-0.00485, 15);
  });
});

describe('CloudRunBilling: the idle fee of min instances', () => {
  it('is charged only under request-based billing with min instances (chargesIdle)', () => {
    expect(new CloudRunBilling(new Ledger(), cloudRunSpec({ minInstances: 2 })).chargesIdle).toBe(true);
    expect(new CloudRunBilling(new Ledger(), cloudRunSpec()).chargesIdle).toBe(false);
    expect(new CloudRunBilling(new Ledger(), cloudRunSpec({ minInstances: 2, billing: 'instance' })).chargesIdle).toBe(false);
  });

  it('follows the counts when the billed number changes and only then', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRunSpec({ minInstances: 2 }));
    const idle = 1 * 0.0000025 + 0.5 * 0.0000025;
    billing.idleInstances(0, 3, 0); // min(3, 2 - 0) = 2 billed idle
    billing.idleInstances(10, 2, 1); // min(2, 1) = 1
    billing.idleInstances(20, 3, 0); // 2 again
    billing.idleInstances(25, 4, 0); // still 2: unchanged
    billing.idleInstances(30, 1, 3); // max(0, 2 - 3) = 0
    // 10 s x 2 + 10 s x 1 + 10 s x 2 = 50 instance-seconds at the idle rate, none after 30.
    expect(ledger.component('idle', 100)).toBeCloseTo(50 * idle, 15);
  });
});
