import type { RandomStreams } from '../engine/streams.js';
import type { LifecycleInstance, LifecycleObserver, RequestOutcome } from '../platforms/lifecycle.js';
import type { DistSpec } from '../random/distribution.js';
import { StreamDraws, type DrawStream } from '../random/draw-ring.js';
import { fromSpec } from '../random/from-spec.js';
import type { Request } from '../workload/request.js';
import { Histogram } from './histogram.js';
import { TimeWeighted } from '../numeric/time-weighted.js';

/** The random stream of a platform's front-end latency: one draw per measured response, in completion order. */
export function frontEndStream(platform: string): string {
  return `${platform}/front-end`;
}

/** Counts of what happened to requests; `PlatformStats` keeps one for all time, one after warm-up. */
export class RequestCounts {
  arrived = 0;
  completed = 0;
  rejected = 0;
  timedOut = 0;
  failed = 0;
  /** In flight or waiting at the end of the run, not timed out (set once, at the end). */
  unfinished = 0;
  coldStartRequests = 0;
  instanceStarts = 0;
}

/** The integrals a mean is computed from, read at one instant. */
export interface GaugeReading {
  readonly t: number;
  readonly starting: number;
  readonly busy: number;
  readonly idle: number;
  readonly inFlight: number;
  readonly queued: number;
  readonly cpuBusy: number;
  readonly cpuCapacity: number;
}

/**
 * What one platform measured during a run. Platforms report events and state changes; this
 * class knows nothing of how a platform works. Request outcomes and latencies count requests
 * that arrived at or after `warmup`; gauges integrate from 0 and the summary takes the
 * difference from the warm-up reading, so both cover the same stretch of time.
 */
export class PlatformStats implements LifecycleObserver {
  readonly all = new RequestCounts();
  readonly measured = new RequestCounts();
  readonly latency = new Histogram();
  readonly queueWait = new Histogram();
  readonly coldStartWait = new Histogram();
  /** Instances by state (a stopping instance is in none: it no longer serves). */
  readonly starting = new TimeWeighted();
  readonly busy = new TimeWeighted();
  readonly idle = new TimeWeighted();
  readonly inFlight = new TimeWeighted();
  readonly queued = new TimeWeighted();
  /** vCPU in use by requests, and vCPU of the instances that exist. */
  readonly cpuBusy = new TimeWeighted();
  readonly cpuCapacity = new TimeWeighted();
  private instancesPeak = 0;
  private warmupReading: GaugeReading | null = null;

  constructor(readonly warmup: number) {}

  private counts(req: Request): RequestCounts | null {
    return req.arrival >= this.warmup ? this.measured : null;
  }

  arrived(req: Request): void {
    this.all.arrived++;
    const c = this.counts(req);
    if (c) c.arrived++;
  }

  /** The request starts being served after `wait` seconds; `cold` when it waited on a starting instance. */
  started(req: Request, wait: number, cold: boolean): void {
    if (cold) this.all.coldStartRequests++;
    const c = this.counts(req);
    if (!c) return;
    this.queueWait.record(wait);
    if (cold) {
      c.coldStartRequests++;
      this.coldStartWait.record(wait);
    }
  }

  /**
   * The platform's front end (Google Front End, a load balancer) adds a draw of `latency` to
   * every measured response: part of what the client sees, not of what the server does or bills.
   * The draws come from the platform's stream `frontEndStream(platform)`, one per measured
   * response in completion order.
   */
  addFrontEnd(platform: string, latency: DistSpec, streams: RandomStreams): void {
    this.frontEnd = new StreamDraws(fromSpec(latency), streams.get(frontEndStream(platform)));
  }

  /**
   * Takes the front end's draws from `draws` instead: the same stream's draws made ahead in
   * another thread (src/random/draw-ring.ts). Only for a platform that has a front end, before
   * its first response.
   */
  drawFrontEndFrom(draws: DrawStream): void {
    if (this.frontEnd === null) throw new Error('platform stats: front-end draws given to a platform without a front end');
    this.frontEnd = draws;
  }

  private frontEnd: DrawStream | null = null;

  /**
   * The latency of the same responses behind another front end, which draws from `draws` (null:
   * none), in a histogram of its own: each measured response records its time in the platform
   * plus the next of those draws, as `latency` records it plus its own front end's. A run of
   * the platform with that front end simulates exactly the same responses, in the same order
   * (the front end adds to what the client sees, never to what the platform does), and draws
   * its front-end stream once per measured response, so given a fresh copy of that stream the
   * histogram is, value for value, that run's `latency` (`sim sensitivity` measures a front
   * end's ranges this way: PlatformEntry.frontEndOnly).
   */
  addLatencyVariant(draws: DrawStream | null): Histogram {
    const histogram = new Histogram();
    this.latencyVariants.push({ histogram, draws });
    return histogram;
  }

