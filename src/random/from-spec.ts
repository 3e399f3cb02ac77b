import { constant } from './constant.js';
import type { DistSpec, Distribution } from './distribution.js';
import { empirical } from './empirical.js';
import { exponential } from './exponential.js';
import { gamma } from './gamma.js';
import { lognormal } from './lognormal.js';
import { pareto } from './pareto.js';
import { uniform } from './uniform.js';

/** Builds the distribution a validated spec describes. */
export function fromSpec(spec: DistSpec): Distribution {
  switch (spec.dist) {
    case 'constant':
      return constant(spec.value);
    case 'exponential':
      return exponential(spec.mean);
    case 'lognormal':
      return negligibleCv(spec.cv) ? constant(spec.mean) : lognormal(spec.mean, spec.cv);
    case 'gamma':
      return negligibleCv(spec.cv) ? constant(spec.mean) : gamma(spec.mean, spec.cv);
    case 'uniform':
      return uniform(spec.min, spec.max);
    case 'pareto':
      return pareto(spec.shape, spec.scale);
    case 'empirical':
      return empirical(spec.values);
  }
}

/**
 * A cv so small that the spread cannot be represented: the gamma's shape 1 / cv^2 overflows to
 * infinity below cv = 7.5e-155 (a cv of 5e-254 drew NaN start-up times). Such a distribution is
 * its mean, to far below any float's precision.
 */
function negligibleCv(cv: number): boolean {
  return cv === 0 || !(1 / (cv * cv) < Infinity);
}
