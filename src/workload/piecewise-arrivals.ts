import type { Rng } from '../engine/streams.js';
import type { ArrivalProcess } from './arrival-process.js';
import { exponentialGap } from './exponential-gap.js';
import { type PiecewiseProfile, type RateSegment, rateIn, segmentMass } from './piecewise-profile.js';

/**
 * Exact non-homogeneous Poisson arrivals for a piecewise profile, by inverting the integrated
 * rate (time change): with Lambda(t) the expected arrivals up to t, the gaps Lambda(T_k+1) -
 * Lambda(T_k) are independent unit exponentials. Each arrival draws one E ~ Exp(1) and spends it
 * segment by segment: a segment with mass m < E is crossed and E -= m; inside the segment that
 * holds the arrival the offset x solves a x + k x^2 / 2 = E (a the rate where we stand, k the
 * slope), x = 2E / (a + sqrt(a^2 + 2kE)), a form without cancellation when k < 0.
 *
 * For step segments this is the same law as restarting an exponential gap at each boundary
 * (memorylessness) but uses exactly one uniform per arrival, for both interpolations.
 * Zero-rate stretches are crossed without drawing. State is a period count, a segment index
 * and an offset, so memory is constant; the period count keeps the offset small, so rounding
 * does not grow with simulated time.
 */
export function piecewiseArrivals(profile: PiecewiseProfile, rng: Rng): ArrivalProcess {
  const segments = profile.segments;
  const period = profile.period;
  let periods = 0;
  let index = 0;
  let pos = segments[0]!.start;
  let done = false;

  const time = (): number => (period === null ? pos : periods * period + pos);

  return {
    next() {
      if (done) return Infinity;
      let budget = exponentialGap(rng);
      for (;;) {
        const seg: RateSegment = segments[index]!;
        const mass = segmentMass(seg, pos, seg.end);
        if (mass > 0 && budget <= mass) {
          pos = Math.min(seg.end, pos + offsetFor(seg, pos, budget));
          return time();
        }
        budget -= mass;
        if (index + 1 < segments.length) {
          index++;
          pos = segments[index]!.start;
          continue;
        }
        // Past the last segment: without repeat it is open-ended, so its mass was finite only
        // because its rate is 0 and no arrival will ever come.
        if (period === null || !(profile.periodMass > 0)) {
          done = true;
          return Infinity;
        }
        periods++;
        index = 0;
        pos = segments[0]!.start;
        // Skip whole periods a low rate would cross anyway (exact: each holds periodMass).
        if (budget > profile.periodMass) {
          const whole = Math.floor(budget / profile.periodMass);
          periods += whole;
          budget = Math.max(0, budget - whole * profile.periodMass);
        }
      }
    },
  };
}

/** Offset from pos at which the integrated rate inside `seg` reaches `budget`. */
function offsetFor(seg: RateSegment, pos: number, budget: number): number {
  const a = rateIn(seg, pos);
  if (seg.r0 === seg.r1) return budget / a;
  const slope = (seg.r1 - seg.r0) / (seg.end - seg.start);
  const denominator = a + Math.sqrt(Math.max(0, a * a + 2 * slope * budget));
  return denominator > 0 ? (2 * budget) / denominator : 0;
}
