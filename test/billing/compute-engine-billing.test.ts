import { describe, expect, it } from 'vitest';
import { ComputeEngineBilling } from '../../src/billing/compute-engine-billing.js';
import { Ledger } from '../../src/billing/ledger.js';
import { runScenario } from '../../src/experiment/run.js';
import { FEB_H, GIB, HOUR, JAN_H, fleet, resolved, vm } from './helpers.js';

/**
 * Compute Engine billing against closed forms from docs/gcp-facts.md. Specs come from
 * file-form scenario entries (presets and catalog merged, as `sim run` sees them); the fixed
 * costs are switched off (`disk: null, externalIp: false, externalLoadBalancer: false`) where a
 * test is about the machine price alone.
 */

const N1 = 0.0474998; // n1-standard-1 on-demand $/h
const N2 = 0.097118; // n2-standard-2
const E2_MEDIUM = 0.0335057;
const E2_MICRO = 0.0083764;
const BARE = { disk: null, externalIp: false, externalLoadBalancer: false, count: 1 };

const machine = (l: Ledger, t: number) => l.component('cpu', t) + l.component('memory', t);

describe('on-demand, 730 hours', () => {
  it('n1-standard-1: $34.67 on the cpu and memory lines', () => {
    const end = 730 * HOUR;
    const l = fleet(vm({ ...BARE, machineType: 'n1-standard-1' })).close(end);
    // 730 x 0.0474998 = 34.674854
    expect(machine(l, end)).toBeCloseTo(34.674854, 9);
    expect(machine(l, end)).toBeCloseTo(34.67, 2);
  });

  it('e2-medium: $24.46 and no sustained-use discount (E2)', () => {
    const end = 730 * HOUR;
    const l = fleet(vm({ ...BARE, machineType: 'e2-medium' })).close(end);
    // 730 x 0.0335057 = 24.459161
    expect(l.total(end)).toBeCloseTo(24.459161, 9);
    expect(l.total(end)).toBeCloseTo(24.46, 2);
    expect(l.component('discount', end)).toBe(0);
  });
});

describe('sustained-use discounts per calendar month', () => {
  it('n1-standard-1, all of January: 30 % off, i.e. $24.27 per 730-hour month', () => {
    const end = JAN_H * HOUR;
    const l = fleet(vm({ ...BARE, machineType: 'n1-standard-1' })).close(end);
    // Quarters of 186 h at 100/80/60/40 %: 744 x 0.0474998 x (1 + 0.8 + 0.6 + 0.4) / 4
    // = 35.3398512 x 0.7 = 24.73789584; the discount line holds -0.3 x 35.3398512 = -10.60195536.
    expect(machine(l, end)).toBeCloseTo(35.3398512, 9);
    expect(l.component('discount', end)).toBeCloseTo(-10.60195536, 9);
    expect(l.total(end)).toBeCloseTo(24.73789584, 9);
    // No calendar month has 730 h; the catalog's "full-month SUD" $24.27 is the same 30 % off
    // 730 h: 24.73789584 x 730 / 744 = 24.2724 (and 730 x 0.0474998 x 0.7 = 24.2723978).
    expect((l.total(end) * 730) / JAN_H).toBeCloseTo(730 * N1 * 0.7, 9);
    expect((l.total(end) * 730) / JAN_H).toBeCloseTo(24.27, 2);
  });

  it('n1-standard-1, exactly 730 h from 1 January: the quarters are of January (186 h)', () => {
    const end = 730 * HOUR;
    const l = fleet(vm({ ...BARE, machineType: 'n1-standard-1' })).close(end);
    // Discount: 186 h x 0.2 + 186 h x 0.4 + (730 - 558) h x 0.6 = 37.2 + 74.4 + 103.2 = 214.8 h
    // 214.8 x 0.0474998 = 10.20295704; total 34.674854 - 10.20295704 = 24.47189696 (> 24.27:
    // January's last 14 h, which would earn 60 % off, are not run).
    expect(l.component('discount', end)).toBeCloseTo(-10.20295704, 9);
    expect(l.total(end)).toBeCloseTo(24.47189696, 9);
  });

  it('n2-standard-2: $70.90 on demand, $56.73 per full 730-hour month with SUD', () => {
    const end730 = 730 * HOUR;
    const onDemand = fleet(vm({ ...BARE, machineType: 'n2-standard-2' })).close(end730);
    // 730 x 0.097118 = 70.89614
    expect(machine(onDemand, end730)).toBeCloseTo(70.89614, 9);
    expect(machine(onDemand, end730)).toBeCloseTo(70.9, 2);

    const end = JAN_H * HOUR;
    const jan = fleet(vm({ ...BARE, machineType: 'n2-standard-2' })).close(end);
    // January: 744 x 0.097118 = 72.255792; x (1 + 0.8678 + 0.733 + 0.6) / 4 = x 0.8002
    // = 57.8190847584; per 730 h: x 730 / 744 = 56.7311 (730 x 0.097118 x 0.8002 = 56.73109).
    expect(jan.total(end)).toBeCloseTo(72.255792 * 0.8002, 9);
    expect((jan.total(end) * 730) / JAN_H).toBeCloseTo(56.73, 2);
  });

  it('restarts each month; the running total is exact at the end of every month', () => {
    // Start 16 January 00:00 UTC, run to 1 March: 384 h of January, all 672 h of February.
    const spec = vm({ ...BARE, machineType: 'n1-standard-1' }, { start: '2026-01-16T00:00:00Z' });
    const f = fleet(spec);
    // January: quarter 186 h; 384 h used: 186 x 0 + 186 x 0.2 + 12 x 0.4 = 42 h x 0.0474998.
    const endJan = 384 * HOUR;
    expect(f.run(endJan).component('discount', endJan)).toBeCloseTo(-42 * N1, 9);
    // February: a full month, 30 % of 672 h = 201.6 h; cumulative 243.6 h.
    const endFeb = endJan + FEB_H * HOUR;
    const l = f.close(endFeb);
    expect(l.component('discount', endFeb)).toBeCloseTo(-243.6 * N1, 9);
    expect(l.total(endFeb)).toBeCloseTo((384 + 672 - 243.6) * N1, 9);
  });

  it('is per VM: two VMs, twice the discount', () => {
    const end = JAN_H * HOUR;
    const l = fleet(vm({ ...BARE, machineType: 'n1-standard-1', count: 2 })).close(end);
    expect(l.component('discount', end)).toBeCloseTo(-2 * 0.3 * JAN_H * N1, 9);
  });

  it('steps down exactly at the quarter mark (186 h of January)', () => {
    const f = fleet(vm({ ...BARE, machineType: 'n1-standard-1' }));
    expect(f.run(186 * HOUR).component('discount', 186 * HOUR)).toBe(0);
    // One more hour at 80 %: 0.2 x 0.0474998
    expect(f.run(187 * HOUR).component('discount', 187 * HOUR)).toBeCloseTo(-0.2 * N1, 12);
  });
});

