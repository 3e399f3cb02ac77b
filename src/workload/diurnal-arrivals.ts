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
  if (!(profile.peakRate > 0)) return { next: () => Infinity };
  return new DiurnalArrivals(profile, rng);
}

/**
 * The clock is a field, not a closure variable: a double held in a closure's context is boxed
 * anew on every assignment (an allocation per candidate), an object field of double
 * representation is updated in place.
 */
class DiurnalArrivals implements ArrivalProcess {
  private time = 0;
  private readonly peak: number;

  constructor(
    private readonly profile: DiurnalProfile,
    private readonly rng: Rng,
  ) {
    this.peak = profile.peakRate;
  }

  next(): number {
    const { profile, rng, peak } = this;
    let time = this.time;
    for (;;) {
      time += exponentialGap(rng) / peak;
      // below(x, t) is x < rate(t), mostly decided without the cosine (diurnal-profile.ts).
      if (profile.below(rng() * peak, time)) {
        this.time = time;
        return time;
      }
    }
  }
}
