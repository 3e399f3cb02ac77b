/**
 * Student's t distribution for confidence intervals over replications, from stdlib's
 * implementations (@stdlib/stats-base-dists-t-*). Checked against printed tables in
 * test/experiment/student-t.test.ts: t(0.975; 1) = 12.706, t(0.975; 4) = 2.776,
 * t(0.975; 9) = 2.262, t(0.975; 29) = 2.045.
 */
import { createRequire } from 'node:module';
import type TCdf from '@stdlib/stats-base-dists-t-cdf';
import type TQuantile from '@stdlib/stats-base-dists-t-quantile';

// stdlib's t functions are loaded on first use, not with this module (start-up, issue 12):
// they are some 200 small CommonJS packages (350 KB in the CLI bundle) that `sim run` loaded
// with the break-even search but never calls (one replication: no interval). `require` of the
// same CommonJS entries the default imports gave.
const require = createRequire(import.meta.url);
let tCdf: typeof TCdf | undefined;
let tQuantile: typeof TQuantile | undefined;

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  tCdf ??= require('@stdlib/stats-base-dists-t-cdf') as typeof TCdf;
  return tCdf(t, df);
}

/** The p-quantile of Student's t with `df` > 0 degrees of freedom (NaN outside 0 < p < 1). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
  tQuantile ??= require('@stdlib/stats-base-dists-t-quantile') as typeof TQuantile;
  return tQuantile(p, df);
}

/**
 * Half-width of the 95 % confidence interval of a mean from `n` independent replications
 * with sample standard deviation `sd`: t(0.975; n - 1) sd / sqrt(n). NaN for n < 2.
 */
export function ci95HalfWidth(sd: number, n: number): number {
  if (!(n >= 2) || !Number.isFinite(sd)) return NaN;
  let t = T975.get(n - 1);
  if (t === undefined) {
    t = studentTQuantile(0.975, n - 1);
    T975.set(n - 1, t);
  }
  return (t * sd) / Math.sqrt(n);
}

/** t(0.975; df) by df: an aggregate asks for the same few values many times. */
const T975 = new Map<number, number>();
