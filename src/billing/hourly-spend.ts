import { ExactSum } from '../numeric/exact-sum.js';

const HOUR_MS = 3_600_000;

/**
 * A running total of spend (`spent(now)`, USD from 0 to now) cut into clock hours (UTC) of the
 * simulated timeline, for hourly commitments. Like MonthlyAllowance (calendar.ts), it reads
 * `spent` at an hour's end only when `advance` passes it, so the owner calls `advance(now)`
 * before every change to what `spent` reads; then `spent(hourEnd)` is still exact.
 *
 * `credit(now)` is the USD a commitment of `cap` per hour covers from 0 to now:
 * sum over hours of min(spend in the hour, cap), the current hour so far included.
 */
export class HourlySpend {
  private hourEnd: number;
  private hourStartSpent = 0;
  private readonly closed: number[] = [];
  private readonly covered = new ExactSum();

  constructor(
    startEpochMs: number,
    private readonly spent: (now: number) => number,
    private readonly cap: number,
  ) {
    // The first hour ends at the first full clock hour after the start (the start itself may be one).
    const intoHour = ((startEpochMs % HOUR_MS) + HOUR_MS) % HOUR_MS;
    this.hourEnd = (HOUR_MS - intoHour) / 1000;
  }

  /** Closes every hour that ended by `now`. */
  advance(now: number): void {
    while (now >= this.hourEnd) {
      const atEnd = this.spent(this.hourEnd);
      const used = atEnd - this.hourStartSpent;
      this.closed.push(used);
      this.covered.add(Math.min(Math.max(used, 0), this.cap));
      this.hourStartSpent = atEnd;
      this.hourEnd += 3600;
    }
  }

  /** USD of usage the commitment covered from 0 to now. */
  credit(now: number): number {
    this.advance(now);
    return this.covered.value + Math.min(Math.max(this.spent(now) - this.hourStartSpent, 0), this.cap);
  }

  /** Eligible on-demand spend of each hour from 0 to now, the current (partial) hour last. */
  hours(now: number): number[] {
    this.advance(now);
    return [...this.closed, this.spent(now) - this.hourStartSpent];
  }
}
