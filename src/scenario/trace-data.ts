/**
 * The data of a `trace` traffic spec, read once at load (trace-file.ts) into a typed array
 * that the arrival process walks lazily (src/workload/trace-arrivals.ts).
 *
 * The arrays live in private fields, behind read-only accessors, for two reasons:
 * - deepFreeze (Object.freeze) throws a TypeError on a typed array with elements, and it only
 *   walks enumerable properties, so it freezes these objects without reaching the arrays;
 * - `sim validate` prints the resolved scenario as JSON: toJSON gives a short summary instead
 *   of a million numbers.
 */

/** Arrival times of a `timestamps` trace: trace seconds from the scenario start, ascending. */
export class TraceTimes {
  readonly kind = 'timestamps';
  /** Number of arrivals. */
  readonly length: number;
  readonly #times: Float64Array;

  /** `times` must be ascending and >= 0; the array is kept, not copied. */
  constructor(times: Float64Array) {
    this.#times = times;
    this.length = times.length;
  }

  /** The times' memory, for another thread to read the same trace (never written after the read). */
  get buffer(): ArrayBufferLike {
    return this.#times.buffer;
  }

  /** The i-th arrival time (0 <= i < length). */
  at(i: number): number {
    return this.#times[i]!;
  }

  /** How many times are < t (strict = true) or <= t: binary search. */
  countBelow(t: number, strict: boolean): number {
    const times = this.#times;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (strict ? times[mid]! < t : times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  toJSON(): object {
    return {
      kind: this.kind,
      requests: this.length,
      first: this.length > 0 ? this.at(0) : null,
      last: this.length > 0 ? this.at(this.length - 1) : null,
    };
  }
}

/**
 * Requests per trace minute of a `per-minute` or `azure-functions` trace: minute m covers
 * trace seconds [60 m, 60 m + 60) from the scenario start.
 */
export class MinuteCounts {
  readonly kind = 'per-minute';
  /** Number of minutes the trace covers. */
  readonly minutes: number;
  /** Requests over all minutes. */
  readonly total: number;
  readonly #counts: Uint32Array;

  /** The counts' memory, for another thread to read the same trace (never written after the read). */
  get buffer(): ArrayBufferLike {
    return this.#counts.buffer;
  }

  /** The array is kept, not copied. */
  constructor(counts: Uint32Array) {
    this.#counts = counts;
    this.minutes = counts.length;
    let total = 0;
    for (const c of counts) total += c;
    this.total = total;
  }

  /** Requests in minute m (0 <= m < minutes). */
  at(m: number): number {
    return this.#counts[m]!;
  }

  toJSON(): object {
    let peak = 0;
    for (const c of this.#counts) peak = Math.max(peak, c);
    return { kind: this.kind, minutes: this.minutes, requests: this.total, peakPerMinute: peak };
  }
}

export type TraceData = TraceTimes | MinuteCounts;

/**
 * A typed array of `length` elements in memory other threads can share (a SharedArrayBuffer):
 * a trace read in one thread is handed to the worker threads by reference (trace-file.ts,
 * TraceRead), not read again in each.
 */
export function sharedArray<A extends Float64Array | Uint32Array>(Type: { new (buffer: SharedArrayBuffer): A; readonly BYTES_PER_ELEMENT: number }, length: number): A {
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
}
