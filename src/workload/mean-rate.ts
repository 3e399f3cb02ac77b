import type { TrafficSpec } from '../scenario/types.js';
import { rateProfile } from './rate-profile.js';

/**
 * Mean arrival rate (rps) of `spec` over [from, to]: the exact integral of the rate divided by
 * the length (closed form for every traffic type, no quadrature). For from === to it is the
 * rate at that instant. Diurnal meanRps 20 over any whole week gives 20. For mmpp it is the
 * stationary mean rate whatever the window (the state path is random); for a trace, the
 * replayed count in the window over its length.
 */
export function meanRate(spec: TrafficSpec, from: number, to: number, startEpochMs: number): number {
  const profile = rateProfile(spec, startEpochMs);
  if (to === from) return profile.rate(from);
  return profile.expected(from, to) / (to - from);
}
