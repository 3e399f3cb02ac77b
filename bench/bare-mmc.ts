/**
 * The ceiling: the same M/M/c model as a bare event loop, no framework. Events live in a
 * binary min-heap of parallel typed arrays (Float64Array times, Uint8Array kinds); the FIFO
 * queue is a Float64Array ring buffer of arrival times that doubles when full. There is at most
 * one pending arrival and c pending departures, so the heap never holds more than c + 1 events.
 *
 * Randomness: an inline, seeded xorshift128 (Marsaglia 2003, 32-bit words) fills a batch of
 * unit exponentials (by inversion) at a time, so the loop reads one array slot per draw. The
 * simulator instead draws from seedrandom's Alea through closures and allocates objects per
 * event and per request; that difference is what the ratio measures.
 *
 * State is in locals of one function and the heap steps are module functions over typed arrays
 * (V8 inlines them); closures that write captured `let`s would keep state in a heap context.
 */
import type { MmcParameters } from './mmc-scenario.js';
import { arrivalRate } from './mmc-scenario.js';

export interface BareResult {
  readonly arrived: number;
  readonly served: number;
  readonly meanWait: number;
  readonly events: number;
}

const ARRIVAL = 0;
const DEPARTURE = 1;
const BATCH = 4096;

/** Simulates until `requests` arrivals have happened and every one of them has been served. */
export function bareMmc(p: MmcParameters, requests: number, seed = 1): BareResult {
  const meanGap = 1 / arrivalRate(p);
  const meanService = p.meanService;
  const c = p.servers;

  const rng = new Int32Array([123456789 ^ seed, 362436069, 521288629, 88675123 ^ Math.imul(seed, 0x9e3779b1)]);
  const unitExp = new Float64Array(BATCH);
  let r = BATCH;

  const times = new Float64Array(c + 2);
  const kinds = new Uint8Array(c + 2);
  let size = 0;

  let queue = new Float64Array(1024);
  let mask = queue.length - 1;
  let qHead = 0;
  let qLen = 0;

  let busy = 0;
  let arrived = 0;
  let served = 0;
  let waitSum = 0;
  let events = 0;

  fillUnitExponentials(rng, unitExp);
  r = 0;
  siftUp(times, kinds, size++, meanGap * unitExp[r++]!, ARRIVAL);
  while (size > 0) {
    const now = times[0]!;
    const kind = kinds[0]!;
    siftDownLast(times, kinds, --size);
    events++;
    if (r > BATCH - 2) {
      fillUnitExponentials(rng, unitExp);
      r = 0;
    }
    if (kind === ARRIVAL) {
      arrived++;
      if (arrived < requests) siftUp(times, kinds, size++, now + meanGap * unitExp[r++]!, ARRIVAL);
      if (busy < c) {
        busy++;
        served++;
        siftUp(times, kinds, size++, now + meanService * unitExp[r++]!, DEPARTURE);
      } else {
        if (qLen === queue.length) {
          const grown = new Float64Array(queue.length * 2);
          for (let k = 0; k < qLen; k++) grown[k] = queue[(qHead + k) & mask]!;
          queue = grown;
          mask = queue.length - 1;
          qHead = 0;
        }
        queue[(qHead + qLen) & mask] = now;
        qLen++;
      }
    } else if (qLen > 0) {
      // The freed server takes the oldest waiting request.
      waitSum += now - queue[qHead]!;
      qHead = (qHead + 1) & mask;
      qLen--;
      served++;
      siftUp(times, kinds, size++, now + meanService * unitExp[r++]!, DEPARTURE);
    } else {
      busy--;
    }
  }
  return { arrived, served, meanWait: waitSum / served, events };
}

/** Puts (time, kind) in the heap whose new last slot is `i`. */
function siftUp(times: Float64Array, kinds: Uint8Array, i: number, time: number, kind: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (times[parent]! <= time) break;
    times[i] = times[parent]!;
    kinds[i] = kinds[parent]!;
    i = parent;
  }
  times[i] = time;
  kinds[i] = kind;
}

/** Removes the head: moves the element at `size` (the old last slot) down from the root. */
function siftDownLast(times: Float64Array, kinds: Uint8Array, size: number): void {
  const time = times[size]!;
  const kind = kinds[size]!;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && times[child + 1]! < times[child]!) child++;
    if (times[child]! >= time) break;
    times[i] = times[child]!;
    kinds[i] = kinds[child]!;
    i = child;
  }
  times[i] = time;
  kinds[i] = kind;
}

/** Fills `out` with unit-mean exponentials from the xorshift128 state `s` (updated). */
function fillUnitExponentials(s: Int32Array, out: Float64Array): void {
  let x = s[0]!;
  let y = s[1]!;
  let z = s[2]!;
  let w = s[3]!;
  for (let k = 0; k < out.length; k++) {
    const t = x ^ (x << 11);
    x = y;
    y = z;
    z = w;
    w = w ^ (w >>> 19) ^ (t ^ (t >>> 8));
    // (w >>> 0) + 0.5 is in (0, 2^32): the log never sees 0.
    out[k] = -Math.log(((w >>> 0) + 0.5) / 4294967296);
  }
  s[0] = x;
  s[1] = y;
  s[2] = z;
  s[3] = w;
}
