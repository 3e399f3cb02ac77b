import { describe, expect, it } from 'vitest';
import { band } from '../../src/report/band.js';

describe('band', () => {
  it('is the mean plus and minus the 95 % Student-t half-width', () => {
    // s = 1, n = 3: t(0.975; 2) = 4.303, half = 4.303 / sqrt(3) = 2.484.
    const b = band([1, 2, 3]);
    expect(b.mean).toBe(2);
    expect(b.n).toBe(3);
    expect(b.hi - b.mean).toBeCloseTo(2.484, 3);
    expect(b.mean - b.lo).toBeCloseTo(2.484, 3);
  });

  it('narrows with more replications: t(0.975; 9) = 2.262', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - 5.5) ** 2, 0) / 9);
    expect(band(values).hi - 5.5).toBeCloseTo((2.262 * sd) / Math.sqrt(10), 3);
  });

  it('collapses onto the mean with one replication', () => {
    expect(band([4.5])).toEqual({ mean: 4.5, lo: 4.5, hi: 4.5, n: 1 });
  });

  it('leaves undefined values out, and is undefined without any', () => {
    expect(band([NaN, 2, NaN, 4]).mean).toBe(3);
    expect(band([NaN, 2, NaN, 4]).n).toBe(2);
    expect(Number.isNaN(band([NaN]).mean)).toBe(true);
  });
});
