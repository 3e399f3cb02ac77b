/**
 * The Knative collector's 1-s buckets of total concurrency, time-weighted. Knative scrapes
 * every pod once a second and averages the samples that fall in each second
 * (knative/serving `pkg/autoscaler/aggregation/bucketing.go`, `TimedFloat64Buckets`); a
 * simulation knows the exact step function of requests in flight, so each bucket here holds the
 * area under it for that second (concurrency x seconds), which over a whole second is the
 * time-weighted mean concurrency of that second.
 *
 * Two ways to feed it (one per instance; mixing them throws):
 * - `record(now, c)`: concurrency is `c` from `now` on (call it on every change);
 * - `recordIntegral(now, i)`: a reading of the running integral of concurrency; the growth since
 *   the previous reading is spread evenly over the interval. Read it at every decision tick
 *   (integer seconds, 2 s apart): a 6-s or 60-s window then starts and ends on readings, so the
 *   even spread changes no window sum.
 *
 * Memory is `ceil(capacity) + 1` buckets (61 for a 60-s stable window), whatever the traffic.
 * Tests: test/platforms/cloud-run/knative.test.ts ("MetricBuckets").
 */
export class MetricBuckets {
  /** Area (concurrency x seconds) of second `secs[i]`; a slot is reset when a new second claims it. */
  private readonly sums: Float64Array;
  private readonly secs: Float64Array;
  private start: number | null = null;
  /** Area is accounted up to this time. */
  private through = 0;
  private mode: 'level' | 'integral' | null = null;
  private level = 0;
  private integral = 0;

  /** @param capacity the longest window asked for, in seconds (the stable window). */
  constructor(readonly capacity: number) {
    if (!(capacity >= 1) || !Number.isFinite(capacity)) {
      throw new RangeError(`MetricBuckets capacity = ${capacity}, must be a finite number of seconds >= 1`);
    }
    const slots = Math.ceil(capacity) + 1;
    this.sums = new Float64Array(slots);
    this.secs = new Float64Array(slots).fill(Number.NaN);
  }

  /** Concurrency (requests in flight, summed over instances) is `concurrency` from `now` on. */
  record(now: number, concurrency: number): void {
    if (this.begin('level', now)) this.spread(this.through, now, this.level);
    this.level = concurrency;
    this.through = now;
  }

  /** The running integral of concurrency (request-seconds) read at `now`. */
  recordIntegral(now: number, integral: number): void {
    if (this.begin('integral', now) && now > this.through) {
      this.spread(this.through, now, (integral - this.integral) / (now - this.through));
    }
    this.integral = integral;
    this.through = now;
  }

  /**
   * Mean concurrency over the whole seconds [floor(now) - seconds, floor(now)), or null before
   * the first whole second. As in Knative's `WindowAverage`: a window reaching back before the
   * first reading is averaged over the seconds since then (at t = 10 s a 60-s window is the mean
   * of 10 buckets, not 60 with 50 zeros), and the mean is floored to 6 decimals, so that float
   * noise such as 70.00000000000001 does not make ceil(mean / 70) ask for a second instance.
   * With integral readings the window ends at the last reading: read the integral at `now` first.
   */
  windowAverage(now: number, seconds: number): number | null {
    if (!(seconds >= 1) || seconds > this.capacity) {
      throw new RangeError(`window = ${seconds} s, must be in [1, ${this.capacity}]`);
    }
    if (this.start === null) return null;
    if (this.mode === 'level' && now > this.through) this.record(now, this.level);
    const hi = Math.floor(Math.min(now, this.through));
    const lo = Math.max(hi - Math.ceil(seconds), Math.ceil(this.start));
    if (hi <= lo) return null;
    let sum = 0;
    for (let k = lo; k < hi; k++) sum += this.area(k);
    return Math.floor((sum / (hi - lo)) * 1e6) / 1e6;
  }

  /** Returns whether there is an interval to account since the previous reading. */
  private begin(mode: 'level' | 'integral', now: number): boolean {
    if (this.mode !== null && this.mode !== mode) {
      throw new Error('MetricBuckets: record() and recordIntegral() cannot be mixed on one instance');
    }
    this.mode = mode;
    if (this.start === null) {
      this.start = now;
      this.through = now;
      return false;
    }
    if (now < this.through) throw new RangeError(`MetricBuckets: time went back from ${this.through} to ${now}`);
    return true;
  }

  /** Adds `rate` x overlap to every second that [from, to) touches, skipping those too old to keep. */
  private spread(from: number, to: number, rate: number): void {
    if (to <= from) return;
    const slots = this.sums.length;
    for (let k = Math.max(Math.floor(from), Math.ceil(to) - slots); k < to; k++) {
      const overlap = Math.min(to, k + 1) - Math.max(from, k);
      const i = this.slot(k);
      if (this.secs[i] !== k) {
        this.secs[i] = k;
        this.sums[i] = 0;
      }
      this.sums[i]! += rate * overlap;
    }
  }

  private area(k: number): number {
    const i = this.slot(k);
    return this.secs[i] === k ? this.sums[i]! : 0;
  }

  private slot(k: number): number {
    const n = this.sums.length;
    return ((k % n) + n) % n;
  }
}
