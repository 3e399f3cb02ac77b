import type { Rng } from '../engine/streams.js';
import type { ArrivalProcess } from './arrival-process.js';
import type { DiurnalProfile } from './diurnal-profile.js';
import { exponentialGap } from './exponential-gap.js';

/**
 * Non-homogeneous Poisson arrivals with the diurnal profile's rate, by thinning (Lewis and
 * Shedler, 1979): candidates come as a homogeneous Poisson process at the constant majorant
 * (the profile's peak rate) and each is kept with probability rate(t) / peak. Two uniforms per
 * candidate (gap, then accept). With peakToTrough 6 the rate averages 7 / 12 of a weekday's
 * peak, so about 1.7 candidates are drawn per arrival on weekdays.
 */
export function diurnalArrivals(profile: DiurnalProfile, rng: Rng): ArrivalProcess {
  const peak = profile.peakRate;
  let time = 0;
  if (!(peak > 0)) return { next: () => Infinity };
  return {
    next() {
      for (;;) {
        time += exponentialGap(rng) / peak;
        if (profile.below(rng() * peak, time)) return time;
      }
    },
  };
}
