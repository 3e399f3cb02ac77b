/**
 * File-form distributions to resolved DistSpecs: units converted (seconds or bytes) and the
 * parameter rules the schema cannot express checked.
 */
import { inputError } from '../errors.js';
import type { DistSpec } from '../random/distribution.js';
import type { DistFile } from './schema.js';
import { parseBytesOrThrow, parseDurationOrThrow } from './units.js';

export type Quantity = 'duration' | 'bytes';

/** Resolves a distribution of durations (seconds) or sizes (bytes) found at `path`. */
export function resolveDist(file: DistFile, quantity: Quantity, where: string, path: string): DistSpec {
  const read = (value: unknown, at: string): number =>
    quantity === 'duration' ? parseDurationOrThrow(value, where, at) : parseBytesOrThrow(value, where, at);
  const positive = (value: unknown, at: string): number => {
    const x = read(value, at);
    if (!(x > 0)) throw inputError(where, at, value, `a ${quantity === 'duration' ? 'duration' : 'size'} > 0`);
    return x;
  };

  if (typeof file === 'number' || typeof file === 'string') return { dist: 'constant', value: read(file, path) };
  switch (file.dist) {
    case 'constant':
      return { dist: 'constant', value: read(file.value, `${path}.value`) };
    case 'exponential':
      return { dist: 'exponential', mean: positive(file.mean, `${path}.mean`) };
    case 'lognormal':
    case 'gamma':
      return { dist: file.dist, mean: positive(file.mean, `${path}.mean`), cv: file.cv };
    case 'uniform': {
      const min = read(file.min, `${path}.min`);
      const max = read(file.max, `${path}.max`);
      if (max < min) throw inputError(where, `${path}.max`, file.max, `a value >= min (${String(file.min)})`);
      return { dist: 'uniform', min, max };
    }
    case 'pareto': {
      if ((file.scale === undefined) === (file.mean === undefined)) {
        throw inputError(where, path, file, 'a pareto with exactly one of "scale" (the minimum) or "mean"');
      }
      // A shape <= 1 has an infinite mean: sums of draws (bytes billed, CPU seconds) grow without
      // bound and the run's costs overflow to infinity, so it is refused whichever way it is given.
      if (!(file.shape > 1)) {
        throw inputError(where, `${path}.shape`, file.shape, 'a shape > 1 (the mean is infinite otherwise)');
      }
      if (file.scale !== undefined) return { dist: 'pareto', shape: file.shape, scale: positive(file.scale, `${path}.scale`) };
      // mean = shape * scale / (shape - 1)  =>  scale = mean * (shape - 1) / shape
      const mean = positive(file.mean, `${path}.mean`);
      return { dist: 'pareto', shape: file.shape, scale: (mean * (file.shape - 1)) / file.shape };
    }
    case 'empirical':
      return { dist: 'empirical', values: file.values.map((v, i) => read(v, `${path}.values[${i}]`)) };
  }
}

/** The mean of a resolved spec (Infinity for a Pareto with shape <= 1). */
export function distMean(spec: DistSpec): number {
  switch (spec.dist) {
    case 'constant':
      return spec.value;
    case 'exponential':
    case 'lognormal':
    case 'gamma':
      return spec.mean;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'pareto':
      return spec.shape > 1 ? (spec.shape * spec.scale) / (spec.shape - 1) : Infinity;
    case 'empirical':
      return spec.values.reduce((a, b) => a + b, 0) / spec.values.length;
  }
}
