/**
 * A piecewise-constant quantity (instances, requests in flight, vCPU in use, a cost rate) and
 * its integral over time. `set` closes the previous stretch; means over any interval come from
 * two integral readings, so the timeline and the warm-up cut need no per-step rescan.
 *
 * The integral is a Neumaier compensated sum (see ExactSum), written out inline because `set`
 * runs several times per simulated request (bench/RESULTS.md).
 */
export class TimeWeighted {
  private current = 0;
  private since: number;
  private sum = 0;
  private compensation = 0;
  private peak = 0;

  constructor(start = 0) {
    this.since = start;
  }

  get value(): number {
    return this.current;
  }

  get max(): number {
    return this.peak;
  }

  set(now: number, value: number): void {
    const current = this.current;
    if (value === current) return;
    const dt = now - this.since;
    if (dt > 0 && current !== 0) {
      const x = current * dt;
      const s = this.sum;
      const t = s + x;
      this.compensation += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      this.sum = t;
    }
    this.since = now;
    this.current = value;
    if (value > this.peak) this.peak = value;
  }

  add(now: number, delta: number): void {
    this.set(now, this.current + delta);
  }

  /** Integral from the start to `now` (now >= the last change). */
  integral(now: number): number {
    return this.sum + this.compensation + this.current * (now - this.since);
  }
}
