import type { TrafficSpec } from '../scenario/types.js';
import { rateProfile } from './rate-profile.js';

/**
 * Instantaneous arrival rate (rps) of `spec` at simulated time t, for tests and reports. Pure;
 * to evaluate many times build `rateProfile(spec, startEpochMs)` once instead. For mmpp it is
 * the stationary mean rate (the state path is random, see mmpp-stationary.ts); for a trace,
 * the count of the minute holding t over the minute's length (trace-profile.ts).
 */
export function rateAt(spec: TrafficSpec, t: number, startEpochMs: number): number {
  return rateProfile(spec, startEpochMs).rate(t);
}
