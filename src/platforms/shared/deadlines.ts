import type { ScheduledEvent, Simulation } from '../../engine/simulation.js';
import type { Request } from '../../workload/request.js';

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
  /**
   * Held requests in arrival order, with ended ones not yet dropped from the head: a list
   * linked through the requests' own `heldNext` field (request.ts). Why not an array queue:
   * a store of a young request into a long-lived array records a slot for the next scavenge,
   * one per request, where relinking `first`/`last` reuses two; in the bench's M/M/4 case the
   * array queue cost about 5 % of the CPU per request, measured by leaving it out.
   */
  private first: Request | null = null;
  private last: Request | null = null;
  private linked = 0;
  private held = 0;
  private timer: ScheduledEvent | null = null;
  /** False when `timeout` is Infinity: nothing ever times out, and no timer is armed. */
  private readonly finite: boolean;

  constructor(
    private readonly sim: Simulation,
    private readonly timeout: number,
    private readonly onTimeout: (req: Request) => void,
  ) {
    this.finite = Number.isFinite(timeout);
  }

  /** `req` arrived and is held by the platform from now on. */
  hold(req: Request): void {
    req.deadline = HELD;
    this.held++;
    req.heldNext = null;
    if (this.last === null) this.first = req;
    else this.last.heldNext = req;
    this.last = req;
    this.linked++;
    // Without a deadline there is no timer to arm (arm() would only look for the oldest).
    if (this.timer === null && this.finite) this.arm();
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
    return this.linked;
  }

  /** The held requests, oldest first (for the end-of-run count). */
  *values(): IterableIterator<Request> {
    for (let req = this.first; req !== null; req = req.heldNext ?? null) if (req.deadline === HELD) yield req;
  }

  private arm(): void {
    const oldest = this.oldest();
    if (oldest === undefined || !this.finite) {
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
    for (let req = this.first; req !== null; req = this.first) {
      if (req.deadline === HELD) return req;
      this.first = req.heldNext ?? null;
      // Cut it off: a request that lives on (timed out, still running) must not keep every
      // later request reachable through its link.
      req.heldNext = null;
      this.linked--;
    }
    this.last = null;
    return undefined;
  }
}
