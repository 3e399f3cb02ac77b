import type { LogSample } from './log-sample.js';

/**
 * The latencies that measure service rather than queueing, as far as request logs allow.
 * A log gives each request's arrival and latency, so the requests in flight when one arrives
 * are known: those that arrived before it and had not finished. A request that arrived while
 * nothing else was in flight found a free instance and an idle CPU: its latency is its service
 * time (CPU + I/O), with two assumptions stated in the report:
 *
 * - requests arriving after it may still share its CPU and slow it (processor sharing); at the
 *   low concurrency where such requests are found this is small, and it errs long;
 * - it was not a cold start: a request after an idle gap longer than `coldGap` (15 min, Cloud
 *   Run's longest idle instance, so every instance may have been stopped) is left out, and so
 *   is the first request of the logs (its gap is unknown).
 *
 * Only successful requests (status below 400, or none logged) count: an error is answered
 * by a different code path. When fewer than `minSamples` requests arrived alone, the level is
 * raised (at most 1 in flight, then 2, ...) until there are enough, and the report says so:
 * those latencies include some queueing.
 */
export interface ServiceSamples {
  readonly samples: Float64Array;
  /** Most requests in flight at arrival among the kept ones (0: each arrived alone). */
  readonly level: number;
  /** Requests with a latency and a success status: the pool the samples are drawn from. */
  readonly eligible: number;
  readonly leftOutCold: number;
  readonly leftOutErrors: number;
  readonly leftOutNoLatency: number;
  /** Share of eligible requests that arrived with nothing in flight. */
  readonly aloneShare: number;
}

export const COLD_GAP_SECONDS = 900;

export function serviceSamples(sample: LogSample, options: { minSamples?: number; coldGap?: number } = {}): ServiceSamples {
  const minSamples = options.minSamples ?? 200;
  const coldGap = options.coldGap ?? COLD_GAP_SECONDS;
  const order = sample.byArrival();
  const n = order.length;
  // End times of every request with a latency, sorted, for "ended at or before t".
  const ends: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(sample.latency(i))) ends.push(sample.arrival(i) + sample.latency(i));
  const sortedEnds = Float64Array.from(ends).sort();
  let e = 0;
  let lastEnd = -Infinity;
  let withLatencyBefore = 0;
  const inFlight = new Int32Array(n).fill(-1);
  let leftOutCold = 0;
  let leftOutErrors = 0;
  let leftOutNoLatency = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const t = sample.arrival(i);
    while (e < sortedEnds.length && sortedEnds[e]! <= t) e++;
    // Clamped: a request of equal arrival and zero latency ends "before" one listed ahead of it.
    const busy = Math.max(0, withLatencyBefore - e);
    const latency = sample.latency(i);
    const status = sample.status(i);
    if (!Number.isFinite(latency)) leftOutNoLatency++;
    else if (status >= 400) leftOutErrors++;
    else if (k === 0 || (busy === 0 && t - lastEnd > coldGap)) leftOutCold++;
    else inFlight[i] = busy;
    if (Number.isFinite(latency)) {
      withLatencyBefore++;
      lastEnd = Math.max(lastEnd, t + latency);
    }
  }
  const eligible = n - leftOutCold - leftOutErrors - leftOutNoLatency;
  const counts: number[] = [];
  for (let i = 0; i < n; i++) if (inFlight[i]! >= 0) counts[inFlight[i]!] = (counts[inFlight[i]!] ?? 0) + 1;
  let level = 0;
  let kept = counts[0] ?? 0;
  while (kept < Math.min(minSamples, eligible) && level < counts.length - 1) kept += counts[++level] ?? 0;
  const samples = new Float64Array(kept);
  let j = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (inFlight[i]! >= 0 && inFlight[i]! <= level) samples[j++] = sample.latency(i);
  }
  return {
    samples: samples.filter((x) => x > 0),
    level,
    eligible,
    leftOutCold,
    leftOutErrors,
    leftOutNoLatency,
    aloneShare: eligible === 0 ? 0 : (counts[0] ?? 0) / eligible,
  };
}
