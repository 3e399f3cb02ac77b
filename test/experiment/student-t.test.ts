import { describe, expect, it } from 'vitest';
import { ci95HalfWidth, studentTCdf, studentTQuantile } from '../../src/experiment/student-t.js';

describe('Student t', () => {
  it.each([
    [1, 12.706],
    [2, 4.303],
    [4, 2.776],
    [9, 2.262],
    [19, 2.093],
    [29, 2.045],
    [1000, 1.962],
  ])('t(0.975; %i) = %f (printed tables)', (df, t) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 3);
  });

  it('is symmetric and inverts the CDF', () => {
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.776, 3);
    expect(studentTCdf(studentTQuantile(0.9, 7), 7)).toBeCloseTo(0.9, 10);
  });

  it('95 % half-width: t sd / sqrt(n), NaN below two values', () => {
    // n = 5, sd = 2: 2.776 * 2 / sqrt(5) = 2.483
    expect(ci95HalfWidth(2, 5)).toBeCloseTo(2.4833, 3);
    expect(ci95HalfWidth(0, 5)).toBe(0);
    expect(ci95HalfWidth(2, 1)).toBeNaN();
  });
});
