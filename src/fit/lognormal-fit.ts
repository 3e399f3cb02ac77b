/**
 * Maximum-likelihood lognormal fit: mu and sigma are the mean and the (1/n) standard deviation
 * of ln x. Log-likelihood: sum of ln f(x) = -sum ln x - n ln(sigma sqrt(2 pi)) - n / 2 at the MLE.
 * Standard errors (Fisher information): sigma / sqrt(n) for mu, sigma / sqrt(2 n) for sigma.
 */
export interface LognormalFit {
  readonly dist: 'lognormal';
  readonly mu: number;
  readonly sigma: number;
  readonly logLikelihood: number;
  readonly mean: number;
  readonly cv: number;
}

export function lognormalFit(xs: ArrayLike<number>): LognormalFit {
  const n = xs.length;
  let sumLog = 0;
  for (let i = 0; i < n; i++) sumLog += Math.log(xs[i]!);
  const mu = sumLog / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (Math.log(xs[i]!) - mu) ** 2;
  const sigma = Math.sqrt(ss / n);
  const logLikelihood = -sumLog - n * Math.log(sigma * Math.sqrt(2 * Math.PI)) - n / 2;
  return { dist: 'lognormal', mu, sigma, logLikelihood, mean: Math.exp(mu + (sigma * sigma) / 2), cv: Math.sqrt(Math.expm1(sigma * sigma)) };
}
