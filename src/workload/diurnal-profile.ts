import type { TrafficSpec } from '../scenario/types.js';

type DiurnalSpec = Extract<TrafficSpec, { type: 'diurnal' }>;

const DAY = 86_400;
const WEEK = 7 * DAY;
const OMEGA = (2 * Math.PI) / DAY;
const MINUTE = 60;
const WEEK_MINUTES = WEEK / MINUTE;
/** Relative slack of the squeeze's bounds: far above rate()'s rounding (a few 1e-16), far below a candidate's spread. */
const BOUND_MARGIN = 1e-9;
/** 1970-01-05, the first Monday after the Unix epoch (a Thursday), in ms. */
const FIRST_MONDAY_MS = 4 * DAY * 1000;

/**
 * The rate of a `diurnal` traffic spec as a function of simulated time, and its exact
 * integral. Calendar rules are UTC: hour of day and weekday come from startEpochMs + t.
 *
 * Within a day the rate is base * f * (1 + A cos(2 pi (hourOfDay - peakHour) / 24)) with
 * A = (p - 1) / (p + 1), so that peak / trough = (1 + A) / (1 - A) = p, and f = weekendFactor
 * on Saturday and Sunday, 1 otherwise. The cosine averages to zero over a day, so a weekday
 * averages `base` and a weekend day base * weekendFactor; `meanRps` is the mean over a whole
 * week, hence base = meanRps * 7 / (5 + 2 * weekendFactor).
 *
 * Worked numbers (workloads' diurnal example): meanRps 20, peakToTrough 6, weekendFactor 0.5
 * -> base = 20 * 7 / 6 = 23.33 rps, A = 5 / 7; a weekday peaks at 23.33 * 12 / 7 = 40 rps at
 * peakHour and bottoms out at 23.33 * 2 / 7 = 6.67 rps twelve hours away; a weekend day peaks at
 * 20 rps. Over a week: (5 * 23.33 + 2 * 11.67) / 7 = 20 rps. Pinned by
 * test/workload/arrivals.test.ts ("diurnal").
 */
export class DiurnalProfile {
  /** Mean weekday rate (rps). */
  readonly base: number;
  /** Relative amplitude A of the daily cosine, in [0, 1]. */
  readonly amplitude: number;
  /** The highest rate the profile reaches: the thinning majorant. */
  readonly peakRate: number;
  private readonly weekendFactor: number;
  /** Seconds from the Monday 00:00 UTC on or before the start to simulated time 0. */
  private readonly weekOffset: number;
  /** Seconds into the day of the peak. */
  private readonly peakSecond: number;
  /** Expected arrivals before the start of each day of the week (Monday = 0), and the week. */
  private readonly dayStartMass: readonly number[];
  private readonly weekMass: number;

  constructor(spec: DiurnalSpec, startEpochMs: number) {
    const p = spec.peakToTrough;
    this.amplitude = p === Infinity ? 1 : (p - 1) / (p + 1);
    this.weekendFactor = spec.weekendFactor;
    this.base = (spec.meanRps * 7) / (5 + 2 * spec.weekendFactor);
    // The brief's majorant is the weekday peak; a weekendFactor above 1 raises the weekend
    // peak above it, and thinning needs the true maximum.
    this.peakRate = this.base * (1 + this.amplitude) * Math.max(1, spec.weekendFactor);
    // Computed in integer milliseconds so that a start 56 years after the epoch keeps
    // sub-microsecond resolution in t.
    this.weekOffset = mod(startEpochMs - FIRST_MONDAY_MS, WEEK * 1000) / 1000;
    this.peakSecond = spec.peakHour * 3600;
    const masses: number[] = [];
    let mass = 0;
    for (let day = 0; day < 7; day++) {
      masses.push(mass);
      mass += this.base * this.dayFactor(day) * DAY;
    }
    this.dayStartMass = masses;
    this.weekMass = mass;
  }

  /** Instantaneous rate (rps) at simulated time t. */
  rate(t: number): number {
    const w = mod(this.weekOffset + t, WEEK);
    const day = Math.min(6, Math.floor(w / DAY));
    return this.base * this.dayFactor(day) * (1 + this.amplitude * Math.cos(OMEGA * (w - this.peakSecond)));
  }