describe('sustained use in the cost per month of a run shorter than a month', () => {
  // A month of the run's usage earns the discount the run itself cannot (perMonthCorrection):
  // an always-on n1-standard-1 costs 730 x 0.0474998 x 0.7 = $24.2723978 a month whatever
  // the run's length. Scaled as it was, a day's run read 730 x 0.0474998 = $34.67 (no
  // quarter of January reached), 43 % more.
  it.each([1, 7, 20])('n1-standard-1 always on, %i day(s) from 1 January: $24.27 per month', (days) => {
    const end = days * 24 * HOUR;
    const f = fleet(vm({ ...BARE, machineType: 'n1-standard-1' }));
    const l = f.close(end);
    const perMonth = (l.total(end) * 730 * HOUR) / end + f.platform.perMonthCorrection(end);
    expect(perMonth).toBeCloseTo(730 * N1 * 0.7, 9);
  });

  it('a VM that ran half the run earns a month of half its usage: 0.2 x a quarter month off (N1)', () => {
    // Two n1-standard-1 for 2 days; one stops after 1 day (the MIG would do it; here by hand).
    // A month of that: VM A all month, 30 % of 730 h = 219 h off; VM B half the month (365 h):
    // its first quarter (182.5 h) at 100 %, its second at 80 %: 0.2 x 182.5 = 36.5 h off.
    const b = new ComputeEngineBilling(new Ledger(), vm({ ...BARE, machineType: 'n1-standard-1', count: 2 }));
    b.vmStarted(0);
    b.vmStarted(0);
    b.vmStopped(24 * HOUR, 0);
    const end = 48 * HOUR;
    // The run itself (2 days of January): no discount, so the correction is the month's own:
    // -(0.3 x 730 + 0.2 x 182.5) h x N1 = -(219 + 36.5) x 0.0474998 = -12.13619890.
    expect(b.perMonthCorrection(end)).toBeCloseTo(-(219 + 36.5) * N1, 9);
  });

  it('is 0 without sustained use (E2)', () => {
    const end = 24 * HOUR;
    const f = fleet(vm({ ...BARE, machineType: 'e2-medium' }));
    f.close(end);
    expect(f.platform.perMonthCorrection(end)).toBe(0);
  });
});

