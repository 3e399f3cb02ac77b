import type { Rng } from '../engine/streams.js';
import type { Distribution } from './distribution.js';
import { standardNormal } from './normal.js';

/**
 * Gamma given mean and coefficient of variation: shape k = 1 / cv^2, scale = mean / k.
 * Marsaglia and Tsang's squeeze method (ACM TOMS 26(3), 2000); for k < 1 it draws with k + 1
 * and multiplies by U^(1/k).
 */
export function gamma(mean: number, cv: number): Distribution {
  const k = 1 / (cv * cv);
  const scale = mean / k;
  return {
    sample: (rng) => scale * standardGamma(k, rng),
    mean,
    variance: (cv * mean) ** 2,
  };
}

function standardGamma(k: number, rng: Rng): number {
  if (k < 1) {
    const u = 1 - rng();
    return standardGamma(k + 1, rng) * Math.pow(u, 1 / k);
  }
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
