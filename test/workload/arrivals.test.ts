import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/streams.js';
import { fromSpec } from '../../src/random/index.js';
import type { RequestProfileSpec, TrafficSpec } from '../../src/scenario/types.js';
import {
  type ArrivalProcess,
  createArrivals,
  meanRate,
  rateAt,
  rateProfile,
  RequestSource,
} from '../../src/workload/index.js';

// Counts of a Poisson process in disjoint windows are independent Poisson variables with means
// m_i = the integral of the rate over the window, so:
// - one window: |N - m| < Z sqrt(m);
// - k windows: Pearson's sum (N_i - m_i)^2 / m_i is close to chi-square with k degrees of
//   freedom (m_i in the thousands here), mean k and sd sqrt(2k): assert < k + Z sqrt(2k).
// Z = 4, as in test/random/distributions.test.ts. Expected counts come from closed forms
// written out in this file, not from the code under test, except where noted.
const Z = 4;
const MONDAY = Date.UTC(2026, 0, 5); // 2026-01-05T00:00Z, the default scenario start
const HOUR = 3600;
const DAY = 86_400;
const WEEK = 7 * DAY;

/**
 * Draws arrivals up to `horizon`, checking that they never decrease, and counts them into
 * bins (binOf returns -1 to skip). Returns the counts and the total.
 */
function countArrivals(
  process: ArrivalProcess,
  horizon: number,
  bins: number,
  binOf: (t: number) => number,
): { counts: number[]; total: number } {
  const counts = new Array<number>(bins).fill(0);
  let total = 0;
  let last = 0;
  let decreasing = 0;
  for (let t = process.next(); t <= horizon; t = process.next()) {
    if (t < last) decreasing++;
    last = t;
    total++;
    const b = binOf(t);
    if (b >= 0) counts[b]!++;
  }
  expect(decreasing).toBe(0);
  return { counts, total };
}

function expectPoissonCount(n: number, m: number): void {
  expect(Math.abs(n - m)).toBeLessThan(Z * Math.sqrt(m));
}

function expectChiSquare(counts: readonly number[], expected: readonly number[]): void {
  let chi2 = 0;
  let k = 0;
  for (let i = 0; i < counts.length; i++) {
    if (expected[i]! === 0) {
      expect(counts[i]).toBe(0);
      continue;
    }
    chi2 += (counts[i]! - expected[i]!) ** 2 / expected[i]!;
    k++;
  }
  expect(chi2).toBeLessThan(k + Z * Math.sqrt(2 * k));
}

function arrivals(spec: TrafficSpec, seed = 1, start = MONDAY): ArrivalProcess {
  return createArrivals(spec, streamFor(seed, 'arrivals'), start);
}

function firstTimes(process: ArrivalProcess, n: number): number[] {
  return Array.from({ length: n }, () => process.next());
}

describe('poisson', () => {
  it('counts in a window and in 100 windows match rps x length', () => {
    const rps = 50;
    const { counts, total } = countArrivals(arrivals({ type: 'poisson', rps }), 2000, 100, (t) =>
      Math.min(99, Math.floor(t / 20)),
    );
    expectPoissonCount(total, rps * 2000);
    expectChiSquare(counts, new Array(100).fill(rps * 20));
  });

  it('rps 0 gives no arrivals and draws nothing', () => {
    const rng = streamFor(1, 'arrivals');
    const p = createArrivals({ type: 'poisson', rps: 0 }, rng, MONDAY);
    expect(firstTimes(p, 3)).toEqual([Infinity, Infinity, Infinity]);
    expect(rng()).toBe(streamFor(1, 'arrivals')());
  });

  it('the same seed gives the same times, another seed other times', () => {
    const spec: TrafficSpec = { type: 'poisson', rps: 5 };
    expect(firstTimes(arrivals(spec, 9), 100)).toEqual(firstTimes(arrivals(spec, 9), 100));
    expect(firstTimes(arrivals(spec, 9), 3)).not.toEqual(firstTimes(arrivals(spec, 10), 3));
  });

  it('each time is the last plus -ln(1 - u) / rps, one uniform per arrival, summed in that order', () => {
    const p = createArrivals({ type: 'poisson', rps: 3.2 }, streamFor(4, 'arrivals'), MONDAY);
    const rng = streamFor(4, 'arrivals');
    let time = 0;
    for (let k = 0; k < 1000; k++) {
      time += -Math.log(1 - rng()) / 3.2;
      expect(p.next()).toBe(time); // bit for bit: outputs stay byte-identical
    }
  });
});

