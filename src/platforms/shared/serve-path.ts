import type { Simulation } from '../../engine/simulation.js';
import type { Request } from '../../workload/request.js';
import type { Lifecycle, RequestOutcome } from '../lifecycle.js';
import type { RequestServer } from '../server/request-server.js';
import type { Deadlines } from './deadlines.js';

/** An instance or VM as the serving path needs it. */
export interface ServingInstance {
  /** Requests it serves now (CPU or I/O phase). */
  inFlight: number;
  readonly server: RequestServer;
  /** Time from which its app serves: a request started earlier waits for it (0: at once). */
  readonly servesFrom: number;
}

/** What differs between platforms around the shared path. */
export interface ServeHost<I extends ServingInstance> {
  /** CPU work of `req` on `inst`: req.cpu, plus start-up work on a fresh instance. */
  work(inst: I, req: Request): number;
  /** `req` started on `inst` (its inFlight already counts it): routers, per-VM request sets. */
  started(inst: I, req: Request): void;
  /** False when `inst` is gone (a preempted VM): what it still finishes counts for nothing. */
  alive(inst: I): boolean;
  /** `req` leaves `inst` (before its inFlight drops). */
  leaving(inst: I, req: Request): void;
  /** The oldest request waiting for a slot on `inst` (taken off its queue), or undefined. */
  nextWaiting(inst: I): Request | undefined;
  /** A request left `inst`; `handedOn`: its slot went straight to a waiting request. */
  released(inst: I, handedOn: boolean): void;
}

/**
 * The request-serving path every platform shares: a request starts on an instance, computes and
 * waits for I/O in the instance's RequestServer, ends as completed unless its deadline passed
 * first (deadlines.ts), sends its response (egress), and hands its slot to the oldest waiting
 * request. Platforms differ only in the hooks (ServeHost). Requests in flight are counted here,
 * over all instances, and reported through the lifecycle.
 */
export class ServePath<I extends ServingInstance> {
  /** Requests in flight on all instances. */
  inFlight = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly lifecycle: Lifecycle,
    private readonly deadlines: Deadlines,
    private readonly host: ServeHost<I>,
  ) {}

  /** Starts serving `req` on `inst` (a slot is free); `cold` when it waited on a starting instance. */
  serve(inst: I, req: Request, cold: boolean): void {
    const now = this.sim.now;
    this.lifecycle.requestStarted(now, req, cold);
    inst.inFlight++;
    this.host.started(inst, req);
    this.inFlight++;
    this.lifecycle.inFlightChanged(now, this.inFlight);
    const work = this.host.work(inst, req);
    const wait = inst.servesFrom - now;
    if (wait > 0) this.sim.schedule(wait, () => inst.server.submit(work, req));
    else inst.server.submit(work, req);
  }

  /** The server is done with `req` on `inst` (CPU and I/O over). */
  done(inst: I, req: Request): void {
    const host = this.host;
    if (!host.alive(inst)) return;
    const now = this.sim.now;
    // Completed, unless past its deadline the client gave up (504, counted then): the instance
    // kept working until now.
    this.end(inst, req, 'completed');
    this.lifecycle.requestServed(now, req);
    const next = host.nextWaiting(inst);
    // The freed slot goes straight to the oldest waiting request.
    if (next !== undefined) this.serve(inst, next, false);
    host.released(inst, next !== undefined);
  }

  /**
   * Takes `req` off `inst` (alive) and ends it as `outcome` for the client, unless it ended
   * already (its client deadline passed: deadlines.ts): requests in flight drop by one and are
   * reported, and requestEnded is called at most once. No response is sent and its slot is not
   * handed on: the caller decides what becomes of `inst` (Lambda stops an invocation at its
   * timeout and reclaims the environment). `done` ends each served request through here.
   */
  end(inst: I, req: Request, outcome: RequestOutcome): void {
    const now = this.sim.now;
    this.host.leaving(inst, req);
    inst.inFlight--;
    this.inFlight--;
    this.lifecycle.inFlightChanged(now, this.inFlight);
    if (this.deadlines.settle(req)) this.lifecycle.requestEnded(now, req, outcome);
  }

  /**
   * `inst` is lost with everything it serves (a Spot preemption): those requests fail, and
   * requests in flight are reported once for all of them.
   */
  drop(inst: I, requests: Iterable<Request>): void {
    const now = this.sim.now;
    for (const req of requests) if (this.deadlines.settle(req)) this.lifecycle.requestEnded(now, req, 'failed');
    this.inFlight -= inst.inFlight;
    inst.inFlight = 0;
    this.lifecycle.inFlightChanged(now, this.inFlight);
  }
}
