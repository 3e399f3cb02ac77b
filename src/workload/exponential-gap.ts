import type { Rng } from '../engine/streams.js';

/**
 * A unit-mean exponential draw by inversion, one uniform per draw. 1 - u is in (0, 1], so the
 * result is finite and >= 0. The arrival processes divide it by a rate (Poisson, thinning) or
 * spend it against the integrated rate (piecewise), so a stream's position after n candidates
 * depends only on n.
 */
export function exponentialGap(rng: Rng): number {
  return -Math.log(1 - rng());
}
