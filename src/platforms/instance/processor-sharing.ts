import FastPriorityQueue from 'fastpriorityqueue';
import type { ScheduledEvent, Simulation } from '../../engine/simulation.js';

interface Job {
  /** Attained-service (virtual) time at which the job's work is done. */
  readonly finishV: number;
  readonly seq: number;
  readonly done: () => void;
}

const byFinish = (a: Job, b: Job): boolean =>
  a.finishV < b.finishV || (a.finishV === b.finishV && a.seq < b.seq);

/**
 * One server's CPU: `capacity` vCPU shared by processor sharing among the jobs in their CPU
 * phase. With n jobs each progresses at min(1, capacity / n) vCPU: a job never uses more than
 * one vCPU (one Python worker), and past `capacity` jobs they slow down together.
 *
 * Virtual clock: V grows at the per-job rate, so every job gains the same service per unit of
 * V; a job submitted at V0 with work w is done when V = V0 + w. Jobs sit in a heap ordered by
 * that finish value, so a change in n costs O(log n) and only the head needs an engine event.
 * Worked example (test/platforms/instance/processor-sharing.test.ts): capacity 1, jobs of 1 s
 * and 2 s at t = 0 share the vCPU at 0.5 each; the first is done at t = 2, the second then runs
 * alone and is done at t = 3.
 */
export class ProcessorSharingServer {
  private v = 0;
  private lastT: number;
  private seq = 0;
  private readonly jobs = new FastPriorityQueue<Job>(byFinish);
  private n = 0;
  private next: ScheduledEvent | null = null;
  private readonly fire = () => this.complete();

  /**
   * @param onBusyChange called with the change in vCPU in use (min(n, capacity)) whenever it
   *   changes, so a platform can keep the sum over its servers without a rescan.
   */
  constructor(
    private readonly sim: Simulation,
    private cap: number,
    private readonly onBusyChange: (now: number, deltaVcpu: number) => void = () => {},
  ) {
    this.lastT = sim.now;
  }

  /** Jobs in their CPU phase. */
  get computing(): number {
    return this.n;
  }

  get capacity(): number {
    return this.cap;
  }

  /** vCPU in use now. */
  get busyVcpu(): number {
    return Math.min(this.n, this.cap);
  }

  private rate(): number {
    return this.n === 0 ? 0 : Math.min(1, this.cap / this.n);
  }

  private advance(now: number): void {
    if (this.n > 0) this.v += this.rate() * (now - this.lastT);
    this.lastT = now;
  }

  /** Starts `work` vCPU-seconds; `done` runs when it is served (at once when work is 0). */
  submit(work: number, done: () => void): void {
    if (!(work > 0)) {
      done();
      return;
    }
    const now = this.sim.now;
    this.advance(now);
    const oldRate = this.rate();
    const oldHead = this.jobs.peek();
    const job: Job = { finishV: this.v + work, seq: this.seq++, done };
    const before = this.busyVcpu;
    this.jobs.add(job);
    this.n++;
    if (this.busyVcpu !== before) this.onBusyChange(now, this.busyVcpu - before);
    // Below capacity the per-job rate stays 1 and an earlier head keeps its time: no reschedule.
    if (this.rate() !== oldRate || this.jobs.peek() !== oldHead) this.reschedule();
  }

  /** Changes the vCPU available (start-up CPU boost ending, for instance). */
  setCapacity(capacity: number): void {
    const now = this.sim.now;
    this.advance(now);
    const before = this.busyVcpu;
    this.cap = capacity;
    if (this.busyVcpu !== before) this.onBusyChange(now, this.busyVcpu - before);
    this.reschedule();
  }

  private reschedule(): void {
    this.sim.cancel(this.next);
    this.next = null;
    const head = this.jobs.peek();
    if (head === undefined) return;
    const dt = Math.max(0, (head.finishV - this.v) / this.rate());
    this.next = this.sim.schedule(dt, this.fire);
  }

  private complete(): void {
    this.next = null;
    const now = this.sim.now;
    const head = this.jobs.poll()!;
    // The event was timed for this job, so V is exactly its finish value: setting it (rather
    // than integrating the rate) keeps rounding from accumulating over millions of jobs.
    this.v = head.finishV;
    this.lastT = now;
    const finished = [head];
    while (!this.jobs.isEmpty() && this.jobs.peek()!.finishV <= this.v) finished.push(this.jobs.poll()!);
    const before = this.busyVcpu;
    this.n -= finished.length;
    if (this.busyVcpu !== before) this.onBusyChange(now, this.busyVcpu - before);
    this.reschedule();
    for (const job of finished) job.done();
  }
}
