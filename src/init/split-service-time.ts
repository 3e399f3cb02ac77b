import { sig, durationText } from './scenario-draft.js';

export interface ServiceDist {
  readonly dist: 'lognormal' | 'gamma';
  /** Seconds. */
  readonly mean: number;
  readonly cv: number;
}

/**
 * Splits a service time S (mean m, coefficient of variation c) into the scenario's CPU phase
 * (share s of the mean) and I/O phase (1 - s). The scenario draws the two independently, so
 * each gets the same family and cv c' = c / sqrt(s^2 + (1 - s)^2): then
 * Var(cpu + io) = c'^2 m^2 (s^2 + (1 - s)^2) = c^2 m^2 and the total keeps the mean and the
 * variance of the fit (not its exact shape: a sum of two lognormals is not lognormal).
 * Worked numbers: m = 90 ms, c = 0.5, s = 0.3 -> cpu 27 ms, io 63 ms, c' = 0.5 / sqrt(0.58) = 0.657.
 * s = 1 gives io 0, s = 0 cpu 0.
 */
export function splitServiceTime(total: ServiceDist, cpuShare: number): { cpu: unknown; io: unknown; cvPart: number } {
  const s = cpuShare;
  const cvPart = total.cv / Math.sqrt(s * s + (1 - s) * (1 - s));
  const part = (mean: number): unknown => (mean <= 0 ? 0 : { dist: total.dist, mean: durationText(mean), cv: sig(cvPart, 4) });
  return { cpu: part(total.mean * s), io: part(total.mean * (1 - s)), cvPart };
}

/** z of the 0.95 quantile of the standard normal. */
const Z95 = 1.6448536269514722;

/**
 * A lognormal through a median p50 and a 95th percentile p95 (p95 > p50 > 0): mu = ln p50,
 * sigma = ln(p95 / p50) / 1.6449; mean = exp(mu + sigma^2 / 2), cv = sqrt(exp(sigma^2) - 1).
 * Worked numbers: p50 80 ms, p95 180 ms -> sigma = ln 2.25 / 1.6449 = 0.4930, mean =
 * 80 exp(0.1215) = 90.3 ms, cv = 0.5238.
 */
export function lognormalFromQuantiles(p50: number, p95: number): ServiceDist & { mu: number; sigma: number } {
  const mu = Math.log(p50);
  const sigma = Math.log(p95 / p50) / Z95;
  return { dist: 'lognormal', mu, sigma, mean: Math.exp(mu + (sigma * sigma) / 2), cv: Math.sqrt(Math.expm1(sigma * sigma)) };
}
