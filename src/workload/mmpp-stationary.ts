import type { MmppTrafficSpec } from '../scenario/types.js';

/**
 * Long-run fractions of time an mmpp spends in each state. The embedded jump chain (the state
 * sequence, ignoring time) has a stationary distribution v with v = v P; each visit to state i
 * lasts meanHolding_i on average, so the time fractions are v_i meanHolding_i, normalised.
 *
 * With the default transitions (uniform over the other states) P is symmetric, v is uniform
 * and the fractions are simply proportional to meanHolding: states {rps 5, 9 min} and
 * {rps 100, 1 min} spend 90 % and 10 % of the time, mean rate 0.9 x 5 + 0.1 x 100 = 14.5 rps.
 * Pinned by test/workload/mmpp.test.ts.
 */
export function mmppTimeFractions(spec: MmppTrafficSpec): number[] {
  const visits = embeddedStationary(spec.transitions);
  const weights = visits.map((v, i) => v * spec.states[i]!.meanHolding);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/** The stationary mean rate sum_i fraction_i rps_i (rps): what meanRate and rateAt report. */
export function mmppMeanRate(spec: MmppTrafficSpec): number {
  const fractions = mmppTimeFractions(spec);
  return fractions.reduce((acc, f, i) => acc + f * spec.states[i]!.rps, 0);
}

/**
 * v with v P = v and sum v = 1, for an irreducible stochastic matrix P (the scenario layer
 * checks that): Gaussian elimination with partial pivoting on (P^T - I) v = 0 with its last
 * equation replaced by sum v = 1. Clamped at 0 against rounding.
 */
export function embeddedStationary(p: readonly (readonly number[])[]): number[] {
  const n = p.length;
  const a = Array.from({ length: n }, (_, r) =>
    Array.from({ length: n + 1 }, (_, c) => {
      if (r === n - 1) return 1;
      if (c === n) return 0;
      return p[c]![r]! - (r === c ? 1 : 0);
    }),
  );
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const row = a[col]!;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r]![col]! / row[col]!;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) a[r]![c]! -= factor * row[c]!;
    }
  }
  const v = a.map((row, i) => Math.max(0, row[n]! / row[i]!));
  const sum = v.reduce((x, y) => x + y, 0);
  return v.map((x) => x / sum);
}
