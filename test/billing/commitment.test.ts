import { describe, expect, it } from 'vitest';
import { bestHourlyCommitment, commitmentCost, cudDiscount } from '../../src/billing/commitment.js';
import { expectInputError } from '../scenario/helpers.js';
import { HOUR, cloudRun, cloudRunPlatform, fleet, resolved, vm } from './helpers.js';

/** Spend-based committed use discounts (src/billing/commitment.ts). */

describe('commitmentCost', () => {
  it.each([
    // Google's example (cloud.google.com/run/cud): commit $1/h at 17 %, an hour of $1.50: 0.83 + 0.50 = 1.33.
    { hours: [1.5], d: 0.17, c: 1, cost: 1.33 },
    // An unused commitment is still paid: 1 x 0.83.
    { hours: [0], d: 0.17, c: 1, cost: 0.83 },
    // Three hours at 28 %: 3 x 0.72 + (1.5 - 1) = 2.66 (the 0.5 and 1.0 hours are covered).
    { hours: [0.5, 1.5, 1.0], d: 0.28, c: 1, cost: 2.66 },
    // No commitment: the on-demand sum, 0.5 + 1.5 + 1.0 = 3.
    { hours: [0.5, 1.5, 1.0], d: 0.46, c: 0, cost: 3 },
    // 46 % on $2/h over two $1 hours: 2 x 2 x 0.54 = 2.16, more than the $2 on demand.
    { hours: [1, 1], d: 0.46, c: 2, cost: 2.16 },
  ])('$hours at $d off, $c/h: $cost', ({ hours, d, c, cost }) => {
    expect(commitmentCost(hours, d, c)).toBeCloseTo(cost, 12);
  });
});

describe('bestHourlyCommitment', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100, 99, ..., 1 (unsorted on purpose)
  it.each([
    // u_(ceil(n d)): 100 hours at 17 % -> the 17th lowest hour, $17.
    { hours: oneToHundred, d: 0.17, best: 17 },
    { hours: oneToHundred, d: 0.28, best: 28 },
    { hours: oneToHundred, d: 0.46, best: 46 },
    // n d = 0.51 -> ceil = 1: the lowest hour.
    { hours: [3, 1, 2], d: 0.17, best: 1 },
    // n d = 1.38 -> ceil = 2: the second lowest.
    { hours: [3, 1, 2], d: 0.46, best: 2 },
    { hours: [5, 5, 5], d: 0.46, best: 5 },
    { hours: [], d: 0.17, best: 0 },
    { hours: [4, 2], d: 0, best: 0 },
  ])('$d off over $hours.length hours: $best', ({ hours, d, best }) => {
    expect(bestHourlyCommitment(hours, d)).toBe(best);
  });

  it('is no worse than any other level (a diurnal week, brute force over a fine grid)', () => {
    // 168 hours of a diurnal pattern, $0.2 to $1.2 an hour.
    const hours = Array.from({ length: 168 }, (_, h) => 0.7 + 0.5 * Math.sin((2 * Math.PI * (h % 24)) / 24) * (h >= 120 ? 0.5 : 1));
    for (const d of [0.17, 0.28, 0.46]) {
      const best = commitmentCost(hours, d, bestHourlyCommitment(hours, d));
      for (let c = 0; c <= 1.3; c += 0.005) expect(best).toBeLessThanOrEqual(commitmentCost(hours, d, c) + 1e-12);
    }
  });
});

describe('cudDiscount (models/, cloud.google.com/run/cud)', () => {
  it.each([
    ['cloud-run', 'request', '1y', 0.17],
    ['cloud-run', 'request', '3y', 0.17],
    ['cloud-run', 'instance', '1y', 0.28],
    ['cloud-run', 'instance', '3y', 0.46],
    ['compute-engine', null, '1y', 0.28],
    ['compute-engine', null, '3y', 0.46],
  ] as const)('%s %s %s: %d', (model, billing, term, d) => {
    expect(cudDiscount(model, billing, term)).toBe(d);
  });
});

