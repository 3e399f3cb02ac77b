import type { ScheduledEvent, Simulation } from '../../engine/simulation.js';
import { EventHeap } from '../../engine/event-heap.js';

/** A job in the CPU phase: `time` is the virtual (attained-service) time at which it is done. */
interface Job<T> {
  readonly time: number;
  readonly seq: number;
  readonly token: T;
}

/**
 * One server's CPU: `capacity` vCPU shared by processor sharing among the jobs in their CPU
 * phase. With n jobs each progresses at min(1, capacity / n) vCPU: a job never uses more than
 * one vCPU (one Python worker), and past `capacity` jobs they slow down together.
 *
 * Virtual clock: V grows at the per-job rate, so every job gains the same service per unit of
 * V; a job submitted at V0 with work w is done when V = V0 + w. Jobs sit in a heap ordered by
 * that finish value, so a change in n costs O(log n) and only the head needs an engine event.
 * Worked example (test/platforms/server/processor-sharing.test.ts): capacity 1, jobs of 1 s
 * and 2 s at t = 0 share the vCPU at 0.5 each; the first is done at t = 2, the second then runs
 * alone and is done at t = 3.
 *
 * A finished job is reported through one callback per server with the job's token (the
 * request), rather than a closure per job: every simulated request passes through here.
 *
 * Dedicated mode: when the platform never lets more jobs in than the server has vCPU (a VM
 * with maxConcurrency <= min(vcpu, workers), Cloud Run at concurrency 1 on 1 vCPU), no job is
 * ever slowed, so each simply finishes `work` seconds after it starts: one engine event per
 * job and no heap (bench/RESULTS.md, M/M/c case). Same results as the shared path.
 */
export class ProcessorSharingServer<T> {
  private v = 0;
  private lastT: number;
  private seq = 0;
  private readonly jobs = new EventHeap<Job<T>>();
  private n = 0;
  /** Per-job service rate min(1, capacity / n), kept in step with n and capacity. */
  private rate = 0;
  private next: ScheduledEvent | null = null;
  private readonly fire = () => this.complete();
  private readonly dedicated: boolean;

  /**
   * @param onDone called with a job's token when its work is done.
   * @param onBusyChange called with the change in vCPU in use (min(n, capacity)) whenever it
   *   changes, so a platform can keep the sum over its servers without a rescan.
   */
  constructor(
    private readonly sim: Simulation,
    private cap: number,
    private readonly onDone: (token: T) => void,
    private readonly onBusyChange: (now: number, deltaVcpu: number) => void = () => {},
    /** The platform guarantees at most this many jobs at once, and never less vCPU than that. */
    maxConcurrent = Infinity,
  ) {
    this.lastT = sim.now;
    this.dedicated = maxConcurrent <= cap;
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
    return this.n < this.cap ? this.n : this.cap;
  }

  private setN(n: number): void {
    this.n = n;
    this.rate = n === 0 ? 0 : n <= this.cap ? 1 : this.cap / n;
  }

  private advance(now: number): void {
    if (this.n > 0) this.v += this.rate * (now - this.lastT);
    this.lastT = now;
  }

  /** Starts `work` vCPU-seconds for `token`; onDone(token) runs when it is served (at once when work is 0). */
  submit(work: number, token: T): void {
    if (!(work > 0)) {
      this.onDone(token);
      return;
    }
    if (this.dedicated) {
      this.setN(this.n + 1);
      this.onBusyChange(this.sim.now, 1);
      this.sim.schedule(work, () => {
        this.setN(this.n - 1);
        this.onBusyChange(this.sim.now, -1);
        this.onDone(token);
      });
      return;
    }
    const now = this.sim.now;
    this.advance(now);
    const oldRate = this.rate;
    const oldHead = this.jobs.peek();
    const before = this.busyVcpu;
    this.jobs.push({ time: this.v + work, seq: this.seq++, token });
    this.setN(this.n + 1);
    const after = this.busyVcpu;
    if (after !== before) this.onBusyChange(now, after - before);
    // Below capacity the per-job rate stays 1 and an earlier head keeps its time: no reschedule.
    if (this.rate !== oldRate || this.jobs.peek() !== oldHead) this.reschedule();
  }

  /** Changes the vCPU available (start-up CPU boost ending, for instance). */
  setCapacity(capacity: number): void {
    if (this.dedicated) {
      // Every job already runs on a whole vCPU, and the platform keeps capacity >= its limit.
      this.cap = capacity;
      return;
    }
    const now = this.sim.now;
    this.advance(now);
    const before = this.busyVcpu;
    this.cap = capacity;
    this.setN(this.n);
    if (this.busyVcpu !== before) this.onBusyChange(now, this.busyVcpu - before);
    this.reschedule();
  }

  private reschedule(): void {
    this.sim.cancel(this.next);
    this.next = null;
    const head = this.jobs.peek();
    if (head === undefined) return;
    const dt = (head.time - this.v) / this.rate;
    this.next = this.sim.schedule(dt > 0 ? dt : 0, this.fire);
  }

  private complete(): void {
    this.next = null;
    const now = this.sim.now;
    const jobs = this.jobs;
    const head = jobs.pop()!;
    // The event was timed for this job, so V is exactly its finish value: setting it (rather
    // than integrating the rate) keeps rounding from accumulating over millions of jobs.
    this.v = head.time;
    this.lastT = now;
    const before = this.busyVcpu;
    // Jobs that finish at the same virtual time leave together (no array in the common case).
    let tied: Job<T>[] | null = null;
    while (jobs.size > 0 && jobs.peek()!.time <= this.v) (tied ??= []).push(jobs.pop()!);
    this.setN(this.n - 1 - (tied === null ? 0 : tied.length));
    const after = this.busyVcpu;
    if (after !== before) this.onBusyChange(now, after - before);
    this.reschedule();
    this.onDone(head.token);
    if (tied !== null) for (const job of tied) this.onDone(job.token);
  }
}