  /**
   * Whether x < rate(t): thinning's acceptance test, with the same answer as computing the
   * rate, but mostly decided from bounds of the rate over the minute of the week t falls in (a
   * squeeze): only an x between the minute's bounds, about 1 candidate in 200 at peakToTrough 6,
   * pays for the cosine and the modulo. The thinning loop spent about a third of its time in
   * rate(), itself about a tenth of a simulated request (bench/RESULTS.md).
   */
  below(x: number, t: number): boolean {
    const s = this.weekOffset + t;
    // mod(s, WEEK) without the modulo: off by a rounding at a week's edge at worst, which the
    // bounds' one-second overlap and the range check below absorb.
    const minute = Math.floor((s - Math.floor(s / WEEK) * WEEK) / MINUTE);
    if (minute >= 0 && minute < WEEK_MINUTES) {
      const bounds = (this.bounds ??= this.minuteBounds());
      if (x < bounds[2 * minute]!) return true;
      if (x >= bounds[2 * minute + 1]!) return false;
    }
    return x < this.rate(t);
  }

  private bounds: Float64Array | null = null;

  /**
   * Lower and upper bounds of rate() over each minute of the week, the minute widened by a
   * second on each side (so that a time rounded into the next minute, or a day's edge, is still
   * covered), then by BOUND_MARGIN relative (rate() is within a few ulps of the exact rate).
   * The cosine's extremes over an interval are at its ends or at a peak or trough inside it.
   */
  private minuteBounds(): Float64Array {
    const bounds = new Float64Array(2 * WEEK_MINUTES);
    const phase = (w: number): number => (OMEGA * (w - this.peakSecond)) / (2 * Math.PI); // in turns
    const contains = (from: number, to: number, k: number): boolean => Math.ceil(from - k - 1e-9) <= Math.floor(to - k + 1e-9);
    for (let m = 0; m < WEEK_MINUTES; m++) {
      const a = m * MINUTE - 1;
      const b = (m + 1) * MINUTE + 1;
      const fa = this.dayFactor(mod(Math.floor(a / DAY), 7));
      const fb = this.dayFactor(mod(Math.floor(b / DAY), 7));
      const ca = Math.cos(OMEGA * (a - this.peakSecond));
      const cb = Math.cos(OMEGA * (b - this.peakSecond));
      // A whole turn inside: a peak (cos 1); a half turn: a trough (cos -1).
      const cmax = contains(phase(a), phase(b), 0) ? 1 : Math.max(ca, cb);
      const cmin = contains(phase(a), phase(b), 0.5) ? -1 : Math.min(ca, cb);
      bounds[2 * m] = this.base * Math.min(fa, fb) * (1 + this.amplitude * cmin) * (1 - BOUND_MARGIN);
      bounds[2 * m + 1] = this.base * Math.max(fa, fb) * (1 + this.amplitude * cmax) * (1 + BOUND_MARGIN);
    }
    return bounds;
  }

  /** Expected number of arrivals in [from, to]. */
  expected(from: number, to: number): number {
    return this.cumulative(to) - this.cumulative(from);
  }

  /** Expected arrivals from the Monday 00:00 UTC on or before the start up to time t. */
  private cumulative(t: number): number {
    const u = this.weekOffset + t;
    const weeks = Math.floor(u / WEEK);
    const w = u - weeks * WEEK;
    const day = Math.min(6, Math.floor(w / DAY));
    const dayStart = day * DAY;
    // Integral of cos(omega (s - peak)) over [dayStart, w]; sin(omega (dayStart - peak)) is
    // sin(-omega peak) because a day is one period.
    const wave =
      (this.amplitude / OMEGA) * (Math.sin(OMEGA * (w - this.peakSecond)) + Math.sin(OMEGA * this.peakSecond));
    const partial = this.base * this.dayFactor(day) * (w - dayStart + wave);
    return weeks * this.weekMass + this.dayStartMass[day]! + partial;
  }

  /** Monday = 0 ... Sunday = 6. */
  private dayFactor(day: number): number {
    return day >= 5 ? this.weekendFactor : 1;
  }
}

function mod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}