describe('a commitment in the ledger, hour by hour', () => {
  it('Cloud Run instance-based, one min instance for 2 h, flexible 1-year CUD', () => {
    // 1 vCPU, 512 MiB instance-based: 0.000018 + 0.5 x 0.000002 = 0.000019 $/s = $0.0684 an hour.
    const run = (hourlyUsd: number) => {
      const h = cloudRunPlatform(cloudRun({ billing: 'instance', minInstances: 1, coldStart: '1s', commitment: { term: '1y', hourlyUsd } }));
      h.sim.run(2 * HOUR);
      h.platform.close(2 * HOUR);
      return h.platform.ledger;
    };
    // $0.05/h at 28 %: each hour 0.05 x 0.72 + (0.0684 - 0.05) = 0.036 + 0.0184 = 0.0544; two hours 0.1088.
    const under = run(0.05);
    expect(under.total(2 * HOUR)).toBeCloseTo(0.1088, 12);
    expect(under.component('fixed', 2 * HOUR)).toBeCloseTo(2 * 0.036, 12);
    expect(under.component('discount', 2 * HOUR)).toBeCloseTo(-2 * 0.05, 12);
    // $0.10/h: more than the usage; every hour costs the fee, 0.1 x 0.72 = 0.072; two hours 0.144.
    expect(run(0.1).total(2 * HOUR)).toBeCloseTo(0.144, 12);
    // Halfway through the first hour: the fee so far, 0.5 x 0.036 = 0.018; the 0.0342 used so far
    // is all inside the hour's $0.05, so nothing is on demand yet.
    const h = cloudRunPlatform(cloudRun({ billing: 'instance', minInstances: 1, coldStart: '1s', commitment: { term: '1y', hourlyUsd: 0.05 } }));
    h.sim.run(1800);
    expect(h.platform.ledger.total(1800)).toBeCloseTo(0.018, 12);
  });

  it('Cloud Run request-based: 17 %, the idle fee and request fees are eligible, egress is not', () => {
    // One min instance, 1 h; idle 1 vCPU + 0.5 GiB at 0.0000025 = 0.00000375 $/s = $0.0135 an hour,
    // less the 1 s of start-up billed at the active rate instead (0.00002525 - ... see below).
    const h = cloudRunPlatform(cloudRun({ minInstances: 1, coldStart: '1s', commitment: { term: '3y', hourlyUsd: 0.01 } }));
    h.send(1800, { bytes: 1024 ** 3 }); // one request, 1 GiB of egress ($0.12, not covered)
    h.sim.run(HOUR);
    h.platform.close(HOUR);
    const l = h.platform.ledger;
    const eligible = l.component('cpu', HOUR) + l.component('memory', HOUR) + l.component('idle', HOUR) + l.component('requests', HOUR);
    expect(eligible).toBeGreaterThan(0.01);
    // Fee 0.01 x 0.83 = 0.0083 on fixed; the covered 0.01 off; the rest of the eligible spend and egress on demand.
    expect(l.component('fixed', HOUR)).toBeCloseTo(0.0083, 12);
    expect(l.component('discount', HOUR)).toBeCloseTo(-0.01, 12);
    expect(l.total(HOUR)).toBeCloseTo(0.0083 + (eligible - 0.01) + 0.12, 12);
  });

  it('Compute Engine: one e2-medium for 10 h, flexible 3-year CUD of $0.02/h', () => {
    // Each hour 0.02 x 0.54 + (0.0335057 - 0.02) = 0.0108 + 0.0135057 = 0.0243057; ten hours 0.243057.
    const spec = vm({ machineType: 'e2-medium', count: 1, disk: null, externalIp: false, externalLoadBalancer: false, commitment: { term: '3y', hourlyUsd: 0.02 } });
    expect(spec.commitment).toEqual({ term: '3y', hourlyUsd: 0.02, discount: 0.46 });
    const l = fleet(spec).close(10 * HOUR);
    expect(l.total(10 * HOUR)).toBeCloseTo(0.243057, 12);
  });

  it('records the eligible spend of each clock hour (for bestHourlyCommitment)', () => {
    const f = fleet(vm({ machineType: 'e2-medium', count: 1, disk: null, externalIp: false, externalLoadBalancer: false }));
    f.close(2.5 * HOUR);
    const hours = f.platform.commitmentEligibleHours(2.5 * HOUR);
    expect(hours.length).toBe(3);
    expect(hours[0]).toBeCloseTo(0.0335057, 12);
    expect(hours[1]).toBeCloseTo(0.0335057, 12);
    expect(hours[2]).toBeCloseTo(0.0335057 / 2, 12);
  });

  it('refuses a spend commitment on Spot or resource-committed VMs', () => {
    for (const pricing of ['spot', 'cud-1y']) {
      expectInputError(
        () => resolved([{ name: 'vm', model: 'compute-engine', pricing, commitment: { term: '1y', hourlyUsd: 1 } }]),
        ['platforms[0].commitment', `pricing "${pricing}"`],
      );
    }
  });
});
