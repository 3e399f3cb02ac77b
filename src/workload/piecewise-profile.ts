import type { TrafficSpec } from '../scenario/types.js';

type PiecewiseSpec = Extract<TrafficSpec, { type: 'piecewise' }>;

/** A stretch [start, end) over which the rate moves linearly from r0 to r1 (equal for step). */
export interface RateSegment {
  readonly start: number;
  /** Infinity for the open last segment when the pattern does not repeat. */
  readonly end: number;
  readonly r0: number;
  readonly r1: number;
  /** Expected arrivals before `start`, within one period (or since 0 without repeat). */
  readonly massBefore: number;
}

/**
 * The rate of a `piecewise` traffic spec and its exact integral, as a list of segments with
 * constant (step) or linearly moving (linear) rate.
 *
 * - Before the first point the first rate holds (the schema puts the first point at 0).
 * - repeat null: after the last point the last rate holds for ever.
 * - repeat P: the pattern covers [0, P) and time wraps modulo P. Points after P are ignored.
 *   A point at exactly P only closes the last linear segment. Otherwise the last segment runs
 *   to P: step holds the last rate; linear heads back to the first rate, so that
 *   [[0, 10], [43200, 50]] with repeat 86400 is a triangle 10 -> 50 -> 10 each day.
 */
export class PiecewiseProfile {
  readonly segments: readonly RateSegment[];
  /** The period, or null when the pattern does not repeat. */
  readonly period: number | null;
  /** Expected arrivals in one period (repeat), or 0. */
  readonly periodMass: number;

  constructor(spec: PiecewiseSpec) {
    if (spec.repeat !== null && !(spec.repeat > 0)) {
      throw new RangeError(`piecewise repeat must be a positive period, got ${spec.repeat}`);
    }
    this.period = spec.repeat;
    this.segments = buildSegments(spec);
    const last = this.segments[this.segments.length - 1]!;
    this.periodMass = this.period === null ? 0 : last.massBefore + segmentMass(last, last.start, last.end);
  }

  /** Instantaneous rate (rps) at simulated time t >= 0. */
  rate(t: number): number {
    const x = this.wrap(t);
    return rateIn(this.segments[this.find(x)]!, x);
  }

  /** Expected number of arrivals in [from, to]. */
  expected(from: number, to: number): number {
    return this.cumulative(to) - this.cumulative(from);
  }

  /** Expected arrivals in [0, t]. */
  cumulative(t: number): number {
    let periods = 0;
    let x = t;
    if (this.period !== null) {
      periods = Math.floor(t / this.period);
      x = t - periods * this.period;
    }
    const seg = this.segments[this.find(x)]!;
    return periods * this.periodMass + seg.massBefore + segmentMass(seg, seg.start, Math.max(seg.start, x));
  }

  private wrap(t: number): number {
    return this.period === null ? t : t - Math.floor(t / this.period) * this.period;
  }

  /** Index of the segment holding x (binary search; the first one for x before it). */
  private find(x: number): number {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.start <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Rate at x inside the segment (clamped at 0 against rounding). */
export function rateIn(seg: RateSegment, x: number): number {
  if (seg.r0 === seg.r1) return seg.r0;
  const slope = (seg.r1 - seg.r0) / (seg.end - seg.start);
  return Math.max(0, seg.r0 + slope * (x - seg.start));
}

/** Expected arrivals over [a, b] inside one segment (Infinity for an open one with rate > 0). */
export function segmentMass(seg: RateSegment, a: number, b: number): number {
  if (b <= a) return 0;
  if (seg.r0 === seg.r1) return seg.r0 === 0 ? 0 : seg.r0 * (b - a);
  return ((rateIn(seg, a) + rateIn(seg, b)) / 2) * (b - a);
}

function buildSegments(spec: PiecewiseSpec): RateSegment[] {
  const linear = spec.interpolation === 'linear';
  const period = spec.repeat;
  let points = spec.points.map(([t, r]) => [t, r] as const);
  if (period !== null) points = points.filter(([t]) => t <= period);
  if (points.length === 0) points = [[0, 0]];
  if (points[0]![0] > 0) points.unshift([0, points[0]![1]]);

  const bounds: { start: number; end: number; r0: number; r1: number }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [t0, r0] = points[i]!;
    const [t1, r1] = points[i + 1]!;
    bounds.push({ start: t0, end: t1, r0, r1: linear ? r1 : r0 });
  }
  const [tLast, rLast] = points[points.length - 1]!;
  if (period === null) {
    bounds.push({ start: tLast, end: Infinity, r0: rLast, r1: rLast });
  } else if (tLast < period) {
    bounds.push({ start: tLast, end: period, r0: rLast, r1: linear ? points[0]![1] : rLast });
  }

  const segments: RateSegment[] = [];
  let mass = 0;
  for (const b of bounds) {
    const seg: RateSegment = { ...b, massBefore: mass };
    segments.push(seg);
    mass += segmentMass(seg, seg.start, seg.end);
  }
  return segments;
}
