import type { Distribution } from './distribution.js';

/**
 * Pareto (type I) with shape alpha and scale x_m (the minimum), by inversion:
 * x = x_m / U^(1/alpha). Mean alpha x_m / (alpha - 1) for alpha > 1; variance finite only
 * for alpha > 2. Heavy tails such as a few very slow requests.
 */
export function pareto(shape: number, scale: number): Distribution {
  const mean = shape > 1 ? (shape * scale) / (shape - 1) : Infinity;
  const variance =
    shape > 2 ? (scale * scale * shape) / ((shape - 1) * (shape - 1) * (shape - 2)) : Infinity;
  return {
    sample: (rng) => scale / Math.pow(1 - rng(), 1 / shape),
    mean,
    variance,
  };
}
