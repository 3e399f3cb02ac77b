import { ExactSum } from '../numeric/exact-sum.js';

const HOUR_MS = 3_600_000;

/** Seconds from the run's start to the end of its first clock hour (UTC); the start itself may be on the hour. */
function firstHourEnd(startEpochMs: number): number {
  const intoHour = ((startEpochMs % HOUR_MS) + HOUR_MS) % HOUR_MS;
  return (HOUR_MS - intoHour) / 1000;
}

/**
 * The share of each clock hour (UTC) that a run of `durationS` from `startEpochMs` covers, in
 * order (pure): 1 for the hours inside it, less for a first hour it starts within and a last
 * one it ends within. Example: 09:30 for 2 h gives [0.5, 1, 0.5]; 10 minutes from 00:00 gives
 * [1/6]. The hours of HourlySpend.hours, one for one.
 */
export function hourFractions(startEpochMs: number, durationS: number): number[] {
  const fractions: number[] = [];
  let start = 0;
  for (let end = firstHourEnd(startEpochMs); end <= durationS; end += 3600) {
    fractions.push((end - start) / 3600);
    start = end;
  }
  if (durationS > start) fractions.push((durationS - start) / 3600);
  return fractions;
}

/**
 * A running total of spend (`spent(now)`, USD from 0 to now) cut into clock hours (UTC) of the
 * simulated timeline, for hourly commitments. Like MonthlyAllowance (calendar.ts), it reads
 * `spent` at an hour's end only when `advance` passes it, so the owner calls `advance(now)`
 * before every change to what `spent` reads; then `spent(hourEnd)` is still exact.
 *
 * `credit(now)` is the USD a commitment of `cap` per hour covers from 0 to now: over the clock
 * hours, min(spend in the hour, cap x the share of the hour inside the run so far). A whole
 * hour covers up to `cap`; a part of an hour covers its part, as the commitment's fee accrues
 * per second. Without that share, a run of 10 minutes had a whole hour's commitment cover
 * 10 minutes of spend for a sixth of its fee: scaled to a month, a 17 % commitment halved the
 * bill. Within an hour still running, the cover so far grows with the fee; at the hour's end
 * it is min(spend of the hour, cap), as Google applies it.
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
    this.hourEnd = firstHourEnd(startEpochMs);
  }

  /** Run time at which the current clock hour began (0 for a first hour the run starts within). */
  private get hourStart(): number {
    return Math.max(0, this.hourEnd - 3600);
  }

  /** Run time at which the current clock hour ends: advance() before it closes nothing. */
  get closesAt(): number {
    return this.hourEnd;
  }

  /** Closes every hour that ended by `now`. */
  advance(now: number): void {
    while (now >= this.hourEnd) {
      const atEnd = this.spent(this.hourEnd);
      const used = atEnd - this.hourStartSpent;
      this.closed.push(used);
      this.covered.add(Math.min(Math.max(used, 0), (this.cap * (this.hourEnd - this.hourStart)) / 3600));
      this.hourStartSpent = atEnd;
      this.hourEnd += 3600;
    }
  }

  /** USD of usage the commitment covered from 0 to now. */
  credit(now: number): number {
    this.advance(now);
    return this.covered.value + Math.min(Math.max(this.spent(now) - this.hourStartSpent, 0), (this.cap * (now - this.hourStart)) / 3600);
  }

  /**
   * Eligible on-demand spend of each hour from 0 to now, the current (partial) hour last; an
   * hour the run has not entered (`now` on its first instant) is left out. One for one with
   * hourFractions(start, now).
   */
  hours(now: number): number[] {
    this.advance(now);
    return now > this.hourStart ? [...this.closed, this.spent(now) - this.hourStartSpent] : [...this.closed];
  }
}
