/** The statistics helpers the validation tests rely on, against printed tables. */
import { describe, expect, it } from 'vitest';
import {
  chiSquareQuantile,
  erlangB,
  erlangC,
  lag1Autocorrelation,
  mmckBlocking,
  mmcWq,
  poissonPmf,
  sampleVariance,
  studentTQuantile,
  tInterval,
} from '../helpers/stats.js';

describe('statistics helpers', () => {
  it('Student t quantiles match the tables', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.182, 3);
    expect(studentTQuantile(0.975, 19)).toBeCloseTo(2.093, 3);
    expect(studentTQuantile(0.995, 19)).toBeCloseTo(2.861, 3);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.045, 3);
    expect(studentTQuantile(0.995, 29)).toBeCloseTo(2.756, 3);
    expect(studentTQuantile(0.025, 29)).toBeCloseTo(-2.045, 3);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.96, 3);
  });

  it('chi-square quantiles match the tables', () => {
    expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(3.841, 3);
    expect(chiSquareQuantile(0.999, 10)).toBeCloseTo(29.588, 3);
    expect(chiSquareQuantile(0.99, 20)).toBeCloseTo(37.566, 3);
  });

  it('t interval of a small sample', () => {
    // 1..5: mean 3, s^2 = 2.5, se = sqrt(0.5), t(0.975; 4) = 2.776 -> half-width 1.963.
    const ci = tInterval([1, 2, 3, 4, 5]);
    expect(sampleVariance([1, 2, 3, 4, 5])).toBe(2.5);
    expect(ci.estimate).toBe(3);
    expect(ci.halfWidth).toBeCloseTo(2.7764 * Math.sqrt(0.5), 3);
    expect(lag1Autocorrelation([1, -1, 1, -1, 1, -1])).toBeLessThan(-0.8);
  });

  it('Erlang B and C, M/M/c/K, Poisson', () => {
    // M/M/1: C(1, a) = a, Wq = rho / (mu - lambda).
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 12);
    expect(mmcWq(1, 0.8, 1)).toBeCloseTo(4, 12);
    // M/M/2 with a = 1: B = 1/5, C = 2 (1/5) / (2 - 4/5) = 1/3.
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    // M/M/1/1 loss = a / (1 + a); M/M/2/6 at a = 2 -> 2/13.
    expect(mmckBlocking(1, 1, 1, 1)).toBeCloseTo(0.5, 12);
    expect(mmckBlocking(2, 6, 2, 1)).toBeCloseTo(2 / 13, 12);
    expect(poissonPmf(0, 10)).toBeCloseTo(Math.exp(-10), 15);
    expect(poissonPmf(10, 10)).toBeCloseTo(0.12511, 5);
  });
});
