import type { MinuteCounts, TraceTimes } from '../scenario/trace-data.js';
import type { TraceTrafficSpec } from '../scenario/types.js';
import type { RateProfile } from './rate-profile.js';

/**
 * The rate of a trace for reports and checks. `expected` is exact for the replay: for
 * timestamps the number of trace times in [from, to]; for minute counts each minute's count
 * spread evenly over the minute (the mean of the uniform placement). `rate(t)` is the count of
 * the minute holding t over the minute's length: for timestamps, arrivals are bucketed into
 * simulated minutes [60 k, 60 k + 60) x timeScale.
 *
 * A `scale` other than 1 (src/workload/trace-arrivals.ts) multiplies the rate, and the expected
 * count as the replay makes it: minute counts and thinned timestamps by the scale; timestamps
 * above 1 are the logged count plus (scale - 1) times each minute's count spread evenly over
 * the minute, as the added requests are placed.
 */
export function traceProfile(spec: TraceTrafficSpec): RateProfile {
  const scale = spec.scale ?? 1;
  return spec.data.kind === 'timestamps'
    ? timestampProfile(spec.data, spec.timeScale, scale)
    : minuteCountProfile(spec.data, spec.timeScale, spec.repeatMinutes, scale);
}

function timestampProfile(times: TraceTimes, timeScale: number, scale: number): RateProfile {
  const width = 60 * timeScale;
  const between = (from: number, to: number): number =>
    to < from ? 0 : times.countBelow(to / timeScale, false) - times.countBelow(from / timeScale, true);
  // Logged requests before t with each minute's spread evenly over it.
  const spread = (t: number): number => {
    const x = Math.max(0, t / width);
    const k = Math.floor(x);
    const below = times.countBelow(k * 60, true);
    return below + (times.countBelow((k + 1) * 60, true) - below) * (x - k);
  };
  const expected =
    scale === 1
      ? between
      : scale < 1
        ? (from: number, to: number): number => scale * between(from, to)
        : (from: number, to: number): number => (to < from ? 0 : between(from, to) + (scale - 1) * (spread(to) - spread(from)));
  return {
    rate(t) {
      const k = Math.floor(t / width);
      return (scale * (times.countBelow(((k + 1) * width) / timeScale, true) - times.countBelow((k * width) / timeScale, true))) / width;
    },
    expected,
  };
}

function minuteCountProfile(counts: MinuteCounts, timeScale: number, repeatMinutes: number | null, scale: number): RateProfile {
  const width = 60 * timeScale;
  const period = repeatMinutes ?? counts.minutes;
  const countAt = (m: number): number => (m < counts.minutes ? counts.at(m) : 0);
  // before[m]: requests in the minutes before m within one period.
  const before = new Float64Array(period + 1);
  for (let m = 0; m < period; m++) before[m + 1] = before[m]! + countAt(m);
  const periodTotal = before[period]!;
  const cumulative = (t: number): number => {
    const x = Math.max(0, t / width);
    if (repeatMinutes === null && x >= period) return periodTotal;
    const cycles = Math.floor(x / period);
    const inCycle = x - cycles * period;
    const m = Math.min(period - 1, Math.floor(inCycle));
    return cycles * periodTotal + before[m]! + countAt(m) * (inCycle - m);
  };
  return {
    rate(t) {
      const x = t / width;
      if (x < 0 || (repeatMinutes === null && x >= period)) return 0;
      return (scale * countAt(Math.floor(x) % period)) / width;
    },
    expected: (from, to) => scale * (cumulative(to) - cumulative(from)),
  };
}