describe('diurnal', () => {
  // The worked example of src/workload/diurnal-profile.ts.
  const example: TrafficSpec = { type: 'diurnal', meanRps: 20, peakToTrough: 6, peakHour: 14, weekendFactor: 0.5 };

  it('rate: base 23.33, weekday peak 40 and trough 6.67, weekend half, week mean 20', () => {
    const base = (20 * 7) / 6;
    expect(rateAt(example, 14 * HOUR, MONDAY)).toBeCloseTo(40, 10);
    expect(rateAt(example, 2 * HOUR, MONDAY)).toBeCloseTo(40 / 6, 10);
    expect(rateAt(example, 8 * HOUR, MONDAY)).toBeCloseTo(base, 10); // cos(-pi/2) = 0
    expect(rateAt(example, 14 * HOUR, MONDAY) / rateAt(example, 2 * HOUR, MONDAY)).toBeCloseTo(6, 10);
    // Saturday is day 5 of a week that starts on Monday.
    expect(rateAt(example, 5 * DAY + 14 * HOUR, MONDAY)).toBeCloseTo(20, 10);
    expect(rateAt(example, 6 * DAY + 23 * HOUR, MONDAY)).toBeCloseTo(
      0.5 * base * (1 + (5 / 7) * Math.cos((2 * Math.PI * 9) / 24)),
      10,
    );
    expect(meanRate(example, 0, WEEK, MONDAY)).toBeCloseTo(20, 10);
    expect(meanRate(example, 0, DAY, MONDAY)).toBeCloseTo(base, 10);
    expect(meanRate(example, 5 * DAY, 7 * DAY, MONDAY)).toBeCloseTo(base / 2, 10);
  });

  it('calendar is UTC from the start: a Saturday-noon start begins on the weekend, at hour 12', () => {
    const saturdayNoon = Date.UTC(2026, 0, 10, 12);
    const base = (20 * 7) / 6;
    const cosAt = (hour: number): number => Math.cos((2 * Math.PI * (hour - 14)) / 24);
    expect(rateAt(example, 0, saturdayNoon)).toBeCloseTo(0.5 * base * (1 + (5 / 7) * cosAt(12)), 10);
    // 36 hours later it is Monday 00:00.
    expect(rateAt(example, 36 * HOUR, saturdayNoon)).toBeCloseTo(base * (1 + (5 / 7) * cosAt(0)), 10);
    expect(rateAt(example, 36 * HOUR - 1e-3, saturdayNoon)).toBeLessThan(0.51 * base);
    // Any whole week averages meanRps, whatever the start and the offset.
    expect(meanRate(example, 12_345, 12_345 + WEEK, saturdayNoon)).toBeCloseTo(20, 9);
    expect(meanRate(example, 0, 10 * WEEK, Date.UTC(2026, 2, 3, 7, 31))).toBeCloseTo(20, 9);
  });

  it('the closed-form integral agrees with a fine midpoint sum of the rate', () => {
    const start = Date.UTC(2026, 0, 9, 5, 17); // a Friday, to cross a weekend boundary
    const profile = rateProfile(example, start);
    const [a, b] = [1234.5, 3.1 * DAY];
    const steps = 500_000;
    const h = (b - a) / steps;
    let sum = 0;
    for (let i = 0; i < steps; i++) sum += profile.rate(a + (i + 0.5) * h);
    // Midpoint error is O(h^2) on smooth parts and O(h x jump) at the two day boundaries.
    expect(Math.abs(sum * h - profile.expected(a, b)) / (sum * h)).toBeLessThan(1e-6);
  });

  it('a week of arrivals: hourly counts by hour of day, weekday and weekend, fit the rate', () => {
    const spec: TrafficSpec = { type: 'diurnal', meanRps: 2, peakToTrough: 6, peakHour: 14, weekendFactor: 0.5 };
    const base = (2 * 7) / 6;
    const A = 5 / 7;
    // Bins 0..23 weekday hours, 24..47 weekend hours.
    const { counts, total } = countArrivals(arrivals(spec), WEEK, 48, (t) => {
      const day = Math.floor(t / DAY);
      return (day >= 5 ? 24 : 0) + Math.floor((t - day * DAY) / HOUR);
    });
    // Exact hourly mass of base (1 + A cos(omega (s - peak))) over [h, h + 1) hours.
    const omega = (2 * Math.PI) / DAY;
    const hourMass = (h: number, factor: number): number =>
      base *
      factor *
      (HOUR + (A / omega) * (Math.sin(omega * (h + 1 - 14) * HOUR) - Math.sin(omega * (h - 14) * HOUR)));
    const expected = [
      ...Array.from({ length: 24 }, (_, h) => 5 * hourMass(h, 1)),
      ...Array.from({ length: 24 }, (_, h) => 2 * hourMass(h, 0.5)),
    ];
    expectPoissonCount(total, 2 * WEEK);
    expectChiSquare(counts, expected);

    // Weekend factor: (weekend count / 2 days) / (weekday count / 5 days); by the delta method
    // its relative sd is sqrt(1 / N_weekend + 1 / N_weekday).
    const weekday = counts.slice(0, 24).reduce((s, c) => s + c, 0);
    const weekend = counts.slice(24).reduce((s, c) => s + c, 0);
    const factor = weekend / 2 / (weekday / 5);
    expect(Math.abs(factor - 0.5)).toBeLessThan(Z * 0.5 * Math.sqrt(1 / weekend + 1 / weekday));

    // Peak to trough of two-hour rates centred on the peak (13:00-15:00) and the trough
    // (01:00-03:00): the cosine averages c = sin(pi / 12) / (pi / 12) over +-1 h, so the ratio
    // is (1 + A c) / (1 - A c) = 5.81, a little under peakToTrough 6. Delta-method tolerance.
    const peak = counts[14]! + counts[13]!;
    const trough = counts[2]! + counts[1]!;
    const ratio = peak / trough;
    const exact = (hourMass(13, 1) + hourMass(14, 1)) / (hourMass(1, 1) + hourMass(2, 1));
    const cAvg = Math.sin(Math.PI / 12) / (Math.PI / 12);
    expect(exact).toBeCloseTo((1 + A * cAvg) / (1 - A * cAvg), 10);
    expect(exact).toBeCloseTo(5.806, 3);
    expect(Math.abs(ratio - exact)).toBeLessThan(Z * exact * Math.sqrt(1 / peak + 1 / trough));
  });

  it('a weekendFactor above 1 raises the majorant: weekend hours still fit', () => {
    const spec: TrafficSpec = { type: 'diurnal', meanRps: 1, peakToTrough: 3, peakHour: 20, weekendFactor: 2.5 };
    const profile = rateProfile(spec, MONDAY);
    const bins = 7 * 4; // 6-hour blocks over the week
    const { counts } = countArrivals(arrivals(spec, 3), WEEK, bins, (t) => Math.floor(t / (6 * HOUR)));
    const expected = Array.from({ length: bins }, (_, i) => profile.expected(i * 6 * HOUR, (i + 1) * 6 * HOUR));
    expectChiSquare(counts, expected);
    expect(Math.max(...expected.slice(20))).toBeGreaterThan(Math.max(...expected.slice(0, 20)));
  });
});

