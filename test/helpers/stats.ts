/**
 * Statistics for seeded validation tests: sample moments, Student t and chi-square quantiles,
 * confidence intervals from batch means or independent replications, and the closed forms of
 * the queueing models the simulator is checked against (reference/validation.md).
 *
 * Everything here is deterministic numerics (no randomness), checked against printed tables in
 * the comments below.
 */

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

// --- special functions -------------------------------------------------------------------

/** ln Gamma(x), Lanczos (g = 7, n = 9): about 15 significant digits for x > 0. */
export function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta function (Numerical Recipes, betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Student t CDF with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Inverts a increasing CDF on [lo, hi] by bisection (to 1e-12 of the bracket). */
function invert(cdf: (x: number) => number, p: number, lo: number, hi: number): number {
  while (cdf(hi) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
    const mid = 0.5 * (lo + hi);
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Quantile of Student's t. Table values: t(0.975; 19) = 2.093, t(0.995; 19) = 2.861,
 * t(0.975; 3) = 3.182, t(0.975; 29) = 2.045 (test/validation/stats.test.ts).
 */
export function studentTQuantile(p: number, df: number): number {
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  return invert((t) => studentTCdf(t, df), p, 0, 10);
}

/** Regularized lower incomplete gamma P(a, x) (series below a + 1, continued fraction above). */
export function incompleteGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lg = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - lg);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - lg) * h;
}

/** Chi-square CDF with k degrees of freedom. */
export function chiSquareCdf(x: number, k: number): number {
  return incompleteGammaP(k / 2, x / 2);
}

/** Upper quantile of chi-square: chiSquareQuantile(0.999, 10) = 29.59. */
export function chiSquareQuantile(p: number, k: number): number {
  return invert((x) => chiSquareCdf(x, k), p, 0, Math.max(1, 2 * k));
}

// --- confidence intervals ----------------------------------------------------------------

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
