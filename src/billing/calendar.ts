import { ExactSum } from '../numeric/exact-sum.js';

/** One calendar month (UTC) of the simulated timeline, in simulated seconds: [start, end). */
export interface Month {
  /** year x 12 + month (0-based), to tell months apart. */
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** end - start: 2,419,200 s (28 days) to 2,678,400 s (31 days); always the whole month. */
  readonly seconds: number;
}

/**
 * Calendar months of the simulated timeline: simulated time t is the instant
 * `startEpochMs + 1000 t`, and a month runs from 00:00 UTC on its first day. Sustained-use
 * discounts, network tiers and free tiers all restart at each month's start
 * (docs/gcp-facts.md), so every monthly rule asks this class where its month ends.
 * Month spans are whole calendar months even when the run starts or ends inside one.
 */
export class BillingCalendar {
  private readonly cache = new Map<number, Month>();

  constructor(readonly startEpochMs: number) {}

  /** The month holding simulated time t (a month's start belongs to it, its end to the next). */
  month(t: number): Month {
    const date = new Date(this.startEpochMs + t * 1000);
    let month = this.byIndex(date.getUTCFullYear() * 12 + date.getUTCMonth());
    // The Date of a float instant can land a hair across a boundary: settle on the exact side.
    while (t >= month.end) month = this.byIndex(month.index + 1);
    while (t < month.start) month = this.byIndex(month.index - 1);
    return month;
  }

  /** The month after `month`. */
  next(month: Month): Month {
    return this.byIndex(month.index + 1);
  }

  private byIndex(index: number): Month {
    let month = this.cache.get(index);
    if (month === undefined) {
      const year = Math.floor(index / 12);
      const m = index - year * 12;
      const start = (Date.UTC(year, m, 1) - this.startEpochMs) / 1000;
      const end = (Date.UTC(year, m + 1, 1) - this.startEpochMs) / 1000;
      month = { index, start, end, seconds: end - start };
      if (this.cache.size > 1200) this.cache.clear();
      this.cache.set(index, month);
    }
    return month;
  }
}

/**
 * A monthly allowance against a running total of spending: each calendar month the first
 * `allowance(month)` USD of what `spent` grows by are free. `free(now)` is the USD given back
 * from time 0 to now, so a `discount` line that reads it is right at every instant, in
 * particular at the end of every calendar month (nothing is deferred to month end).
 *
 * `spent(t)` must be readable at any t from the last month boundary passed up to now, i.e. the
 * spending it reads must not have changed after a boundary that `advance` has not yet passed:
 * the owner calls `advance(now)` before every change to what `spent` reads.
 */
export class MonthlyAllowance {
  private month: Month;
  private startSpent = 0;
  private readonly pastFree = new ExactSum();

  constructor(
    private readonly calendar: BillingCalendar,
    private readonly spent: (now: number) => number,
    private readonly allowance: (month: Month) => number,
  ) {
    this.month = calendar.month(0);
  }

  /** Run time at which the current month ends: advance() before it closes nothing. */
  get closesAt(): number {
    return this.month.end;
  }

  /** Closes every month that ended by `now`. */
  advance(now: number): void {
    while (now >= this.month.end) {
      const atEnd = this.spent(this.month.end);
      this.pastFree.add(clamp(atEnd - this.startSpent, this.allowance(this.month)));
      this.startSpent = atEnd;
      this.month = this.calendar.next(this.month);
    }
  }

  /** USD given back from 0 to now (>= 0). */
  free(now: number): number {
    this.advance(now);
    return this.pastFree.value + clamp(this.spent(now) - this.startSpent, this.allowance(this.month));
  }
}

const clamp = (x: number, max: number): number => Math.min(Math.max(x, 0), max);

/**
 * A per-calendar-month counter of a quantity (bytes sent, requests), for tiered prices and
 * count-based free tiers: `take(now, amount)` returns the month's total before the amount was
 * added, and restarts from 0 when a new month begins.
 */
export class MonthlyCounter {
  private month: Month;
  private used = 0;

  constructor(private readonly calendar: BillingCalendar) {
    this.month = calendar.month(0);
  }

  take(now: number, amount: number): number {
    if (now >= this.month.end || now < this.month.start) {
      this.month = this.calendar.month(now);
      this.used = 0;
    }
    const before = this.used;
    this.used += amount;
    return before;
  }
}

/** Length of the overlap of [a0, a1] and [b0, b1] (0 when they are apart). */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}
