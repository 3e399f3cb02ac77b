import type { Distribution } from './distribution.js';

/** Uniform on [min, max). */
export function uniform(min: number, max: number): Distribution {
  const width = max - min;
  return {
    sample: (rng) => min + width * rng(),
    mean: (min + max) / 2,
    variance: (width * width) / 12,
  };
}
