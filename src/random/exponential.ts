import type { Distribution } from './distribution.js';

/** Exponential with the given mean, by inversion. */
export function exponential(mean: number): Distribution {
  return {
    // 1 - u is in (0, 1], so the log is finite.
    sample: (rng) => -mean * Math.log(1 - rng()),
    mean,
    variance: mean * mean,
  };
}
