/**
 * The ceiling: the same M/M/c model as a bare event loop, no framework, and the SAME random
 * numbers as the simulator: the `arrivals` and `requests` streams of seed 1, replication 0,
 * drawn in the same order (an arrival gap, then the request's CPU work). So it must report
 * the simulator's mean wait to rounding (the bench prints both), and the throughput ratio
 * measures only what the simulator's structure costs: engine, platform model, processor
 * sharing, stats, billing.
 *
 * Events live in a binary min-heap of parallel typed arrays (Float64Array times, Uint8Array
 * kinds, Float64Array payloads); ties go to the event pushed first, as in the simulator's
 * (time, seq) order, through a Float64Array of sequence numbers. The FIFO backlog is a ring
 * buffer of (arrival time, work) that doubles when full.
 */
import { streamFor } from '../src/engine/streams.js';
import { streamSeed } from '../src/experiment/run.js';
import type { MmcParameters } from './mmc-scenario.js';
import { arrivalRate } from './mmc-scenario.js';

export interface BareResult {
  readonly arrived: number;
  /** Requests that started service by the end (the simulator's queue-wait population). */
  readonly started: number;
  readonly meanWait: number;
  readonly events: number;
}

const ARRIVAL = 0;
const DEPARTURE = 1;

/** Simulates `duration` seconds of M/M/c and returns the mean wait of requests that started service. */
export function bareMmc(p: MmcParameters, duration: number, seed = 1): BareResult {
  const rate = arrivalRate(p);
  const meanService = p.meanService;
  const c = p.servers;
  const arrivalsRng = streamFor(streamSeed(seed, 0), 'arrivals');
  const requestsRng = streamFor(streamSeed(seed, 0), 'requests');

  const cap = c + 2;
  const times = new Float64Array(cap);
  const seqs = new Float64Array(cap);
  const kinds = new Uint8Array(cap);
  const works = new Float64Array(cap);
  let size = 0;
  let seq = 0;

  let qTimes = new Float64Array(1024);
  let qWorks = new Float64Array(1024);
  let mask = qTimes.length - 1;
  let qHead = 0;
  let qLen = 0;

  let busy = 0;
  let arrived = 0;
  let started = 0;
  let waitSum = 0;
  let events = 0;

  const push = (time: number, kind: number, work: number): void => {
    let i = size++;
    const s = seq++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < s)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      kinds[i] = kinds[parent]!;
      works[i] = works[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = s;
    kinds[i] = kind;
    works[i] = work;
  };

  const popLast = (): void => {
    const n = --size;
    const time = times[n]!;
    const s = seqs[n]!;
    const kind = kinds[n]!;
    const work = works[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && (times[child + 1]! < times[child]! || (times[child + 1] === times[child] && seqs[child + 1]! < seqs[child]!))) child++;
      if (time < times[child]! || (time === times[child] && s < seqs[child]!)) break;
      times[i] = times[child]!;
      seqs[i] = seqs[child]!;
      kinds[i] = kinds[child]!;
      works[i] = works[child]!;
      i = child;
    }
    times[i] = time;
    seqs[i] = s;
    kinds[i] = kind;
    works[i] = work;
  };

  // The simulator draws the first request (gap, then work) before the run starts.
  let nextArrival = -Math.log(1 - arrivalsRng()) / rate;
  if (nextArrival <= duration) push(nextArrival, ARRIVAL, -meanService * Math.log(1 - requestsRng()));
  while (size > 0) {
    const now = times[0]!;
    if (now > duration) break;
    const kind = kinds[0]!;
    const work = works[0]!;
    popLast();
    events++;
    if (kind === ARRIVAL) {
      arrived++;
      if (busy < c) {
        busy++;
        started++;
        push(now + work, DEPARTURE, 0);
      } else {
        if (qLen === qTimes.length) {
          const t2 = new Float64Array(qLen * 2);
          const w2 = new Float64Array(qLen * 2);
          for (let k = 0; k < qLen; k++) {
            t2[k] = qTimes[(qHead + k) & mask]!;
            w2[k] = qWorks[(qHead + k) & mask]!;
          }
          qTimes = t2;
          qWorks = w2;
          mask = qTimes.length - 1;
          qHead = 0;
        }
        qTimes[(qHead + qLen) & mask] = now;
        qWorks[(qHead + qLen) & mask] = work;
        qLen++;
      }
      nextArrival = now + -Math.log(1 - arrivalsRng()) / rate;
      if (nextArrival <= duration) push(nextArrival, ARRIVAL, -meanService * Math.log(1 - requestsRng()));
    } else if (qLen > 0) {
      // The freed worker takes the oldest waiting request.
      waitSum += now - qTimes[qHead]!;
      const w = qWorks[qHead]!;
      qHead = (qHead + 1) & mask;
      qLen--;
      started++;
      push(now + w, DEPARTURE, 0);
    } else {
      busy--;
    }
  }
  return { arrived, started, meanWait: waitSum / started, events };
}
