import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/streams.js';
import type { MmppTrafficSpec } from '../../src/scenario/types.js';
import {
  type ArrivalProcess,
  createArrivals,
  meanRate,
  MmppChain,
  mmppMeanRate,
  mmppTimeFractions,
  rateAt,
} from '../../src/workload/index.js';

// Seeded statistical checks at Z = 4 standard errors, as in arrivals.test.ts. Expected values
// are worked out in the comments from closed forms, not taken from the code under test.
const Z = 4;
const MONDAY = Date.UTC(2026, 0, 5);

/** An mmpp spec with the default transitions (uniform over the other states). */
function mmpp(states: [rps: number, meanHolding: number][], start: number | null = null): MmppTrafficSpec {
  const n = states.length;
  return {
    type: 'mmpp',
    states: states.map(([rps, meanHolding]) => ({ rps, meanHolding })),
    start,
    transitions: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : 1 / (n - 1)))),
  };
}

function arrivals(spec: MmppTrafficSpec, seed = 1): ArrivalProcess {
  return createArrivals(spec, streamFor(seed, 'arrivals'), MONDAY);
}

/** Counts of arrivals in k consecutive windows of length w, checking they never decrease. */
function windowCounts(process: ArrivalProcess, k: number, w: number): number[] {
  const counts = new Array<number>(k).fill(0);
  let last = 0;
  let decreasing = 0;
  for (let t = process.next(); t < k * w; t = process.next()) {
    if (t < last) decreasing++;
    last = t;
    counts[Math.floor(t / w)]!++;
  }
  expect(decreasing).toBe(0);
  return counts;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: readonly number[]): number => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};

describe('mmpp rate', () => {
  it('is the stationary mean: time fractions proportional to meanHolding by default', () => {
    // The workload example: 5 rps for 9 min, 100 rps for 1 min -> 0.9 x 5 + 0.1 x 100.
    const bursty = mmpp([[5, 540], [100, 60]]);
    expect(mmppTimeFractions(bursty)[0]).toBeCloseTo(0.9, 12);
    expect(mmppMeanRate(bursty)).toBeCloseTo(14.5, 12);
    expect(rateAt(bursty, 0, MONDAY)).toBeCloseTo(14.5, 12);
    expect(rateAt(bursty, 1e6, MONDAY)).toBeCloseTo(14.5, 12);
    expect(meanRate(bursty, 100, 200, MONDAY)).toBeCloseTo(14.5, 12);
    // Three states: fractions 30 : 10 : 2 -> (0 x 30 + 10 x 10 + 50 x 2) / 42 = 200 / 42.
    expect(mmppMeanRate(mmpp([[0, 30], [10, 10], [50, 2]]))).toBeCloseTo(200 / 42, 12);
  });

  it('with a transitions matrix, weights visits by the embedded chain', () => {
    // P = [[0, 1, 0], [0.5, 0, 0.5], [1, 0, 0]]: v = v P gives v1 = v0, v2 = v1 / 2, so
    // v = (0.4, 0.4, 0.2); time fractions are v_i m_i normalised: 12 : 4 : 0.4.
    const spec: MmppTrafficSpec = {
      ...mmpp([[0, 30], [10, 10], [50, 2]]),
      transitions: [[0, 1, 0], [0.5, 0, 0.5], [1, 0, 0]],
    };
    const f = mmppTimeFractions(spec);
    expect(f[0]).toBeCloseTo(12 / 16.4, 12);
    expect(f[1]).toBeCloseTo(4 / 16.4, 12);
    expect(f[2]).toBeCloseTo(0.4 / 16.4, 12);
    expect(mmppMeanRate(spec)).toBeCloseTo((10 * 4 + 50 * 0.4) / 16.4, 12);
  });
});

