import type { ScheduledEvent, Simulation } from '../../engine/simulation.js';
import { type HeapItem, IndexedHeap } from '../shared/indexed-heap.js';

/**
 * One worker process's current stretch of computation: the thread holding its GIL runs for
 * `work` vCPU-seconds from virtual time `start` (until its CPU phase ends or its quantum is up).
 * A process computes with one thread at a time, so it has at most one segment running.
 */
export interface CpuSegment extends HeapItem {
  /** Virtual time the segment began. */
  start: number;
  /** vCPU-seconds the segment lasts (from `start`). */
  work: number;
  /** Virtual time it ends: start + work. */
  end: number;
  /** Breaks ties between segments ending together (the worker's index): a fixed order. */
  readonly order: number;
}

/**
 * The vCPU of one instance shared by its worker processes. A worker whose GIL is held
 * computes; with k such workers and `capacity` vCPU each gets min(1, capacity / k) vCPU: a
 * process never uses more than one vCPU, and past `capacity` busy processes the kernel shares
 * the vCPU among them (processor sharing, the CFS ideal).
 *
 * Same virtual clock as ProcessorSharingServer (processor-sharing.ts): V grows at the per-worker
 * rate, so a segment of `work` started at V0 ends at V = V0 + work whatever the rate does in
 * between; segments sit in a heap by end value and only the earliest has an engine event. What
 * this adds is that a running segment can be cut short (a thread waiting for the GIL asks the
 * holder to drop it one switch interval later) and that a worker going straight on with its
 * next segment keeps its vCPU without a busy flap.
 *
 * Worked example (test/platforms/server/shared-cpu.test.ts): capacity 1, two workers start
 * segments of 1 and 2 vCPU-seconds at t = 0; each gets 0.5 vCPU, the first ends at t = 2
 * (V = 1), the second then runs alone at rate 1 and ends at t = 3 (V = 2).
 */
export class SharedCpu {
  private v = 0;
  private lastT: number;
  private n = 0;
  private rate = 0;
  private readonly heap = new IndexedHeap<CpuSegment>((a, b) => a.end < b.end || (a.end === b.end && a.order < b.order));
  private next: ScheduledEvent | null = null;
  private nextHead: CpuSegment | null = null;
  private nextEnd = NaN;
  private nextRate = NaN;
  private readonly fire = () => this.complete();
  /** Inside complete(): the segment that just ended, until its worker starts another. */
  private ending: CpuSegment | null = null;
  private firing = false;

  /**
   * @param onEnd called when a segment ends; the worker may start its next segment from it.
   * @param busyChanged the change in vCPU in use, min(busy workers, capacity).
   */
  constructor(
    private readonly sim: Simulation,
    private cap: number,
    private readonly onEnd: (segment: CpuSegment) => void,
    private readonly busyChanged: (now: number, deltaVcpu: number) => void,
  ) {
    this.lastT = sim.now;
  }

  /** vCPU in use now. */
  get busyVcpu(): number {
    return this.n < this.cap ? this.n : this.cap;
  }

  /** Workers computing now. */
  get computing(): number {
    return this.n;
  }

  /** Virtual time now (vCPU-seconds one busy worker has received since the start). */
  now(): number {
    this.advance(this.sim.now);
    return this.v;
  }

  /** Starts a segment of `work` (> 0) vCPU-seconds for a worker with none running. */
  run(segment: CpuSegment, work: number): void {
    this.advance(this.sim.now);
    const before = this.busyVcpu;
    segment.start = this.v;
    segment.work = work;
    segment.end = this.v + work;
    this.heap.add(segment);
    if (this.ending === segment) this.ending = null; // the worker goes straight on: same n
    else this.setN(this.n + 1);
    this.settle(before);
  }

  /** Cuts the running `segment` to `work` vCPU-seconds from its start (not before now). */
  shorten(segment: CpuSegment, work: number): void {
    this.advance(this.sim.now);
    segment.work = work;
    segment.end = Math.max(segment.start + work, this.v);
    this.heap.update(segment);
    this.settle(this.busyVcpu);
  }

  /** Changes the vCPU available (start-up CPU boost ending, for instance). */
  setCapacity(capacity: number): void {
    this.advance(this.sim.now);
    const before = this.busyVcpu;
    this.cap = capacity;
    this.setN(this.n);
    this.settle(before);
  }

  private setN(n: number): void {
    this.n = n;
    this.rate = n === 0 ? 0 : Math.min(1, this.cap / n);
  }

  private advance(now: number): void {
    if (this.n > 0) this.v += this.rate * (now - this.lastT);
    this.lastT = now;
  }

  /** Reports the busy change and moves the engine event, unless complete() will do both. */
  private settle(busyBefore: number): void {
    if (this.firing) return;
    const after = this.busyVcpu;
    if (after !== busyBefore) this.busyChanged(this.sim.now, after - busyBefore);
    this.reschedule();
  }

  private reschedule(): void {
    const head = this.heap.peek() ?? null;
    // Same head, same end, same rate: the pending event is still right.
    if (head === this.nextHead && (head === null || (head.end === this.nextEnd && this.rate === this.nextRate))) return;
    this.sim.cancel(this.next);
    this.next = null;
    this.nextHead = head;
    if (head === null) return;
    this.nextEnd = head.end;
    this.nextRate = this.rate;
    const dt = (head.end - this.v) / this.rate;
    this.next = this.sim.schedule(dt > 0 ? dt : 0, this.fire);
  }

  private complete(): void {
    this.next = null;
    this.nextHead = null;
    const head = this.heap.peek()!;
    const before = this.busyVcpu;
    // The event was timed for this segment, so V is exactly its end (no rounding drift).
    this.v = head.end;
    this.lastT = this.sim.now;
    this.heap.remove(head);
    this.ending = head;
    this.firing = true;
    try {
      this.onEnd(head);
    } finally {
      this.firing = false;
    }
    if (this.ending === head) {
      this.ending = null;
      this.setN(this.n - 1);
    }
    const after = this.busyVcpu;
    if (after !== before) this.busyChanged(this.sim.now, after - before);
    this.reschedule();
  }
}
