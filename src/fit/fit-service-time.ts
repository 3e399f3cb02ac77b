import gammaCdf from '@stdlib/stats-base-dists-gamma-cdf';
import lognormalCdf from '@stdlib/stats-base-dists-lognormal-cdf';
import { gammaFit, type GammaFit } from './gamma-fit.js';
import { ksCritical5, ksStatistic } from './ks-statistic.js';
import { lognormalFit, type LognormalFit } from './lognormal-fit.js';

export interface FittedDist {
  readonly fit: LognormalFit | GammaFit;
  /** Akaike information criterion, 2 x 2 parameters - 2 ln L. */
  readonly aic: number;
  /** Kolmogorov-Smirnov distance between the sample and the fitted CDF. */
  readonly ks: number;
}

export interface ServiceTimeFit {
  readonly n: number;
  /** The fit with the lower AIC (both have two parameters, so: the higher likelihood). */
  readonly best: FittedDist;
  readonly other: FittedDist;
  /** 1.358 / sqrt(n): see ks-statistic.ts. */
  readonly ksCritical5: number;
  readonly sampleMean: number;
  readonly sampleCv: number;
}

/** Lognormal and gamma by maximum likelihood; the one with the lower AIC is `best`. */
export function fitServiceTime(samples: Float64Array): ServiceTimeFit {
  const n = samples.length;
  if (n < 2) throw new Error(`fitServiceTime: at least 2 samples are needed, got ${n}`);
  const sorted = Float64Array.from(samples).sort();
  const ln = lognormalFit(sorted);
  const ga = gammaFit(sorted);
  const lnDist: FittedDist = { fit: ln, aic: 4 - 2 * ln.logLikelihood, ks: ksStatistic(sorted, (x) => lognormalCdf(x, ln.mu, ln.sigma)) };
  const gaDist: FittedDist = { fit: ga, aic: 4 - 2 * ga.logLikelihood, ks: ksStatistic(sorted, (x) => gammaCdf(x, ga.shape, 1 / ga.scale)) };
  let sum = 0;
  for (const x of sorted) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of sorted) ss += (x - mean) ** 2;
  const [best, other] = lnDist.aic <= gaDist.aic ? [lnDist, gaDist] : [gaDist, lnDist];
  return { n, best, other, ksCritical5: ksCritical5(n), sampleMean: mean, sampleCv: Math.sqrt(ss / (n - 1)) / mean };
}