describe('committed use and Spot', () => {
  it('cud-1y: 37 % off on the discount line, $21.84 per 730 h (the catalog figure), no SUD', () => {
    const end = 730 * HOUR;
    const l = fleet(vm({ ...BARE, machineType: 'n1-standard-1', pricing: 'cud-1y' })).close(end);
    // 34.674854 x 0.37 = 12.82969598 off; 34.674854 x 0.63 = 21.84515802
    expect(machine(l, end)).toBeCloseTo(34.674854, 9);
    expect(l.component('discount', end)).toBeCloseTo(-12.82969598, 9);
    expect(l.total(end)).toBeCloseTo(21.84515802, 9);
    // The catalog's $21.84 is 0.63 x the rounded $34.67 (21.8421): within a cent.
    expect(Math.abs(l.total(end) - 21.84)).toBeLessThan(0.01);
  });

  it('cud-3y: 55 % off, $15.60 per 730 h', () => {
    const end = 730 * HOUR;
    const l = fleet(vm({ ...BARE, machineType: 'n1-standard-1', pricing: 'cud-3y' })).close(end);
    // 34.674854 x 0.45 = 15.6036843
    expect(l.total(end)).toBeCloseTo(15.6036843, 9);
    expect(l.total(end)).toBeCloseTo(15.6, 2);
  });

  it('committed VMs that do not run are still paid (on the fixed line)', () => {
    // Billing driven directly: count 2 committed, only one VM running for 100 h.
    const spec = vm({ ...BARE, machineType: 'e2-medium', pricing: 'cud-1y', count: 2 });
    const ledger = new Ledger();
    const billing = new ComputeEngineBilling(ledger, spec);
    billing.vmStarted(0);
    const end = 100 * HOUR;
    // Running: 100 x 0.0335057 x 0.63 = 2.1108591; idle commitment the same again.
    expect(ledger.total(end)).toBeCloseTo(2 * 100 * E2_MEDIUM * 0.63, 9);
    expect(ledger.component('fixed', end)).toBeCloseTo(100 * E2_MEDIUM * 0.63, 9);
  });

  it('spot: the catalog Spot price on the cpu and memory lines, no discount', () => {
    const end = 730 * HOUR;
    const l = fleet(vm({ ...BARE, machineType: 'n1-standard-1', pricing: 'spot' })).close(end);
    // 730 x 0.0167525 = 12.229325
    expect(machine(l, end)).toBeCloseTo(12.229325, 9);
    expect(l.component('discount', end)).toBe(0);
  });
});

describe('fixed costs', () => {
  it('preset defaults, two e2-medium VMs for 730 h: load balancer, two IPs, two 10 GB pd-balanced disks', () => {
    const end = 730 * HOUR;
    const spec = vm({ machineType: 'e2-medium' }); // count 2 by default, so "auto" puts a load balancer in front
    expect(spec.externalLoadBalancer).toBe(true);
    const l = fleet(spec).close(end);
    // Forwarding rule 730 x 0.025 = 18.25; IPs 2 x 730 x 0.005 = 7.30; disks 2 x 10 GB x $0.10
    // per GB-month over a 730-hour month = 2.00. Total fixed 27.55.
    expect(l.component('fixed', end)).toBeCloseTo(27.55, 9);
    expect(l.total(end)).toBeCloseTo(2 * 730 * E2_MEDIUM + 27.55, 9);
  });

  it('one VM: no load balancer ("auto"), its IP and its disk', () => {
    const end = 730 * HOUR;
    const spec = vm({ machineType: 'e2-medium', count: 1 });
    expect(spec.externalLoadBalancer).toBe(false);
    // 730 x 0.005 + 10 x 0.10 = 3.65 + 1.00
    expect(fleet(spec).close(end).component('fixed', end)).toBeCloseTo(4.65, 9);
  });

  it('disk types per GB-month: pd-standard 0.04, pd-ssd 0.17', () => {
    const end = 730 * HOUR;
    const std = fleet(vm({ ...BARE, disk: { type: 'pd-standard', sizeGB: 100 } })).close(end);
    const ssd = fleet(vm({ ...BARE, disk: { type: 'pd-ssd', sizeGB: 100 } })).close(end);
    expect(std.component('fixed', end)).toBeCloseTo(4, 9); // 100 x 0.04
    expect(ssd.component('fixed', end)).toBeCloseTo(17, 9); // 100 x 0.17
  });

  it('the load balancer processes response bytes at $0.008 per GiB', () => {
    const f = fleet(vm({ ...BARE, count: 2, externalLoadBalancer: true }));
    f.respond(10, 3 * GIB);
    const l = f.close(HOUR);
    // Forwarding rule 1 h x 0.025; 3 GiB x 0.008 = 0.024. Egress 3 x 0.12 = 0.36.
    expect(l.component('fixed', HOUR)).toBeCloseTo(0.025 + 0.024, 12);
    expect(l.component('network', HOUR)).toBeCloseTo(0.36, 12);
  });
});

