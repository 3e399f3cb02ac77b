import type { Rng } from '../engine/streams.js';
import type { MinuteCounts, TraceTimes } from '../scenario/trace-data.js';
import type { TraceTrafficSpec } from '../scenario/types.js';
import type { ArrivalProcess } from './arrival-process.js';

/**
 * Replay of a trace. `timestamps`: exactly the file's times (sorted at load), x timeScale, and
 * nothing after the last; no randomness at scale 1. `per-minute` and `azure-functions`: see
 * minuteCountArrivals.
 *
 * `scale` (the file's, default 1) multiplies the requests of every trace minute, so that a
 * replayed log has a traffic to vary (what `sim breakeven --vary traffic.scale` and the
 * verdict's break-even do). Below 1 each logged request is kept with probability `scale`, by
 * itself: the thinned replay keeps the log's bursts at their place, each smaller. Above 1 every
 * logged request is kept and each minute gets (scale - 1) times its count more, placed as a
 * per-minute trace places its requests (uniformly within the minute): the log's shape minute
 * by minute is kept, and within a minute the added requests do not copy its bursts (an
 * assumption: a log cannot say how bursts grow with traffic). A count that is not whole is
 * rounded at random to an integer next to it with the same mean, so every scale is exact in
 * expectation. A scale of 1 draws nothing: the replay is the one it always was.
 */
export function traceArrivals(spec: TraceTrafficSpec, rng: Rng): ArrivalProcess {
  const scale = spec.scale ?? 1;
  if (spec.data.kind !== 'timestamps') return minuteCountArrivals(spec.data, spec.timeScale, spec.repeatMinutes, rng, scale);
  if (scale === 1) return timestampArrivals(spec.data, spec.timeScale);
  return scale < 1 ? thinnedTimestampArrivals(spec.data, spec.timeScale, scale, rng) : addedTimestampArrivals(spec.data, spec.timeScale, scale - 1, rng);
}

export function timestampArrivals(times: TraceTimes, timeScale: number): ArrivalProcess {
  let i = 0;
  return { next: () => (i < times.length ? times.at(i++) * timeScale : Infinity) };
}

/** The logged times, each kept with probability `keep` (one uniform per logged request). */
function thinnedTimestampArrivals(times: TraceTimes, timeScale: number, keep: number, rng: Rng): ArrivalProcess {
  let i = 0;
  return {
    next() {
      while (i < times.length) {
        const t = times.at(i++);
        if (rng() < keep) return t * timeScale;
      }
      return Infinity;
    },
  };
}

/**
 * Every logged time, and in each trace minute with n of them `extra` x n more (randomly
 * rounded) at uniform places within the minute, merged in time order: a logged and an added
 * request at the same instant come logged first. Minutes without a logged request get none.
 */
function addedTimestampArrivals(times: TraceTimes, timeScale: number, extra: number, rng: Rng): ArrivalProcess {
  let i = 0;
  let minuteEnd = -Infinity; // trace seconds
  const added = new UniformPlacer(rng, 60);
  let addedNext = Infinity;
  return {
    next() {
      for (;;) {
        const logged = i < times.length ? times.at(i) : Infinity;
        if (logged < minuteEnd) {
          if (addedNext < logged) {
            const t = addedNext;
            addedNext = added.next();
            return t * timeScale;
          }
          i++;
          return logged * timeScale;
        }
        if (addedNext !== Infinity) {
          const t = addedNext;
          addedNext = added.next();
          return t * timeScale;
        }
        if (logged === Infinity) return Infinity;
        // The next logged request's minute: its count, and the requests it gains.
        const minute = Math.floor(logged / 60);
        minuteEnd = (minute + 1) * 60;
        const n = times.countBelow(minuteEnd, true) - i;
        added.start(minute, roundAtRandom(extra * n, rng));
        addedNext = added.next();
      }
    },
  };
}

