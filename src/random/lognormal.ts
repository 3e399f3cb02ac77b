import type { Distribution } from './distribution.js';
import { standardNormal } from './normal.js';

/**
 * Lognormal given its own mean and coefficient of variation (not those of the underlying
 * normal): sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2. With mean 1.8 s and cv 0.4,
 * sigma = 0.385 and the median is 1.67 s.
 */
export function lognormal(mean: number, cv: number): Distribution {
  const sigma2 = Math.log(1 + cv * cv);
  const sigma = Math.sqrt(sigma2);
  const mu = Math.log(mean) - sigma2 / 2;
  return {
    sample: (rng) => Math.exp(mu + sigma * standardNormal(rng)),
    mean,
    variance: (cv * mean) ** 2,
  };
}
