import type { Rng } from '../engine/streams.js';
import type { TrafficSpec } from '../scenario/types.js';
import type { ArrivalProcess } from './arrival-process.js';
import { DiurnalProfile } from './diurnal-profile.js';
import { mmppArrivals } from './mmpp-arrivals.js';
import { diurnalArrivals } from './diurnal-arrivals.js';
import { PiecewiseProfile } from './piecewise-profile.js';
import { piecewiseArrivals } from './piecewise-arrivals.js';
import { poissonArrivals } from './poisson-arrivals.js';
import { sumArrivals } from './sum-arrivals.js';
import { traceArrivals } from './trace-arrivals.js';

/**
 * The arrival process a traffic spec describes, drawing only from `rng` (the run's `arrivals`
 * stream). Components of a sum share that stream; their draws interleave in arrival order, so
 * the sequence is still fixed by (spec, seed).
 */
export function createArrivals(spec: TrafficSpec, rng: Rng, startEpochMs: number): ArrivalProcess {
  switch (spec.type) {
    case 'poisson':
      return poissonArrivals(spec.rps, rng);
    case 'diurnal':
      return diurnalArrivals(new DiurnalProfile(spec, startEpochMs), rng);
    case 'piecewise':
      return piecewiseArrivals(new PiecewiseProfile(spec), rng);
    case 'sum':
      return sumArrivals(spec.components.map((c) => createArrivals(c, rng, startEpochMs)));
    case 'mmpp':
      return mmppArrivals(spec, rng);
    case 'trace':
      return traceArrivals(spec, rng);
  }
}
