import type { Rng } from '../engine/streams.js';

/**
 * A distribution of non-negative values (seconds, bytes). It holds no random state: the source
 * is passed to every draw, so the same distribution can serve several named streams.
 */
export interface Distribution {
  /** One draw, using `rng` as the only source of randomness. */
  sample(rng: Rng): number;
  /** The exact mean, used by rules such as Cloud Run's 3.5 x mean start-up pending timeout. */
  readonly mean: number;
  /** The exact variance (Infinity where it does not exist). */
  readonly variance: number;
}

/** Resolved distribution specs: every duration already in seconds. */
export type DistSpec =
  | { dist: 'constant'; value: number }
  | { dist: 'exponential'; mean: number }
  | { dist: 'lognormal'; mean: number; cv: number }
  | { dist: 'gamma'; mean: number; cv: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'pareto'; shape: number; scale: number }
  | { dist: 'empirical'; values: number[] };
