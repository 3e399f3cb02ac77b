import { interval } from '../experiment/interval.js';

/** A mean over replications with its 95 % confidence band; `lo` = `hi` = `mean` with one value. */
export interface Band {
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
  /** Defined values behind it. */
  readonly n: number;
}

/**
 * Mean +- t(0.975; n - 1) s / sqrt(n) of the defined values (NaN left out), as
 * `sim sweep --aggregate` computes it (src/experiment/interval.ts). With a single value there is
 * no interval: the band collapses onto the mean, and a chart draws no area.
 */
export function band(values: readonly number[]): Band {
  const { mean, half, n } = interval(values);
  if (Number.isNaN(half)) return { mean, lo: mean, hi: mean, n };
  return { mean, lo: mean - half, hi: mean + half, n };
}