describe('piecewise', () => {
  it('step with repeat: counts per 10 s of the period pooled over 200 periods; zero segment empty', () => {
    const spec: TrafficSpec = {
      type: 'piecewise',
      points: [[0, 1], [100, 5], [300, 0], [400, 2]],
      interpolation: 'step',
      repeat: 500,
    };
    const rate = (s: number): number => (s < 100 ? 1 : s < 300 ? 5 : s < 400 ? 0 : 2);
    expect([0, 99, 100, 299.9, 300, 450, 500, 650, 1450].map((t) => rateAt(spec, t, MONDAY))).toEqual([
      1, 1, 5, 5, 0, 2, 1, 5, 2,
    ]);
    const periods = 200;
    const { counts, total } = countArrivals(arrivals(spec), periods * 500, 50, (t) => Math.floor((t % 500) / 10));
    expectChiSquare(counts, Array.from({ length: 50 }, (_, i) => periods * 10 * rate(i * 10)));
    expectPoissonCount(total, periods * 1300);
    expect(meanRate(spec, 0, 500, MONDAY)).toBeCloseTo(1300 / 500, 12);
  });

  it('linear with repeat wraps back to the first rate: triangle counts per 5 s', () => {
    const spec: TrafficSpec = {
      type: 'piecewise',
      points: [[0, 0], [50, 4], [100, 1]],
      interpolation: 'linear',
      repeat: 150,
    };
    // Independent interpolation: 0 -> 4 over [0, 50], 4 -> 1 over [50, 100], 1 -> 0 over [100, 150].
    const rate = (s: number): number => (s < 50 ? (4 * s) / 50 : s < 100 ? 4 - (3 * (s - 50)) / 50 : 1 - (s - 100) / 50);
    for (const t of [0, 10, 50, 75, 100, 125, 149, 175, 300 + 60]) {
      expect(rateAt(spec, t, MONDAY)).toBeCloseTo(rate(t % 150), 12);
    }
    const periods = 1000;
    const { counts, total } = countArrivals(arrivals(spec, 2), periods * 150, 30, (t) => Math.floor((t % 150) / 5));
    // Rates are linear within each 5 s bin, so the trapezoid is exact.
    const expected = Array.from({ length: 30 }, (_, i) => (periods * 5 * (rate(i * 5) + rate(i * 5 + 5 - 1e-12))) / 2);
    expectChiSquare(counts, expected);
    expectPoissonCount(total, periods * 250);
    expect(meanRate(spec, 0, 150, MONDAY)).toBeCloseTo(250 / 150, 12);
    expect(meanRate(spec, 20, 20 + 7 * 150, MONDAY)).toBeCloseTo(250 / 150, 12);
  });

  it('without repeat the last rate holds after the last point', () => {
    const spec: TrafficSpec = { type: 'piecewise', points: [[0, 5], [100, 20]], interpolation: 'linear', repeat: null };
    expect(rateAt(spec, 50, MONDAY)).toBeCloseTo(12.5, 12);
    expect(rateAt(spec, 1e6, MONDAY)).toBe(20);
    const { counts } = countArrivals(arrivals(spec, 4), 1100, 2, (t) => (t < 100 ? 0 : 1));
    expectPoissonCount(counts[0]!, 1250);
    expectPoissonCount(counts[1]!, 20_000);
    expect(meanRate(spec, 0, 1100, MONDAY)).toBeCloseTo(21_250 / 1100, 12);
  });

  it('a last rate of 0 without repeat ends the arrivals (then Infinity for good)', () => {
    const spec: TrafficSpec = { type: 'piecewise', points: [[0, 10], [10, 0]], interpolation: 'step', repeat: null };
    const p = arrivals(spec, 5);
    const times: number[] = [];
    for (let t = p.next(); t !== Infinity; t = p.next()) times.push(t);
    expect(times.every((t) => t < 10)).toBe(true);
    expectPoissonCount(times.length, 100);
    expect(firstTimes(p, 2)).toEqual([Infinity, Infinity]);
  });

  it('a low rate in a short repeating window skips periods and stays inside the window', () => {
    const spec: TrafficSpec = { type: 'piecewise', points: [[0, 0], [1, 0.001]], interpolation: 'step', repeat: 2 };
    const horizon = 2_000_000; // mass 0.001 per period, 1000 expected
    const { counts, total } = countArrivals(arrivals(spec, 6), horizon, 1, (t) => (t % 2 < 1 ? 0 : -1));
    expect(counts[0]).toBe(0);
    expectPoissonCount(total, 1000);
  });
});

