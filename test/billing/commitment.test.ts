import { describe, expect, it } from 'vitest';
import { bestHourlyCommitment, commitmentCost, cudDiscount } from '../../src/billing/commitment.js';
import { hourFractions } from '../../src/billing/hourly-spend.js';
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

describe('parts of hours (a run that starts or ends within a clock hour)', () => {
  it.each([
    // 09:30 for 2 h: half an hour, an hour, half an hour.
    { start: '2026-01-05T09:30:00Z', duration: 7200, fractions: [0.5, 1, 0.5] },
    // 10 minutes from 00:00: a sixth of one hour.
    { start: '2026-01-05T00:00:00Z', duration: 600, fractions: [1 / 6] },
    // Two whole hours: no empty third hour.
    { start: '2026-01-05T00:00:00Z', duration: 7200, fractions: [1, 1] },
    // 00:40 for 1 h: 20 minutes, then 40.
    { start: '2026-01-05T00:40:00Z', duration: 3600, fractions: [1 / 3, 2 / 3] },
  ])('hourFractions: $duration s from $start', ({ start, duration, fractions }) => {
    const got = hourFractions(Date.parse(start), duration);
    expect(got.length).toBe(fractions.length);
    got.forEach((f, i) => expect(f).toBeCloseTo(fractions[i]!, 12));
  });

  it('commitmentCost prorates the fee and the cover of a part-hour', () => {
    // Commit $1/h at 17 %: a half hour of $0.60 pays 0.5 x 0.83 = 0.415 and is covered up to
    // $0.50, so 0.10 is on demand: 0.515; a whole hour of $1.50 after it: 0.83 + 0.50 = 1.33.
    expect(commitmentCost([0.6, 1.5], 0.17, 1, [0.5, 1])).toBeCloseTo(0.515 + 1.33, 12);
    // Whole hours: the same as without fractions.
    expect(commitmentCost([0.5, 1.5, 1.0], 0.28, 1, [1, 1, 1])).toBeCloseTo(commitmentCost([0.5, 1.5, 1.0], 0.28, 1), 12);
  });

  it('bestHourlyCommitment commits to a rate, each hour weighted by its share', () => {
    // One part-hour: its rate, $0.01 in 10 minutes = $0.06/h (it was $0.01, the spend itself).
    expect(bestHourlyCommitment([0.01], 0.17, [1 / 6])).toBeCloseTo(0.06, 12);
    // Rates 2, 1 and 4 $/h with shares 0.5, 1, 0.5 (total 2): 46 % of 2 is 0.92; sorted by
    // rate the $1 hour alone holds a share 1 >= 0.92, so C = 1. At 17 % (0.34) also 1.
    expect(bestHourlyCommitment([1, 1, 2], 0.46, [0.5, 1, 0.5])).toBe(1);
    // 60 % needs 1.2: the $1 hour (1) and the $2 half hour (1.5): C = 2.
    expect(bestHourlyCommitment([1, 1, 2], 0.6, [0.5, 1, 0.5])).toBe(2);
  });

  it('is no worse than any other level with part-hours (brute force over a fine grid)', () => {
    const hours = Array.from({ length: 50 }, (_, h) => 0.7 + 0.5 * Math.sin((2 * Math.PI * h) / 24));
    const fractions = hours.map((_, h) => (h === 0 ? 0.3 : h === 49 ? 0.8 : 1));
    const spend = hours.map((r, h) => r * fractions[h]!);
    for (const d of [0.17, 0.28, 0.46]) {
      const best = commitmentCost(spend, d, bestHourlyCommitment(spend, d, fractions), fractions);
      for (let c = 0; c <= 1.3; c += 0.005) expect(best).toBeLessThanOrEqual(commitmentCost(spend, d, c, fractions) + 1e-12);
    }
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
    // A run of half an hour: half the fee, 0.5 x 0.036 = 0.018, and half the commitment's cover,
    // 0.5 x 0.05 = 0.025, against the 0.5 x 0.0684 = 0.0342 used: 0.018 + (0.0342 - 0.025) =
    // 0.0272, half of a whole hour's 0.0544. (A whole hour's $0.05 covering the 0.0342 gave
    // 0.018: scaled to a month, the commitment would have cost less than its own fee.)
    const h = cloudRunPlatform(cloudRun({ billing: 'instance', minInstances: 1, coldStart: '1s', commitment: { term: '1y', hourlyUsd: 0.05 } }));
    h.sim.run(1800);
    h.platform.close(1800);
    expect(h.platform.ledger.total(1800)).toBeCloseTo(0.0272, 12);
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
