import type { TrafficSpec } from '../scenario/types.js';
import { DiurnalProfile } from './diurnal-profile.js';
import { mmppMeanRate } from './mmpp-stationary.js';
import { PiecewiseProfile } from './piecewise-profile.js';
import { traceProfile } from './trace-profile.js';

/** The intensity of a traffic spec: what the arrival process draws from, in closed form. */
export interface RateProfile {
  /** Instantaneous rate (rps) at simulated time t >= 0. */
  rate(t: number): number;
  /** Expected number of arrivals in [from, to] (the exact integral of the rate). */
  expected(from: number, to: number): number;
}

/** The rate profile of a spec; build it once when evaluating many times. */
export function rateProfile(spec: TrafficSpec, startEpochMs: number): RateProfile {
  switch (spec.type) {
    case 'poisson': {
      const rps = spec.rps;
      return { rate: () => rps, expected: (from, to) => (rps === 0 ? 0 : rps * (to - from)) };
    }
    case 'diurnal':
      return new DiurnalProfile(spec, startEpochMs);
    case 'piecewise':
      return new PiecewiseProfile(spec);
    case 'sum': {
      const parts = spec.components.map((c) => rateProfile(c, startEpochMs));
      return {
        rate: (t) => parts.reduce((acc, p) => acc + p.rate(t), 0),
        expected: (from, to) => parts.reduce((acc, p) => acc + p.expected(from, to), 0),
      };
    }
    case 'mmpp': {
      // The state path is random, so the profile is the stationary mean (mmpp-stationary.ts):
      // the expected rate at every t when `start` is omitted, the long-run rate otherwise.
      const mean = mmppMeanRate(spec);
      return { rate: () => mean, expected: (from, to) => (mean === 0 ? 0 : mean * (to - from)) };
    }
    case 'trace':
      return traceProfile(spec);
  }
}