describe('sum', () => {
  const spec: TrafficSpec = {
    type: 'sum',
    components: [
      { type: 'poisson', rps: 3 },
      { type: 'piecewise', points: [[0, 1], [50, 6]], interpolation: 'step', repeat: 100 },
    ],
  };

  it('its rate and mean rate are the sums of the components', () => {
    for (const t of [0, 49, 50, 99, 170]) {
      const parts = spec.type === 'sum' ? spec.components.map((c) => rateAt(c, t, MONDAY)) : [];
      expect(rateAt(spec, t, MONDAY)).toBe(parts[0]! + parts[1]!);
    }
    expect(meanRate(spec, 0, 1000, MONDAY)).toBeCloseTo(3 + 3.5, 12);
  });

  it('superposed counts per 10 s of the period fit the summed rate', () => {
    const periods = 500;
    const { counts, total } = countArrivals(arrivals(spec, 7), periods * 100, 10, (t) => Math.floor((t % 100) / 10));
    expectChiSquare(counts, Array.from({ length: 10 }, (_, i) => periods * 10 * (i < 5 ? 4 : 9)));
    expectPoissonCount(total, periods * 650);
  });

  it('components sharing one stream still give a fixed sequence per seed', () => {
    expect(firstTimes(arrivals(spec, 8), 500)).toEqual(firstTimes(arrivals(spec, 8), 500));
    const empty: TrafficSpec = { type: 'sum', components: [] };
    expect(arrivals(empty).next()).toBe(Infinity);
  });
});

