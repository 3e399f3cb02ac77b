import type { ScheduledEvent, Simulation } from '../../engine/simulation.js';
import type { Request } from '../../workload/request.js';
import { PendingQueue } from './pending-queue.js';

/**
 * Every request a platform holds, from its arrival until it ends, and the client's deadline:
 * a request still held `timeout` seconds after its arrival is timed out AT that instant (the
 * client gives up and sees a 504), whatever happens to it later; when it later completes or
 * fails, `settle` says so and the platform counts nothing more. What is still held at the end
 * of the run is unfinished. So each request ends in exactly one of completed, rejected, timed
 * out, failed or unfinished (issue 9: a request past its deadline but still running at the end
 * used to be counted nowhere).
 *
 * Deadlines are arrival + one constant, so they fall in arrival order: the held requests are
 * a Set (membership) and a FIFO of arrivals (order), and one timer waits for the oldest one.
 * Requests that ended leave the Set at once and the FIFO lazily, when they reach its head, so
 * each request is pushed and shifted once (a Set's own iteration order would do, but finding
 * its first element after many deletions scans their holes: quadratic under overload). In a
 * healthy run the oldest request is a fraction of a second old, so the timer fires about once
 * per `timeout` (300 s by default): no event per request.
 * Tests: test/platforms/deadlines.test.ts, test/verdict/accounting.test.ts.
 */
export class Deadlines {
  private readonly held = new Set<Request>();
  /** Held requests in arrival order, with ended ones not yet dropped from the head. */
  private readonly order = new PendingQueue();
  private timer: ScheduledEvent | null = null;

  constructor(
    private readonly sim: Simulation,
    private readonly timeout: number,
    private readonly onTimeout: (req: Request) => void,
  ) {}

  /** `req` arrived and is held by the platform from now on. */
  hold(req: Request): void {
    this.held.add(req);
    this.order.push(req);
    if (this.timer === null) this.arm();
  }

  /**
   * `req` ended now (completed, rejected or failed): true when it was still held, false when
   * its deadline had passed already (it was counted as timed out then).
   */
  settle(req: Request): boolean {
    return this.held.delete(req);
  }

  /** Requests held and not timed out: in flight or waiting. */
  get size(): number {
    return this.held.size;
  }

  /** The held requests, oldest first (for the end-of-run count). */
  values(): IterableIterator<Request> {
    return this.held.values();
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
      this.held.delete(req);
      this.onTimeout(req);
    }
    this.arm();
  }

  private oldest(): Request | undefined {
    for (let req = this.order.peek(); req !== undefined; req = this.order.peek()) {
      if (this.held.has(req)) return req;
      this.order.shift();
    }
    return undefined;
  }
}