/** `x` >= 0 as floor(x) or floor(x) + 1, the latter with probability x - floor(x) (mean x); a whole x draws nothing. */
function roundAtRandom(x: number, rng: Rng): number {
  const whole = Math.floor(x);
  const fraction = x - whole;
  return fraction > 0 && rng() < fraction ? whole + 1 : whole;
}

/**
 * `count` points uniform over slot `index` of width `width`, [index w, (index + 1) w), produced
 * in ascending order without sorting, one uniform each: with k points left on [x, 1) of the
 * slot, the smallest is x + (1 - x)(1 - V^(1/k)), V uniform (its tail is ((1 - y) / (1 - x))^k).
 * A point is (index + x) w, as the per-minute replay has always computed it.
 */
class UniformPlacer {
  private index = 0;
  private left = 0;
  private pos = 0;

  constructor(
    private readonly rng: Rng,
    private readonly width: number,
  ) {}

  start(index: number, count: number): void {
    this.index = index;
    this.left = count;
    this.pos = 0;
  }

  /** The next point, or Infinity when the slot's are all out. */
  next(): number {
    if (this.left === 0) return Infinity;
    const u = 1 - this.rng(); // (0, 1]
    this.pos += (1 - this.pos) * -Math.expm1(Math.log(u) / this.left);
    this.left--;
    const end = (this.index + 1) * this.width;
    // Keep the point inside its slot when rounding would put it on the next one.
    return Math.min((this.index + this.pos) * this.width, end - end * Number.EPSILON);
  }
}

/**
 * Exactly `count` arrivals inside each trace minute [m w, (m + 1) w), w = 60 x timeScale,
 * placed as the order statistics of `count` independent uniforms over the minute: a replay
 * keeps every minute's count (a Poisson spread would not), and within the minute no instant
 * is favoured; generated in ascending order, one uniform each (UniformPlacer). With repeatMinutes P the counts start over every P minutes (an
 * Azure day, 1440); otherwise there are no arrivals after the last minute.
 *
 * `scale` multiplies each minute's count, rounded at random to a whole count with the same
 * mean (traceArrivals); at 1 nothing is drawn for it. A repeating trace scaled so far down that
 * MAX_EMPTY_PERIODS periods in a row bring no request is taken as ended, so that asking for
 * the next arrival always returns (a run that long would have seen about none anyway).
 */
export function minuteCountArrivals(
  counts: MinuteCounts,
  timeScale: number,
  repeatMinutes: number | null,
  rng: Rng,
  scale = 1,
): ArrivalProcess {
  const width = 60 * timeScale;
  const period = repeatMinutes ?? counts.minutes;
  const countAt = (m: number): number => (m < counts.minutes ? counts.at(m) : 0);
  const scaledCountAt = scale === 1 ? countAt : (m: number): number => roundAtRandom(countAt(m) * scale, rng);
  let periodTotal = 0;
  for (let m = 0; m < period; m++) periodTotal += countAt(m);
  let base = 0; // minutes before the current period
  let minute = 0;
  const placer = new UniformPlacer(rng, width);
  placer.start(0, scaledCountAt(0));
  let done = false;
  let emptyPeriods = 0;
  let arrivedInPeriod = false;
  return {
    next() {
      if (done) return Infinity;
      for (;;) {
        const t = placer.next();
        if (t !== Infinity) {
          arrivedInPeriod = true;
          return t;
        }
        minute++;
        if (minute >= period) {
          emptyPeriods = arrivedInPeriod ? 0 : emptyPeriods + 1;
          arrivedInPeriod = false;
          if (repeatMinutes === null || periodTotal === 0 || emptyPeriods >= MAX_EMPTY_PERIODS) {
            done = true;
            return Infinity;
          }
          base += period;
          minute = 0;
        }
        placer.start(base + minute, scaledCountAt(minute));
      }
    },
  };
}

/** Periods in a row without a request after which a scaled repeating trace is taken as ended (minuteCountArrivals). */
const MAX_EMPTY_PERIODS = 10_000;