describe('RequestSource', () => {
  const traffic: TrafficSpec = { type: 'poisson', rps: 20 };
  const profile: RequestProfileSpec = {
    cpu: { dist: 'lognormal', mean: 0.03, cv: 1 },
    io: { dist: 'exponential', mean: 0.05 },
    responseBytes: { dist: 'constant', value: 16384 },
  };
  const source = (seed: number, requests = profile, until = 60): RequestSource =>
    new RequestSource(requests, arrivals(traffic, seed), streamFor(seed, 'requests'), until);
  const drain = (s: RequestSource): ReturnType<RequestSource['next']>[] => {
    const out = [];
    for (let r = s.next(); r !== null; r = s.next()) out.push(r);
    return out;
  };

  it('two sources with the same seed give identical requests, ids 0, 1, 2, ...', () => {
    const a = drain(source(11));
    expect(drain(source(11))).toEqual(a);
    expect(a.map((r) => r!.id)).toEqual(a.map((_, i) => i));
    expectPoissonCount(a.length, 20 * 60);
    expect(a.every((r) => r!.arrival <= 60)).toBe(true);
  });

  it('draws cpu, io, bytes in that order from the requests stream', () => {
    const [first, second] = drain(source(12)).slice(0, 2);
    const rng = streamFor(12, 'requests');
    const cpu = fromSpec(profile.cpu);
    const io = fromSpec(profile.io);
    expect(first).toMatchObject({ cpu: cpu.sample(rng), io: io.sample(rng), bytes: 16384 });
    expect(second).toMatchObject({ cpu: cpu.sample(rng), io: io.sample(rng), bytes: 16384 });
  });

  it('returns null after until, for good, and the profile never moves the arrivals', () => {
    const s = source(13, profile, 5);
    const got = drain(s);
    expect(s.next()).toBeNull();
    expect(s.count).toBe(got.length);
    const other = drain(source(13, { ...profile, cpu: { dist: 'gamma', mean: 0.1, cv: 2 } }, 5));
    expect(other.map((r) => r!.arrival)).toEqual(got.map((r) => r!.arrival));
  });
});
