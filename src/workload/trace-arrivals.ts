import type { Rng } from '../engine/streams.js';
import type { MinuteCounts, TraceTimes } from '../scenario/trace-data.js';
import type { TraceTrafficSpec } from '../scenario/types.js';
import type { ArrivalProcess } from './arrival-process.js';

/**
 * Replay of a trace. `timestamps`: exactly the file's times (sorted at load), x timeScale, and
 * nothing after the last; no randomness. `per-minute` and `azure-functions`: see
 * minuteCountArrivals.
 */
export function traceArrivals(spec: TraceTrafficSpec, rng: Rng): ArrivalProcess {
  return spec.data.kind === 'timestamps'
    ? timestampArrivals(spec.data, spec.timeScale)
    : minuteCountArrivals(spec.data, spec.timeScale, spec.repeatMinutes, rng);
}

export function timestampArrivals(times: TraceTimes, timeScale: number): ArrivalProcess {
  let i = 0;
  return { next: () => (i < times.length ? times.at(i++) * timeScale : Infinity) };
}

/**
 * Exactly `count` arrivals inside each trace minute [m w, (m + 1) w), w = 60 x timeScale,
 * placed as the order statistics of `count` independent uniforms over the minute: a replay
 * keeps every minute's count (a Poisson spread would not), and within the minute no instant
 * is favoured. They are generated in ascending order without sorting, one uniform each: with
 * k uniforms left on [x, 1), the smallest is x + (1 - x)(1 - V^(1/k)), V uniform (its tail
 * is ((1 - y) / (1 - x))^k). With repeatMinutes P the counts start over every P minutes (an
 * Azure day, 1440); otherwise there are no arrivals after the last minute.
 */
export function minuteCountArrivals(
  counts: MinuteCounts,
  timeScale: number,
  repeatMinutes: number | null,
  rng: Rng,
): ArrivalProcess {
  const width = 60 * timeScale;
  const period = repeatMinutes ?? counts.minutes;
  const countAt = (m: number): number => (m < counts.minutes ? counts.at(m) : 0);
  let periodTotal = 0;
  for (let m = 0; m < period; m++) periodTotal += countAt(m);
  let base = 0; // minutes before the current period
  let minute = 0;
  let left = countAt(0);
  let pos = 0; // fraction of the minute where the last arrival fell
  let done = false;
  return {
    next() {
      if (done) return Infinity;
      for (;;) {
        if (left > 0) {
          const u = 1 - rng(); // (0, 1]
          pos += (1 - pos) * -Math.expm1(Math.log(u) / left);
          left--;
          const end = (base + minute + 1) * width;
          // Keep the arrival inside its minute when rounding would put it on the next one.
          return Math.min((base + minute + pos) * width, end - end * Number.EPSILON);
        }
        minute++;
        if (minute >= period) {
          if (repeatMinutes === null || periodTotal === 0) {
            done = true;
            return Infinity;
          }
          base += period;
          minute = 0;
        }
        left = countAt(minute);
        pos = 0;
      }
    },
  };
}
