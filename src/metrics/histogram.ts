import { DDSketch } from '@datadog/sketches-js';
import { ExactSum } from '../numeric/exact-sum.js';
import { FastLogMapping } from './fast-log-mapping.js';

/** Quantiles within this relative error (0.1 %), whatever the number of values. */
export const RELATIVE_ACCURACY = 0.001;

/** A DDSketch bucketing with FastLogMapping: the library's keys, computed faster (every request records two or three values). */
function fastSketch(): DDSketch {
  const sketch = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
  // Set while empty; `mapping` is the sketch's public field, the same class and gamma.
  sketch.mapping = new FastLogMapping(RELATIVE_ACCURACY);
  return sketch;
}

/**
 * A streaming distribution of non-negative values (seconds). Quantiles come from DDSketch
 * (relative-error guarantee, memory bounded by the value range's log, not the count); mean,
 * min and max are exact.
 */
export class Histogram {
  private readonly sketch = fastSketch();
  private sum = 0;
  private compensation = 0;
  private n = 0;
  private largest = 0;

  record(value: number): void {
    this.sketch.accept(value);
    // Neumaier's compensated sum inline (ExactSum), as this runs for every request.
    const s = this.sum;
    const t = s + value;
    this.compensation += Math.abs(s) >= Math.abs(value) ? s - t + value : value - t + s;
    this.sum = t;
    this.n++;
    if (value > this.largest) this.largest = value;
  }

  get count(): number {
    return this.n;
  }

  get mean(): number {
    return this.n === 0 ? NaN : (this.sum + this.compensation) / this.n;
  }

  get max(): number {
    return this.n === 0 ? NaN : this.largest;
  }

  /**
   * Value at quantile q in [0, 1] by the nearest-rank rule (the ceil(q n)-th smallest value);
   * NaN when empty. DDSketch itself takes rank q (n - 1), which for few values reads low: of
   * two cold-start waits, its p99 is the smaller one, below their mean.
   */
  quantile(q: number): number {
    const n = this.n;
    if (n === 0) return NaN;
    if (n > 1) q = Math.min(1, Math.max(0, (Math.ceil(q * n) - 1) / (n - 1)));
    // The sketch's estimate can exceed the exact maximum by its relative error; clamp so
    // p99.9 never reads above max.
    return Math.min(this.sketch.getValueAtQuantile(q), this.largest);
  }

  merge(other: Histogram): void {
    this.sketch.merge(other.sketch);
    const merged = new ExactSum();
    merged.add(this.sum);
    merged.add(this.compensation);
    merged.add(other.sum);
    merged.add(other.compensation);
    this.sum = merged.value;
    this.compensation = 0;
    this.n += other.n;
    if (other.largest > this.largest) this.largest = other.largest;
  }
}
