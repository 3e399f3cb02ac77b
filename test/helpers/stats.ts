/**
 * Statistics for seeded validation tests: sample moments, Student t and chi-square quantiles,
 * confidence intervals from batch means or independent replications, and the closed forms of
 * the queueing models the simulator is checked against (docs/validation.md).
 *
 * Everything here is deterministic numerics (no randomness); the distributions are stdlib's,
 * checked against printed tables in test/validation/stats.test.ts.
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import gammaln from '@stdlib/math-base-special-gammaln';
import { studentTQuantile } from '../../src/experiment/student-t.js';

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Unbiased sample variance (n - 1 in the denominator). */
export function sampleVariance(xs: readonly number[]): number {
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return ss / (xs.length - 1);
}

/** Lag-1 autocorrelation of a series (batch means should show about 0). */
export function lag1Autocorrelation(xs: readonly number[]): number {
  const m = mean(xs);
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    den += (xs[i]! - m) ** 2;
    if (i > 0) num += (xs[i]! - m) * (xs[i - 1]! - m);
  }
  return num / den;
}

// --- distributions (stdlib) ----------------------------------------------------------------

export { studentTCdf, studentTQuantile } from '../../src/experiment/student-t.js';

/** ln Gamma(x). */
export const logGamma = (x: number): number => gammaln(x);

export const chiSquareCdf = (x: number, k: number): number => chisquareCdf(x, k);

export const chiSquareQuantile = (p: number, k: number): number => chisquareQuantile(p, k);

// --- intervals -------------------------------------------------------------------------------

export interface Interval {
  /** Point estimate. */
  readonly estimate: number;
  /** Standard error of the estimate. */
  readonly se: number;
  /** Half-width at the requested level (Student t with n - 1 degrees of freedom). */
  readonly halfWidth: number;
  /** Number of batches or replications behind it. */
  readonly n: number;
  readonly level: number;
}

/**
 * t interval from n roughly independent, roughly normal observations of the same quantity:
 * batch means of one long run (batches much longer than the relaxation time) or the results
 * of independent replications. `estimate` defaults to their mean; pass the pooled ratio
 * estimate for a ratio (sum over all batches / count over all batches) when batches hold
 * slightly different numbers of requests.
 */
export function tInterval(xs: readonly number[], level = 0.95, estimate = mean(xs)): Interval {
  const n = xs.length;
  if (n < 2) throw new Error('a t interval needs at least 2 observations');
  const se = Math.sqrt(sampleVariance(xs) / n);
  return { estimate, se, halfWidth: studentTQuantile(0.5 + level / 2, n - 1) * se, n, level };
}

/** Whether `value` lies inside the interval. */
export function covers(ci: Interval, value: number): boolean {
  return Math.abs(ci.estimate - value) <= ci.halfWidth;
}

export function relativeError(simulated: number, exact: number): number {
  return Math.abs(simulated - exact) / Math.abs(exact);
}

// --- queueing closed forms -----------------------------------------------------------------

export { erlangB, erlangC, mmcWq, mmckDistribution, mmckBlocking } from '../../src/validation/closed-forms.js';

export function poissonPmf(k: number, m: number): number {
  return Math.exp(k * Math.log(m) - m - logGamma(k + 1));
}
