import type { Rng } from '../engine/streams.js';
import type { ArrivalProcess } from './arrival-process.js';
import { exponentialGap } from './exponential-gap.js';

/**
 * Homogeneous Poisson arrivals at `rps` per second: exponential gaps with mean 1 / rps, one
 * uniform per arrival. `rps` 0 gives no arrivals at all and draws nothing.
 */
export function poissonArrivals(rps: number, rng: Rng): ArrivalProcess {
  if (!(rps > 0)) return { next: () => Infinity };
  return new PoissonArrivals(rps, rng);
}

/**
 * The clock is a field, not a closure variable: a double held in a closure's context is boxed
 * anew on every assignment (one allocation per arrival), while an object field of double
 * representation is updated in place.
 */
class PoissonArrivals implements ArrivalProcess {
  private time = 0;

  constructor(
    private readonly rps: number,
    private readonly rng: Rng,
  ) {}

  next(): number {
    this.time += exponentialGap(this.rng) / this.rps;
    return this.time;
  }
}