describe('internet egress tiers per calendar month', () => {
  it('$0.12 up to 1 TiB, $0.11 to 10 TiB, $0.08 beyond; a response across a bound is split', () => {
    const ledger = new Ledger();
    const billing = new ComputeEngineBilling(ledger, vm(BARE));
    billing.egress(1023 * GIB, 0);
    billing.egress(2 * GIB, 1); // 1 GiB at 0.12, 1 GiB at 0.11
    billing.egress(9215 * GIB, 2); // to 10 TiB exactly, at 0.11
    billing.egress(10 * GIB, 3); // beyond, at 0.08
    // 1024 x 0.12 + 9216 x 0.11 + 10 x 0.08 = 122.88 + 1013.76 + 0.8 = 1137.44
    expect(ledger.component('network', 3)).toBeCloseTo(1137.44, 9);
    // February starts over at $0.12 (January has 744 h).
    billing.egress(GIB, JAN_H * HOUR);
    expect(ledger.component('network', JAN_H * HOUR)).toBeCloseTo(1137.44 + 0.12, 9);
  });
});

describe('free tier (billing.freeTier)', () => {
  it('one e2-micro a month: two e2-micro VMs for January pay for one', () => {
    const end = JAN_H * HOUR;
    const spec = vm({ ...BARE, machineType: 'e2-micro', count: 2 }, { billing: { freeTier: true } });
    const l = fleet(spec).close(end);
    // 2 x 744 x 0.0083764 = 12.4640832 used; 744 x 0.0083764 = 6.2320416 free.
    expect(machine(l, end)).toBeCloseTo(12.4640832, 9);
    expect(l.component('discount', end)).toBeCloseTo(-6.2320416, 9);
  });

  it('one e2-micro: free up to the hours of each month, right at each month end', () => {
    // Runs 1 January to 1 March with a 30 GB pd-standard disk.
    const spec = vm({ ...BARE, machineType: 'e2-micro', disk: { type: 'pd-standard', sizeGB: 30 } }, { billing: { freeTier: true } });
    const f = fleet(spec);
    const endJan = JAN_H * HOUR;
    const l = f.run(endJan);
    // The VM is free for all of January. The disk: 30 GB x 0.04 x 744 / 730 = 1.22301370 used
    // (GB-months prorated over 730 h), 30 x 0.04 = 1.20 free.
    expect(machine(l, endJan) + l.component('fixed', endJan) + l.component('discount', endJan)).toBeCloseTo((1.2 * 744) / 730 - 1.2, 9);
    const endFeb = endJan + FEB_H * HOUR;
    f.close(endFeb);
    // February: VM free again; disk 1.2 x 672 / 730 = 1.10465753 < 1.20, all free.
    expect(l.total(endFeb)).toBeCloseTo((1.2 * 744) / 730 - 1.2, 9);
  });

  it('off by default, and not for Spot e2-micro', () => {
    const end = JAN_H * HOUR;
    expect(fleet(vm({ ...BARE, machineType: 'e2-micro' })).close(end).component('discount', end)).toBe(0);
    const spot = vm({ ...BARE, machineType: 'e2-micro', pricing: 'spot' }, { billing: { freeTier: true } });
    expect(fleet(spot).close(end).component('discount', end)).toBe(0);
    expect(machine(fleet(vm({ ...BARE, machineType: 'e2-micro' })).close(end), end)).toBeCloseTo(JAN_H * E2_MICRO, 9);
  });

  it('1 GiB of egress a month', () => {
    const ledger = new Ledger();
    const billing = new ComputeEngineBilling(ledger, vm(BARE, { billing: { freeTier: true } }));
    billing.egress(0.5 * GIB, 0);
    billing.egress(2.5 * GIB, 1);
    // 3 GiB x 0.12 = 0.36 on network; 1 GiB x 0.12 = 0.12 back.
    expect(ledger.component('network', 1)).toBeCloseTo(0.36, 12);
    expect(ledger.component('discount', 1)).toBeCloseTo(-0.12, 12);
  });
});

describe('reachable from a scenario file', () => {
  it('pricing, disk and billing.freeTier flow into the summary', () => {
    const scenario = resolved(
      [
        { name: 'sud', model: 'compute-engine', ...BARE, machineType: 'n1-standard-1' },
        { name: 'micro', model: 'compute-engine', ...BARE, machineType: 'e2-micro', disk: { type: 'pd-standard', sizeGB: 10 } },
      ],
      { duration: `${JAN_H}h`, billing: { freeTier: true } },
    );
    const [sud, micro] = runScenario(scenario, { seed: 1 });
    expect(sud!.cost_total_usd).toBeCloseTo(JAN_H * N1 * 0.7, 9);
    expect(sud!.cost_discount_usd).toBeCloseTo(-JAN_H * N1 * 0.3, 9);
    // e2-micro and a 10 GB standard disk: all free.
    expect(micro!.cost_total_usd).toBeCloseTo(0, 9);
  });
});
