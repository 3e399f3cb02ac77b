import { describe, expect, it } from 'vitest';
import { Histogram, RELATIVE_ACCURACY } from '../../src/metrics/histogram.js';

describe('Histogram', () => {
  it('reads quantiles by nearest rank: of two values, p50 is the smaller and p99 the larger', () => {
    const h = new Histogram();
    h.record(0.75);
    h.record(1.25);
    expect(h.mean).toBe(1);
    expect(h.quantile(0.5)).toBeCloseTo(0.75, 2);
    expect(h.quantile(0.99)).toBeCloseTo(1.25, 2);
    expect(h.quantile(0.99)).toBeGreaterThanOrEqual(h.mean);
  });

  it('is within the relative accuracy of the exact quantiles of 1..100000', () => {
    const h = new Histogram();
    for (let i = 1; i <= 100_000; i++) h.record(i);
    for (const [q, exact] of [
      [0.5, 50_000],
      [0.9, 90_000],
      [0.99, 99_000],
      [0.999, 99_900],
    ] as const) {
      expect(Math.abs(h.quantile(q) / exact - 1)).toBeLessThanOrEqual(RELATIVE_ACCURACY * 1.0001);
    }
    expect(h.quantile(1)).toBe(100_000);
    expect(h.max).toBe(100_000);
  });

  it('counts zeros and stays empty-safe', () => {
    const h = new Histogram();
    expect(h.quantile(0.5)).toBeNaN();
    h.record(0);
    h.record(0);
    expect(h.quantile(0.99)).toBe(0);
    expect(h.count).toBe(2);
  });
});