describe('mmpp state path', () => {
  it('holds each state an exponential time with its meanHolding', () => {
    const spec = mmpp([[1, 30], [1, 5], [1, 0.5]]);
    const chain = new MmppChain(spec, streamFor(2, 'arrivals'));
    const visits: number[][] = [[], [], []];
    for (let i = 0; i < 60_000; i++) {
      const from = chain.enteredAt;
      const state = chain.state;
      chain.advance();
      visits[state]!.push(chain.enteredAt - from);
    }
    spec.states.forEach(({ meanHolding }, i) => {
      const v = visits[i]!;
      // An exponential's sd equals its mean, so the sample mean's standard error is m / sqrt(n).
      expect(v.length).toBeGreaterThan(15_000);
      expect(Math.abs(mean(v) - meanHolding)).toBeLessThan((Z * meanHolding) / Math.sqrt(v.length));
      // Coefficient of variation 1 (exponential, not constant holding): a loose 10 % check.
      expect(Math.sqrt(variance(v)) / mean(v)).toBeGreaterThan(0.9);
      expect(Math.sqrt(variance(v)) / mean(v)).toBeLessThan(1.1);
    });
  });

  it('leaves a state for each of the others with equal probability (default transitions)', () => {
    const chain = new MmppChain(mmpp([[1, 1], [1, 1], [1, 1], [1, 1]]), streamFor(3, 'arrivals'));
    const jumps = Array.from({ length: 4 }, () => new Array<number>(4).fill(0));
    for (let i = 0; i < 40_000; i++) {
      const from = chain.state;
      chain.advance();
      jumps[from]![chain.state]!++;
    }
    let chi2 = 0;
    for (let i = 0; i < 4; i++) {
      expect(jumps[i]![i]).toBe(0);
      const n = jumps[i]!.reduce((a, b) => a + b, 0);
      for (let j = 0; j < 4; j++) if (j !== i) chi2 += (jumps[i]![j]! - n / 3) ** 2 / (n / 3);
    }
    // 4 rows x 2 degrees of freedom.
    expect(chi2).toBeLessThan(8 + Z * Math.sqrt(16));
  });

  it('starts in `start`, or in a state drawn by the long-run time fractions', () => {
    expect(new MmppChain(mmpp([[1, 1], [1, 1], [1, 1]], 2), streamFor(1, 'x')).state).toBe(2);
    const spec = mmpp([[1, 8], [1, 2]]); // fractions 0.8, 0.2
    const n = 4000;
    let zero = 0;
    for (let seed = 0; seed < n; seed++) if (new MmppChain(spec, streamFor(seed, 'arrivals')).state === 0) zero++;
    expect(Math.abs(zero - 0.8 * n)).toBeLessThan(Z * Math.sqrt(n * 0.8 * 0.2));
  });

  it('spends time in proportion to v_i m_i under a transitions matrix', () => {
    const spec: MmppTrafficSpec = { ...mmpp([[0, 30], [10, 10], [50, 2]]), transitions: [[0, 1, 0], [0.5, 0, 0.5], [1, 0, 0]] };
    const chain = new MmppChain(spec, streamFor(4, 'arrivals'));
    // Batch means: 200 batches of 500 visits, time per state over total time in each batch.
    const ratios: number[][] = [];
    for (let b = 0; b < 200; b++) {
      const time = [0, 0, 0];
      for (let i = 0; i < 500; i++) {
        const state = chain.state;
        const from = chain.enteredAt;
        chain.advance();
        time[state]! += chain.enteredAt - from;
      }
      const total = time[0]! + time[1]! + time[2]!;
      ratios.push(time.map((x) => x / total));
    }
    const expected = [12 / 16.4, 4 / 16.4, 0.4 / 16.4];
    for (let i = 0; i < 3; i++) {
      const xs = ratios.map((r) => r[i]!);
      expect(Math.abs(mean(xs) - expected[i]!)).toBeLessThan(Z * Math.sqrt(variance(xs) / xs.length));
    }
  });
});

