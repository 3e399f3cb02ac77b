import Denque from 'denque';
import type { ScheduledEvent, Simulation } from '../../engine/simulation.js';
import type { Request } from '../../workload/request.js';
import type { RequestServer, ServerHooks } from './request-server.js';

/**
 * UvicornServer (uvicorn-server.ts) for its most common shape, one worker process and only
 * `async def` endpoints (`server: "asyncio"` with the default `workers: 1` and `syncShare: 0`),
 * with the same results event for event: createServer picks it for that shape.
 *
 * Why a class of its own: with one worker and no thread pool, the general model's machinery
 * has nothing to decide. The heap of workers free to accept holds one worker, the GIL has no
 * contender (only the event loop computes, one CPU phase at a time), and the shared CPU holds
 * at most one segment. Those still cost a heap operation or a queue each, several times per
 * request; on Cloud Run's one-worker instances they were about a quarter of the CPU of a
 * simulated request (profile of a day at 100 req/s, bench/RESULTS.md).
 *
 * What it keeps, exactly as the general model computes it, so that every time and every event's
 * order key is the same (test/platforms/server/single-loop-server.test.ts drives both with the
 * same random scripts and compares their logs bit for bit):
 * - the loop runs one CPU phase at a time, first come first served: a request arriving while it
 *   computes waits in the accept queue; an answer whose I/O ends meanwhile waits for the loop;
 * - the CPU's virtual clock (SharedCpu): V grows at rate min(1, vcpu) while the loop computes; a
 *   phase of `work` started at V0 ends when V = V0 + work, timed as (end - V) / rate from now;
 *   a capacity change moves the pending event only when the rate changed;
 * - the order of scheduling inside a phase's end: the request's I/O event first, then whatever
 *   the answers and newly accepted requests schedule, then the next phase's end event last;
 * - while the loop sends deferred answers at the end of a phase it is not yet waiting on the
 *   socket: a request submitted from a done-hook then joins the accept queue, behind those
 *   already there.
 */
export class SingleLoopServer implements RequestServer {
  // --- the CPU: SharedCpu for at most one segment ------------------------------------------
  private v = 0;
  private lastT: number;
  /** The loop is computing (SharedCpu's n: 0 or 1). */
  private n = 0;
  private rate = 0;
  /** Virtual time the running phase ends. */
  private end = NaN;
  /** A phase is running (its segment is in SharedCpu's heap). */
  private running = false;
  /** The pending end event is for the running phase, at `nextEnd` and `nextRate`. */
  private scheduled = false;
  private nextEnd = NaN;
  private nextRate = NaN;
  private next: ScheduledEvent | null = null;
  /** Inside complete(): the phase just ended, until the loop starts another. */
  private ending = false;
  private firing = false;
  private readonly fire = (): void => this.complete();

  // --- the event loop -------------------------------------------------------------------------
  /** The request whose CPU phase the loop runs. */
  private current: Request | null = null;
  private loopBusy = false;
  /** The loop waits on the socket (the general model: the worker is in the free heap). */
  private accepting = true;
  /** Answers ready while the loop computed: sent when it is free, in order. */
  private readonly deferred = new Denque<Request>();
  /** The accept queue: requests, and their CPU work, waiting for the loop. */
  private readonly backlog = new Denque<Request>();
  private readonly backlogWork = new Denque<number>();
  private readonly readyCall = (req: Request): void => this.ready(req);

  constructor(
    private readonly sim: Simulation,
    private cap: number,
    private readonly hooks: ServerHooks,
  ) {
    this.lastT = sim.now;
  }

  get busyVcpu(): number {
    return this.n < this.cap ? this.n : this.cap;
  }

  submit(work: number, req: Request): void {
    const rem = work > 0 ? work : 0;
    if (this.accepting) {
      this.accept(req, rem);
    } else {
      this.backlog.push(req);
      this.backlogWork.push(rem);
    }
  }

  setCapacity(vcpu: number): void {
    this.advance(this.sim.now);
    const before = this.busyVcpu;
    this.cap = vcpu;
    this.setN(this.n);
    this.settle(before);
  }

  // --- the loop ---------------------------------------------------------------------------

  private accept(req: Request, rem: number): void {
    if (rem === 0) {
      // No CPU phase: straight to the I/O wait; the loop stays free.
      this.phaseDone(req, false);
      return;
    }
    this.loopBusy = true;
    this.accepting = false;
    this.current = req;
    this.run(rem);
  }

  private phaseDone(req: Request, heldLoop: boolean): void {
    if (req.io > 0) this.sim.scheduleCall(req.io, this.readyCall, req);
    else this.answer(req);
    if (heldLoop) this.loopFree();
  }

  /** The loop is free: answers it owes, then requests waiting to be accepted. */
  private loopFree(): void {
    this.loopBusy = false;
    const deferred = this.deferred;
    while (deferred.length > 0) this.answer(deferred.shift()!);
    const backlog = this.backlog;
    while (!this.loopBusy && backlog.length > 0) this.accept(backlog.shift()!, this.backlogWork.shift()!);
    if (!this.loopBusy) this.accepting = true;
  }

  private ready(req: Request): void {
    if (this.loopBusy) this.deferred.push(req);
    else this.answer(req);
  }

  private answer(req: Request): void {
    this.hooks.done(req);
  }

  // --- the CPU ------------------------------------------------------------------------------

  private setN(n: number): void {
    this.n = n;
    this.rate = n === 0 ? 0 : Math.min(1, this.cap / n);
  }

  private advance(now: number): void {
    if (this.n > 0) this.v += this.rate * (now - this.lastT);
    this.lastT = now;
  }

  /** The loop starts a CPU phase of `work` (> 0) vCPU-seconds. */
  private run(work: number): void {
    this.advance(this.sim.now);
    const before = this.busyVcpu;
    this.end = this.v + work;
    this.running = true;
    if (this.ending) this.ending = false; // straight on from the phase that just ended: same n
    else this.setN(this.n + 1);
    this.settle(before);
  }

  private settle(busyBefore: number): void {
    if (this.firing) return;
    const after = this.busyVcpu;
    if (after !== busyBefore) this.hooks.busyChanged(this.sim.now, after - busyBefore);
    this.reschedule();
  }

  private reschedule(): void {
    // Same phase, same end, same rate: the pending event is still right.
    if (this.running === this.scheduled && (!this.running || (this.end === this.nextEnd && this.rate === this.nextRate))) return;
    this.sim.cancel(this.next);
    this.next = null;
    this.scheduled = this.running;
    if (!this.running) return;
    this.nextEnd = this.end;
    this.nextRate = this.rate;
    const dt = (this.end - this.v) / this.rate;
    this.next = this.sim.schedule(dt > 0 ? dt : 0, this.fire);
  }

  private complete(): void {
    this.next = null;
    this.scheduled = false;
    const before = this.busyVcpu;
    // The event was timed for this phase, so V is exactly its end (no rounding drift).
    this.v = this.end;
    this.lastT = this.sim.now;
    this.running = false;
    this.ending = true;
    const req = this.current!;
    this.current = null;
    this.firing = true;
    try {
      this.phaseDone(req, true);
    } finally {
      this.firing = false;
    }
    if (this.ending) {
      this.ending = false;
      this.setN(this.n - 1);
    }
    const after = this.busyVcpu;
    if (after !== before) this.hooks.busyChanged(this.sim.now, after - before);
    this.reschedule();
  }
}
