import type { Distribution } from './distribution.js';

/** Resamples the given observations uniformly (a bootstrap of measured values). */
export function empirical(values: readonly number[]): Distribution {
  const data = Float64Array.from(values);
  const n = data.length;
  let sum = 0;
  for (const x of data) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of data) ss += (x - mean) ** 2;
  return {
    sample: (rng) => data[Math.floor(rng() * n)]!,
    mean,
    variance: ss / n,
  };
}
