import { ExactSum } from './exact-sum.js';

/**
 * A piecewise-constant quantity (instances, requests in flight, vCPU in use, a cost rate) and
 * its integral over time. `set` closes the previous stretch; means over any interval come from
 * two integral readings, so the timeline and the warm-up cut need no per-step rescan.
 */
export class TimeWeighted {
  private current = 0;
  private since: number;
  private readonly area = new ExactSum();
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
    if (value === this.current) return;
    const dt = now - this.since;
    if (dt > 0 && this.current !== 0) this.area.add(this.current * dt);
    this.since = now;
    this.current = value;
    if (value > this.peak) this.peak = value;
  }

  add(now: number, delta: number): void {
    this.set(now, this.current + delta);
  }

  /** Integral from the start to `now` (now >= the last change). */
  integral(now: number): number {
    return this.area.value + this.current * (now - this.since);
  }
}