  private readonly latencyVariants: { readonly histogram: Histogram; readonly draws: DrawStream | null }[] = [];

  completed(req: Request, now: number): void {
    this.all.completed++;
    const c = this.counts(req);
    if (!c) return;
    c.completed++;
    const served = now - req.arrival;
    const front = this.frontEnd === null ? 0 : this.frontEnd.next();
    this.latency.record(served + front);
    const variants = this.latencyVariants;
    for (let i = 0; i < variants.length; i++) {
      const v = variants[i]!;
      v.histogram.record(served + (v.draws === null ? 0 : v.draws.next()));
    }
  }

  rejected(req: Request): void {
    this.all.rejected++;
    const c = this.counts(req);
    if (c) c.rejected++;
  }

  timedOut(req: Request): void {
    this.all.timedOut++;
    const c = this.counts(req);
    if (c) c.timedOut++;
  }

  failed(req: Request): void {
    this.all.failed++;
    const c = this.counts(req);
    if (c) c.failed++;
  }

  /** `req` is still in flight or waiting when the run ends (and its deadline has not passed). */
  unfinished(req: Request): void {
    this.all.unfinished++;
    const c = this.counts(req);
    if (c) c.unfinished++;
  }

  instanceStarted(now: number): void {
    this.all.instanceStarts++;
    if (now >= this.warmup) this.measured.instanceStarts++;
  }

  /** Sets the instance counts by state. */
  instances(now: number, starting: number, busy: number, idle: number): void {
    if (busy < 0 || idle < 0 || starting < 0) throw new Error(`invariant broken: instance counts ${starting}/${busy}/${idle} at t=${now}`);
    this.starting.set(now, starting);
    this.busy.set(now, busy);
    this.idle.set(now, idle);
    const total = starting + busy + idle;
    if (total > this.instancesPeak) this.instancesPeak = total;
  }

  // --- as a lifecycle observer (src/platforms/lifecycle.ts) ------------------------------

  requestArrived(_now: number, req: Request): void {
    this.arrived(req);
  }

  requestStarted(now: number, req: Request, cold: boolean): void {
    this.started(req, now - req.arrival, cold);
  }

  requestEnded(now: number, req: Request, outcome: RequestOutcome): void {
    switch (outcome) {
      case 'completed':
        return this.completed(req, now);
      case 'rejected':
        return this.rejected(req);
      case 'timed-out':
        return this.timedOut(req);
      case 'failed':
        return this.failed(req);
      case 'unfinished':
        return this.unfinished(req);
    }
  }

  instanceCreated(now: number, _inst: LifecycleInstance, started: boolean): void {
    if (started) this.instanceStarted(now);
  }

  instanceCounts(now: number, starting: number, busy: number, idle: number): void {
    this.instances(now, starting, busy, idle);
  }

  inFlightChanged(now: number, requests: number): void {
    this.inFlight.set(now, requests);
  }

  queueChanged(now: number, requests: number): void {
    this.queued.set(now, requests);
  }

  cpuInUseChanged(now: number, vcpu: number): void {
    this.cpuBusy.set(now, vcpu);
  }

  cpuCapacityChanged(now: number, vcpu: number): void {
    this.cpuCapacity.set(now, vcpu);
  }

  get instancesMax(): number {
    return this.instancesPeak;
  }

  read(now: number): GaugeReading {
    return {
      t: now,
      starting: this.starting.integral(now),
      busy: this.busy.integral(now),
      idle: this.idle.integral(now),
      inFlight: this.inFlight.integral(now),
      queued: this.queued.integral(now),
      cpuBusy: this.cpuBusy.integral(now),
      cpuCapacity: this.cpuCapacity.integral(now),
    };
  }

  /** Called once at the end of warm-up (the run schedules it). */
  markWarmup(now: number): void {
    this.warmupReading = this.read(now);
  }

  /** Integrals accumulated since warm-up (or since 0 if there is none). */
  sinceWarmup(now: number): GaugeReading {
    const end = this.read(now);
    const w = this.warmupReading;
    if (w === null) return end;
    return {
      t: end.t - w.t,
      starting: end.starting - w.starting,
      busy: end.busy - w.busy,
      idle: end.idle - w.idle,
      inFlight: end.inFlight - w.inFlight,
      queued: end.queued - w.queued,
      cpuBusy: end.cpuBusy - w.cpuBusy,
      cpuCapacity: end.cpuCapacity - w.cpuCapacity,
    };
  }
}
