import { ci95HalfWidth } from './student-t.js';

/** A mean over replications with its 95 % Student-t half-width (NaN with fewer than 2 values). */
export interface Interval {
  readonly mean: number;
  readonly half: number;
  /** Defined (non-NaN) values behind it. */
  readonly n: number;
}

/** Mean and 95 % half-width of the defined values (NaN values, e.g. no requests, left out). */
export function interval(values: readonly number[]): Interval {
  const defined = values.filter((v) => !Number.isNaN(v));
  const n = defined.length;
  if (n === 0) return { mean: NaN, half: NaN, n };
  let sum = 0;
  for (const v of defined) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of defined) squares += (v - mean) ** 2;
  return { mean, half: n >= 2 ? ci95HalfWidth(Math.sqrt(squares / (n - 1)), n) : NaN, n };
}
