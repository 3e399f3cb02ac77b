import trigamma from '@stdlib/math-base-special-trigamma';
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/streams.js';
import { fitServiceTime } from '../../src/fit/fit-service-time.js';
import { gammaFit } from '../../src/fit/gamma-fit.js';
import { ksStatistic } from '../../src/fit/ks-statistic.js';
import { lognormalFit } from '../../src/fit/lognormal-fit.js';
import { gamma } from '../../src/random/gamma.js';
import { lognormal } from '../../src/random/lognormal.js';

const N = 20_000;

function draw(dist: { sample: (rng: () => number) => number }, seed: number, n = N): Float64Array {
  const rng = streamFor(seed, 'fit-test');
  return Float64Array.from({ length: n }, () => dist.sample(rng));
}

describe('maximum-likelihood fits', () => {
  it('lognormal: hand-computed on three values', () => {
    // ln x = 0, 1, 2: mu = 1, sigma^2 = (1 + 0 + 1) / 3 = 2/3.
    const f = lognormalFit([1, Math.E, Math.E ** 2]);
    expect(f.mu).toBeCloseTo(1, 14);
    expect(f.sigma).toBeCloseTo(Math.sqrt(2 / 3), 14);
    // ln L = -sum ln x - n ln(sigma sqrt(2 pi)) - n/2 = -3 - 3 ln(sqrt(2/3) sqrt(2 pi)) - 1.5
    expect(f.logLikelihood).toBeCloseTo(-3 - 3 * Math.log(Math.sqrt(2 / 3) * Math.sqrt(2 * Math.PI)) - 1.5, 12);
  });

  it('lognormal: recovers mu and sigma within 4 standard errors (sigma / sqrt(n), sigma / sqrt(2n))', () => {
    // mean 90 ms, cv 0.5 -> sigma^2 = ln(1.25), mu = ln(0.09) - sigma^2 / 2.
    const sigma = Math.sqrt(Math.log(1.25));
    const mu = Math.log(0.09) - (sigma * sigma) / 2;
    const f = lognormalFit(draw(lognormal(0.09, 0.5), 1));
    expect(Math.abs(f.mu - mu)).toBeLessThan((4 * sigma) / Math.sqrt(N)); // 0.0134
    expect(Math.abs(f.sigma - sigma)).toBeLessThan((4 * sigma) / Math.sqrt(2 * N)); // 0.0067
  });

  it('gamma: recovers the shape within 4 standard errors, sqrt(k / (n (k psi1(k) - 1)))', () => {
    const k = 4;
    const f = gammaFit(draw(gamma(0.08, 1 / Math.sqrt(k)), 2));
    const se = Math.sqrt(k / (N * (k * trigamma(k) - 1))); // 0.0385 at k = 4, n = 20,000
    expect(Math.abs(f.shape - k)).toBeLessThan(4 * se);
    // The mean is the sample mean: its standard error is cv x mean / sqrt(n) = 0.5 x 0.08 / 141.4.
    expect(Math.abs(f.mean - 0.08)).toBeLessThan((4 * 0.5 * 0.08) / Math.sqrt(N));
  });

  it('AIC picks the family that generated the sample, and its KS distance is below 1.358 / sqrt(n)', () => {
    const fromLognormal = fitServiceTime(draw(lognormal(0.09, 0.8), 3));
    expect(fromLognormal.best.fit.dist).toBe('lognormal');
    expect(fromLognormal.best.ks).toBeLessThan(fromLognormal.ksCritical5);
    expect(fromLognormal.other.ks).toBeGreaterThan(fromLognormal.ksCritical5);
    const fromGamma = fitServiceTime(draw(gamma(0.09, 0.8), 4));
    expect(fromGamma.best.fit.dist).toBe('gamma');
    expect(fromGamma.best.ks).toBeLessThan(fromGamma.ksCritical5);
  });

  it('KS statistic by hand: two points against the uniform CDF', () => {
    // sorted 0.2, 0.9: max(1/2 - 0.2, 0.2 - 0, 1 - 0.9, 0.9 - 1/2) = 0.4
    expect(ksStatistic([0.2, 0.9], (x) => x)).toBeCloseTo(0.4, 15);
  });
});
