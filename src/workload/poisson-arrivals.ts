import type { Rng } from '../engine/streams.js';
import type { ArrivalProcess } from './arrival-process.js';
import { exponentialGap } from './exponential-gap.js';

/**
 * Homogeneous Poisson arrivals at `rps` per second: exponential gaps with mean 1 / rps, one
 * uniform per arrival. `rps` 0 gives no arrivals at all and draws nothing.
 */
export function poissonArrivals(rps: number, rng: Rng): ArrivalProcess {
  let time = 0;
  if (!(rps > 0)) return { next: () => Infinity };
  return {
    next() {
      time += exponentialGap(rng) / rps;
      return time;
    },
  };
}
