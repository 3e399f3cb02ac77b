/**
 * Kolmogorov-Smirnov statistic D = sup |F_n(x) - F(x)| of a sample against a CDF: at the i-th
 * of n sorted values (1-based), max(i / n - F(x), F(x) - (i - 1) / n).
 */
export function ksStatistic(sorted: ArrayLike<number>, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * The 5 % critical value of D for a fully specified CDF, 1.358 / sqrt(n) (the asymptotic
 * Kolmogorov distribution). With parameters fitted to the same sample the test is conservative:
 * Lilliefors' critical values are smaller (about 0.886 / sqrt(n) for a fitted normal, so for
 * ln x of a fitted lognormal), so D below 0.886 / sqrt(n) is a good fit by either reading.
 */
export function ksCritical5(n: number): number {
  return 1.358 / Math.sqrt(n);
}
