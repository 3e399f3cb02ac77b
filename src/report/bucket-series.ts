/**
 * Downsampling of a long time series into at most `maxPoints` buckets, in one pass and in
 * memory bounded by `maxPoints`: a week at 1 s (604,800 rows per platform) becomes between
 * `maxPoints / 2` and `maxPoints` points, so a report stays small however long the run.
 *
 * Buckets are aligned on multiples of a width that starts at `initialWidth` seconds and
 * doubles whenever there would be more than `maxPoints` of them (neighbouring buckets are then
 * merged pairwise). A sample of `dt` seconds goes wholly into the bucket its start falls in.
 * Each channel is reduced by its kind:
 * - `mean`: time-weighted mean over the bucket (sum of value x dt / seconds), for gauges such
 *   as instances, and for rates: a count per step divided by the step's length;
 * - `max`: the largest value, to keep the peaks that averaging hides;
 * - `last`: the value of the bucket's last sample, e.g. a cumulative cost.
 */
export type ChannelKind = 'mean' | 'max' | 'last';

/** One downsampled point: the bucket's start, the seconds it covers, and a value per channel. */
export interface BucketPoint {
  readonly t: number;
  readonly seconds: number;
  readonly values: readonly number[];
}

interface Bucket {
  index: number;
  seconds: number;
  acc: number[];
}

export class BucketSeries {
  private width: number;
  private buckets: Bucket[] = [];

  constructor(
    readonly kinds: readonly ChannelKind[],
    readonly maxPoints: number = 2000,
    initialWidth: number = 1,
  ) {
    if (!(maxPoints >= 2)) throw new RangeError(`maxPoints must be at least 2, got ${maxPoints}`);
    if (!(initialWidth > 0)) throw new RangeError(`initialWidth must be positive, got ${initialWidth}`);
    this.width = initialWidth;
  }

  /** Seconds per bucket now. */
  get bucketWidth(): number {
    return this.width;
  }

  /** Adds a sample that starts at `t` and lasts `dt` seconds; samples come in increasing `t`. */
  add(t: number, dt: number, values: readonly number[]): void {
    const index = Math.floor(t / this.width);
    let last = this.buckets[this.buckets.length - 1];
    if (last === undefined || last.index !== index) {
      last = { index, seconds: 0, acc: this.kinds.map((kind) => (kind === 'max' ? -Infinity : 0)) };
      this.buckets.push(last);
    }
    this.accumulate(last, dt, values);
    if (this.buckets.length > this.maxPoints) this.coarsen();
  }

  /** The buckets so far as points, in time order. */
  points(): BucketPoint[] {
    return this.buckets.map((b) => ({
      t: b.index * this.width,
      seconds: b.seconds,
      values: this.kinds.map((kind, i) => (kind === 'mean' ? (b.seconds > 0 ? b.acc[i]! / b.seconds : NaN) : b.acc[i]!)),
    }));
  }

  private accumulate(bucket: Bucket, dt: number, values: readonly number[]): void {
    bucket.seconds += dt;
    this.kinds.forEach((kind, i) => {
      const v = values[i]!;
      switch (kind) {
        case 'mean':
          bucket.acc[i]! += v * dt;
          break;
        case 'max':
          if (v > bucket.acc[i]!) bucket.acc[i] = v;
          break;
        case 'last':
          bucket.acc[i] = v;
          break;
      }
    });
  }

  /** Doubles the width until the buckets fit, merging neighbours (sums add, maxima max, last wins). */
  private coarsen(): void {
    while (this.buckets.length > this.maxPoints) {
      this.width *= 2;
      const merged: Bucket[] = [];
      for (const b of this.buckets) {
        const index = Math.floor(b.index / 2);
        const last = merged[merged.length - 1];
        if (last === undefined || last.index !== index) {
          merged.push({ index, seconds: b.seconds, acc: [...b.acc] });
          continue;
        }
        last.seconds += b.seconds;
        this.kinds.forEach((kind, i) => {
          if (kind === 'mean') last.acc[i]! += b.acc[i]!;
          else if (kind === 'max') last.acc[i] = Math.max(last.acc[i]!, b.acc[i]!);
          else last.acc[i] = b.acc[i]!;
        });
      }
      this.buckets = merged;
    }
  }
}
