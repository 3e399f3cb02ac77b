import type { ScheduledEvent, Simulation } from '../../engine/simulation.js';
import type { Request } from '../../workload/request.js';
import { PendingQueue } from './pending-queue.js';

/** Where a request's deadline stands (Request.deadline; 0 or absent: never held). */
const HELD = 1;
const ENDED = 2;
const TIMED_OUT = 3;

/**
 * Every request a platform holds, from its arrival until it ends, and the client's deadline:
 * a request still held `timeout` seconds after its arrival is timed out AT that instant (the
 * client gives up and sees a 504), whatever happens to it later; when it later completes or
 * fails, `settle` says so and the platform counts nothing more. What is still held at the end
 * of the run is unfinished. So each request ends in exactly one of completed, rejected, timed
 * out, failed or unfinished (issue 9: a request past its deadline but still running at the end
 * used to be counted nowhere).
 *
 * Deadlines are arrival + one constant, so they fall in arrival order: the held requests are a
 * FIFO of arrivals, each request's own `deadline` field says whether it is still held, and one
 * timer waits for the oldest one. Requests that ended are marked at once and leave the FIFO
 * lazily, when they reach its head, so each request is pushed and shifted once and nothing is
 * hashed per request (a Set of held requests, with the garbage it made, took about a quarter of
 * the CPU of the bench's M/M/c case in a `node --cpu-prof` profile). In a healthy run the oldest request is a fraction of a second old, so the
 * timer fires about once per `timeout` (300 s by default): no event per request.
 * Tests: test/platforms/shared/deadlines.test.ts, test/verdict/accounting.test.ts.
 */
export class Deadlines {
  /** Held requests in arrival order, with ended ones not yet dropped from the head. */
  private readonly order = new PendingQueue();
  private held = 0;
  private timer: ScheduledEvent | null = null;

  constructor(
    private readonly sim: Simulation,
    private readonly timeout: number,
    private readonly onTimeout: (req: Request) => void,
  ) {}

  /** `req` arrived and is held by the platform from now on. */
  hold(req: Request): void {
    req.deadline = HELD;
    this.held++;
    this.order.push(req);
    if (this.timer === null) this.arm();
  }

  /**
   * `req` ended now (completed, rejected or failed): true when it was still held, false when
   * its deadline had passed already (it was counted as timed out then).
   */
  settle(req: Request): boolean {
    if (req.deadline !== HELD) return false;
    req.deadline = ENDED;
    this.held--;
    // Drop ended requests off the head now: the FIFO then holds only the requests in flight
    // and those behind the oldest one still running, so an ended request is garbage at once.
    // Left until the timer (about once per timeout), the FIFO held `timeout` seconds of
    // arrivals (30,000 requests at 100 req/s), each one promoted to the old generation: a
    // quarter of a month's run went to page faults and old-generation collection.
    this.oldest();
    return true;
  }

  /** Requests held and not timed out: in flight or waiting. */
  get size(): number {
    return this.held;
  }

  /** Requests the FIFO still references, ended ones behind an older running one included. */
  get retained(): number {
    return this.order.size;
  }

  /** The held requests, oldest first (for the end-of-run count). */
  *values(): IterableIterator<Request> {
    for (const req of this.order.values()) if (req.deadline === HELD) yield req;
  }

  private arm(): void {
    const oldest = this.oldest();
    if (oldest === undefined || !Number.isFinite(this.timeout)) {
      this.timer = null;
      return;
    }
    // At the deadline itself the request is not yet late (a response at exactly `timeout`
    // completes): the pass runs after the events already due at that instant.
    this.timer = this.sim.at(Math.max(this.sim.now, oldest.arrival + this.timeout), () => {
      this.timer = this.sim.schedule(0, () => this.expire());
    });
  }

  private expire(): void {
    const now = this.sim.now;
    for (let req = this.oldest(); req !== undefined && req.arrival + this.timeout <= now; req = this.oldest()) {
      req.deadline = TIMED_OUT;
      this.held--;
      this.onTimeout(req);
    }
    this.arm();
  }

  private oldest(): Request | undefined {
    for (let req = this.order.peek(); req !== undefined; req = this.order.peek()) {
      if (req.deadline === HELD) return req;
      this.order.shift();
    }
    return undefined;
  }
}
