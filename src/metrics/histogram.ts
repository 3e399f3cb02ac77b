import { DDSketch } from '@datadog/sketches-js';
import type { DenseStore } from '@datadog/sketches-js/dist/ddsketch/store/index.js';
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
 *
 * Why record() does not call DDSketch.accept: it runs twice for every request, and accept
 * also keeps the sketch's count, a float sum, min and max, and calls through DenseStore.add's
 * range checks (record in a loop, bench/histogram-record.ts: 20 ns through accept, 14 ns
 * here, best runs on a loaded 2-core machine). Here a value within the keys seen so far goes
 * straight into the sketch's own positive bins (the store's array, cached with its offset);
 * a value outside them goes through DenseStore.add, so the library grows, re-centres and
 * throws (Infinity; a jump of 10^100 to 10^150 in one step, whose push.apply of zeros
 * overflows the stack) exactly as accept did; zeros and values at or below
 * mapping.minPossible are counted apart as accept's zeroCount; negatives go to the sketch's
 * negative store. The counts the quantile reads (the sketch's count and zeroCount, the
 * store's count) are set before each read or merge (sync), so the sketch then holds what
 * accept would have given it, bin for bin; the sketch's own sum, min and max are not kept
 * (nothing reads them: mean and max are this class's). test/metrics/histogram-accept.test.ts
 * compares quantiles bit for bit with a DDSketch fed by accept.
 */
export class Histogram {
  private readonly sketch = fastSketch();
  private readonly mapping = this.sketch.mapping as FastLogMapping;
  private readonly minPossible = this.sketch.mapping.minPossible;
  /** The positive store's bins and offset (the store replaces the array when it grows) and its key range. */
  private bins: number[] = this.sketch.store.bins;
  private offset = 0;
  private minKey = Infinity;
  private maxKey = -Infinity;
  private zeros = 0;
  private sum = 0;
  private compensation = 0;
  private n = 0;
  private largest = 0;

  record(value: number): void {
    // Bucketing first: when the store throws, nothing below has changed (as with accept).
    if (value > this.minPossible) {
      const key = this.mapping.key(value);
      if (key >= this.minKey && key <= this.maxKey) this.bins[key - this.offset]!++;
      else this.widen(this.sketch.store, key);
    } else if (value < -this.minPossible) this.sketch.negativeStore.add(this.mapping.key(-value));
    else this.zeros++;
    // Neumaier's compensated sum inline (ExactSum), as this runs for every request.
    const s = this.sum;
    const t = s + value;
    this.compensation += Math.abs(s) >= Math.abs(value) ? s - t + value : value - t + s;
    this.sum = t;
    this.n++;
    if (value > this.largest) this.largest = value;
  }

  /** A key outside the keys seen so far: the library adds it (growing the bins as it would under accept). */
  private widen(store: DenseStore, key: number): void {
    try {
      store.add(key);
    } finally {
      // Also when add throws part-way, so later records land where accept's would: a jump
      // whose push.apply of zeros just fits the stack can overflow it in _shiftBins's
      // unshift.apply, a few frames deeper, after the bins were sliced.
      this.cacheStore();
    }
  }

  private cacheStore(): void {
    const store = this.sketch.store;
    this.bins = store.bins;
    this.offset = store.offset;
    this.minKey = store.minKey;
    this.maxKey = store.maxKey;
  }

  /** Sets the counts accept keeps on every value, so the sketch reads as if fed by accept. */
  private sync(): DDSketch {
    const sketch = this.sketch;
    sketch.zeroCount = this.zeros;
    sketch.count = this.n;
    sketch.store.count = this.n - this.zeros - sketch.negativeStore.count;
    return sketch;
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
    return Math.min(this.sync().getValueAtQuantile(q), this.largest);
  }

  merge(other: Histogram): void {
    this.sync().merge(other.sync());
    // The merge may have replaced (copied or grown) the bins.
    this.cacheStore();
    this.zeros = this.sketch.zeroCount;
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