describe('mmpp arrivals', () => {
  // Two states, rates l1 = 2, l2 = 20, holding means 20 s and 5 s: switching rates r1 = 1/20,
  // r2 = 1/5, r = r1 + r2 = 0.25; fractions p = (0.8, 0.2); mean rate 0.8 x 2 + 0.2 x 20 = 5.6.
  // Started stationary (start omitted), the rate process has covariance p1 p2 (l1 - l2)^2
  // e^(-r u), so the count over [0, t] has mean 5.6 t and variance
  //   Var N(t) = 5.6 t + 2 p1 p2 (l1 - l2)^2 (t / r - (1 - e^(-r t)) / r^2),
  // about 420 t for long t: 75 times a Poisson count's.
  const spec = mmpp([[2, 20], [20, 5]]);
  const lambda = 5.6;
  const countVariance = (t: number): number => {
    const r = 0.25;
    return lambda * t + 2 * 0.8 * 0.2 * 18 ** 2 * (t / r - (1 - Math.exp(-r * t)) / r ** 2);
  };

  it('a long window: the count is within 4 sd of the stationary mean x length', () => {
    const t = 1e6;
    const total = windowCounts(arrivals(spec, 5), 1, t)[0]!;
    expect(Math.abs(total - lambda * t)).toBeLessThan(Z * Math.sqrt(countVariance(t)));
  });

  it('400 windows: batch mean and variance of the counts match the closed forms', () => {
    const w = 2500;
    const k = 400;
    const counts = windowCounts(arrivals(spec, 6), k, w);
    // Windows 2500 s long are 625 correlation times (1 / r = 4 s): nearly independent.
    expect(Math.abs(mean(counts) - lambda * w)).toBeLessThan(Z * Math.sqrt(variance(counts) / k));
    expect(Math.abs(mean(counts) - lambda * w)).toBeLessThan(Z * Math.sqrt(countVariance(w) / k));
    // The sample variance of k near-normal counts has relative sd sqrt(2 / (k - 1)).
    expect(Math.abs(variance(counts) / countVariance(w) - 1)).toBeLessThan(Z * Math.sqrt(2 / (k - 1)));
  });

  it('three states, default transitions: batch means of window counts match 200 / 42 rps', () => {
    const three = mmpp([[0, 30], [10, 10], [50, 2]]);
    const w = 3000;
    const counts = windowCounts(arrivals(three, 7), 200, w);
    expect(Math.abs(mean(counts) - (200 / 42) * w)).toBeLessThan(Z * Math.sqrt(variance(counts) / counts.length));
  });

  it('is deterministic by seed, and rates of 0 give no arrivals without drawing', () => {
    const first = (seed: number): number[] => {
      const p = arrivals(spec, seed);
      return Array.from({ length: 200 }, () => p.next());
    };
    expect(first(9)).toEqual(first(9));
    expect(first(9).slice(0, 3)).not.toEqual(first(10).slice(0, 3));
    const rng = streamFor(1, 'arrivals');
    const silent = createArrivals(mmpp([[0, 1], [0, 2]]), rng, MONDAY);
    expect([silent.next(), silent.next()]).toEqual([Infinity, Infinity]);
    expect(rng()).toBe(streamFor(1, 'arrivals')());
  });

  it('arrives only while in a state with a positive rate', () => {
    // On-off: 10 s at 50 rps, then 10 s at 0, on average. Each off period leaves a gap of its
    // length (over 5 s with probability e^-0.5 = 0.61, so about 600 in 1000 cycles), while
    // gaps at 50 rps exceed 5 s with probability e^-250. The count matches 25 rps x t, the
    // start in the on state adding only (50 - 25) / r = 125 expected arrivals.
    const onOff = mmpp([[50, 10], [0, 10]], 0);
    const t = 20_000;
    const p = arrivals(onOff, 8);
    let last = 0;
    let n = 0;
    let longGaps = 0;
    for (let a = p.next(); a < t; a = p.next()) {
      if (a - last > 5) longGaps++;
      last = a;
      n++;
    }
    expect(longGaps).toBeGreaterThan(300);
    // Var N(t) ~ 25 t + 2 x 0.25 x 2500 x t / 0.2 (r = 0.2) for long t.
    expect(Math.abs(n - 25 * t)).toBeLessThan(Z * Math.sqrt(25 * t + (2 * 0.25 * 2500 * t) / 0.2));
  });
});
