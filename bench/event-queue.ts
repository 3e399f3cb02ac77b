/**
 * `npm run bench:queue`: the kernel's event queue against fastpriorityqueue, the library the
 * brief named, on the classic "hold" workload: N pending events; each step pops the earliest
 * and pushes one later by an exponential increment, as a simulation does. Both order by
 * (time, seq); EventHeap inlines the comparison, FastPriorityQueue calls a comparator. The
 * kernel switched to EventHeap on this measurement (bench/RESULTS.md).
 */
import FastPriorityQueue from 'fastpriorityqueue';
import { EventHeap } from '../src/engine/event-heap.js';
import type { ScheduledEvent } from '../src/engine/simulation.js';
import { streamFor } from '../src/engine/streams.js';

const before = (a: ScheduledEvent, b: ScheduledEvent): boolean => a.time < b.time || (a.time === b.time && a.seq < b.seq);
const noop = () => {};

function hold(kind: 'event-heap' | 'fastpriorityqueue', pending: number, steps: number): number {
  const rng = streamFor(1, 'hold');
  const increments = Float64Array.from({ length: 1 << 16 }, () => -Math.log(1 - rng()));
  let seq = 0;
  const make = (time: number): ScheduledEvent => ({ time, seq: seq++, action: noop, arg: undefined });
  const heap = new EventHeap<ScheduledEvent>();
  const fpq = new FastPriorityQueue<ScheduledEvent>(before);
  const push = kind === 'event-heap' ? (e: ScheduledEvent) => heap.push(e) : (e: ScheduledEvent) => fpq.add(e);
  const pop = kind === 'event-heap' ? () => heap.pop()! : () => fpq.poll()!;
  for (let i = 0; i < pending; i++) push(make(increments[i & 0xffff]! * pending));
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const e = pop();
    push(make(e.time + increments[i & 0xffff]! * pending));
  }
  return steps / ((performance.now() - t0) / 1000);
}

const rows: string[] = ['| pending events | EventHeap steps/s | fastpriorityqueue steps/s | ratio |', '|---|---|---|---|'];
for (const pending of [8, 128, 4096, 65536]) {
  const steps = 4_000_000;
  // Best of three alternating runs each: the machine is shared.
  let a = 0;
  let b = 0;
  for (let k = 0; k < 3; k++) {
    a = Math.max(a, hold('event-heap', pending, steps));
    b = Math.max(b, hold('fastpriorityqueue', pending, steps));
  }
  rows.push(`| ${pending} | ${(a / 1e6).toFixed(2)} M | ${(b / 1e6).toFixed(2)} M | ${(a / b).toFixed(2)} |`);
}
console.log(rows.join('\n'));
