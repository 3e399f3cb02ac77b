import type { Request } from '../workload/request.js';

/**
 * The typed lifecycle interface between a platform model and the things that watch it: the
 * output statistics (src/metrics/platform-stats.ts), each bill (src/billing/*-observer.ts), the
 * autoscaler's collector and, in tests, a recording observer (recording-observer.ts). A
 * platform announces every state change once, by a direct method call on a `Lifecycle`
 * (no string-keyed events: several of these run per simulated request); what an observer makes
 * of it (rates, counts, integrals) is the observer's own state, never the platform's.
 *
 * Every method is optional: an observer implements what it needs, and `Lifecycle` calls only
 * those (an observer that bills instances pays nothing per request).
 *
 * Order within one instant is the platform's order of events; observers must not depend on the
 * order in which different observers are called.
 */

/** An instance (Cloud Run, Lambda) or VM as its observers see it. */
export interface LifecycleInstance {
  /** 0, 1, 2, ... in creation order, per platform. */
  readonly id: number;
  /** Creation time: from here it exists (and is billed, where the rules say so). */
  readonly createdAt: number;
}

/** How a request the platform accepted or refused ended, once. */
export type RequestOutcome =
  /** Response sent before the client's deadline. */
  | 'completed'
  /** Refused: no capacity (429/503), at arrival or after waiting in a queue. */
  | 'rejected'
  /** The client's deadline passed first (504); the platform may still be working on it. */
  | 'timed-out'
  /** Lost with its instance (a Spot preemption). */
  | 'failed'
  /** Still in flight or waiting when the run ends. */
  | 'unfinished';

export interface LifecycleObserver {
  // --- instances -----------------------------------------------------------------------

  /**
   * A new instance exists from `now`. `started`: its start-up happens in the run (it counts in
   * instance_starts and its start-up is billed); false for a Cloud Run instance already running
   * at time 0 (`minInstancesStart: "warm"`). A VM fleet's VMs of time 0 are started at 0.
   */
  instanceCreated?(now: number, inst: LifecycleInstance, started: boolean): void;
  /** Start-up (cold start, boot) is over: the instance takes requests from now. */
  instanceReady?(now: number, inst: LifecycleInstance): void;
  /** Its first request in flight (it was idle or just ready). */
  instanceBusy?(now: number, inst: LifecycleInstance): void;
  /** No request in flight any more, or ready with none to take. */
  instanceIdle?(now: number, inst: LifecycleInstance): void;
  /**
   * SIGTERM: it takes no more requests and its process exits `exit` seconds from now
   * (`instanceGone` follows then; at once when `exit` is 0).
   */
  instanceStopping?(now: number, inst: LifecycleInstance, exit: number): void;
  /** It no longer exists. `preempted`: a Spot preemption ended it. */
  instanceGone?(now: number, inst: LifecycleInstance, preempted: boolean): void;
  /** Startup CPU boost on (at creation) or off (10 s after ready, or when it goes first). */
  boostChanged?(now: number, inst: LifecycleInstance, on: boolean): void;
  /** Instances by state after a change (a stopping or draining one is in none). */
  instanceCounts?(now: number, starting: number, busy: number, idle: number): void;

  // --- requests ------------------------------------------------------------------------

  /** A request reached the platform's front door. */
  requestArrived?(now: number, req: Request): void;
  /** It starts being served after waiting `now - req.arrival`; `cold` when it waited on a starting instance. */
  requestStarted?(now: number, req: Request, cold: boolean): void;
  /** The instance finished serving it and sent the response (egress), whether or not the client still waited. */
  requestServed?(now: number, req: Request): void;
  /** What became of it for the client: called exactly once per arrived request. */
  requestEnded?(now: number, req: Request, outcome: RequestOutcome): void;

  // --- levels ----------------------------------------------------------------------------

  /** Requests in flight on instances, after a change. */
  inFlightChanged?(now: number, requests: number): void;
  /** Requests waiting for a slot (pending queue, VM backlogs), after a change. */
  queueChanged?(now: number, requests: number): void;
  /** vCPU in use by requests, summed over instances, after a change. */
  cpuInUseChanged?(now: number, vcpu: number): void;
  /** vCPU of the instances that count in the utilisation denominator, after a change. */
  cpuCapacityChanged?(now: number, vcpu: number): void;

  /** The run ends at `now`: close what is open (billable stretches, instances). */
  runEnded?(now: number): void;
}

type Hook = keyof LifecycleObserver;

/**
 * The observers of one platform, called in the order given. Each hook keeps the list of the
 * observers that implement it, in a field of its own, so a call loops over those only: with
 * the statistics and one bill, a request costs a handful of direct monomorphic calls.
 * Indexed loops over fields rather than `for...of` over a record of lists: about 10 % less
 * CPU per request on the bench's M/M/4 case (bench/run.ts, `--child mmc`; noisy shared machine).
 */
export class Lifecycle implements Required<LifecycleObserver> {
  private readonly instanceCreatedList: LifecycleObserver[];
  private readonly instanceReadyList: LifecycleObserver[];
  private readonly instanceBusyList: LifecycleObserver[];
  private readonly instanceIdleList: LifecycleObserver[];
  private readonly instanceStoppingList: LifecycleObserver[];
  private readonly instanceGoneList: LifecycleObserver[];
  private readonly boostChangedList: LifecycleObserver[];
  private readonly instanceCountsList: LifecycleObserver[];
  private readonly requestArrivedList: LifecycleObserver[];
  private readonly requestStartedList: LifecycleObserver[];
  private readonly requestServedList: LifecycleObserver[];
  private readonly requestEndedList: LifecycleObserver[];
  private readonly inFlightChangedList: LifecycleObserver[];
  private readonly queueChangedList: LifecycleObserver[];
  private readonly cpuInUseChangedList: LifecycleObserver[];
  private readonly cpuCapacityChangedList: LifecycleObserver[];
  private readonly runEndedList: LifecycleObserver[];

  constructor(observers: readonly LifecycleObserver[]) {
    this.instanceCreatedList = observers.filter((o) => typeof o.instanceCreated === 'function');
    this.instanceReadyList = observers.filter((o) => typeof o.instanceReady === 'function');
    this.instanceBusyList = observers.filter((o) => typeof o.instanceBusy === 'function');
    this.instanceIdleList = observers.filter((o) => typeof o.instanceIdle === 'function');
    this.instanceStoppingList = observers.filter((o) => typeof o.instanceStopping === 'function');
    this.instanceGoneList = observers.filter((o) => typeof o.instanceGone === 'function');
    this.boostChangedList = observers.filter((o) => typeof o.boostChanged === 'function');
    this.instanceCountsList = observers.filter((o) => typeof o.instanceCounts === 'function');
    this.requestArrivedList = observers.filter((o) => typeof o.requestArrived === 'function');
    this.requestStartedList = observers.filter((o) => typeof o.requestStarted === 'function');
    this.requestServedList = observers.filter((o) => typeof o.requestServed === 'function');
    this.requestEndedList = observers.filter((o) => typeof o.requestEnded === 'function');
    this.inFlightChangedList = observers.filter((o) => typeof o.inFlightChanged === 'function');
    this.queueChangedList = observers.filter((o) => typeof o.queueChanged === 'function');
    this.cpuInUseChangedList = observers.filter((o) => typeof o.cpuInUseChanged === 'function');
    this.cpuCapacityChangedList = observers.filter((o) => typeof o.cpuCapacityChanged === 'function');
    this.runEndedList = observers.filter((o) => typeof o.runEnded === 'function');
  }

  /** True when some observer implements `hook` (a platform may skip work no one reads). */
  has(hook: Hook): boolean {
    return this[`${hook}List`].length > 0;
  }

  instanceCreated(now: number, inst: LifecycleInstance, started: boolean): void {
    const list = this.instanceCreatedList;
    for (let i = 0; i < list.length; i++) list[i]!.instanceCreated!(now, inst, started);
  }
  instanceReady(now: number, inst: LifecycleInstance): void {
    const list = this.instanceReadyList;
    for (let i = 0; i < list.length; i++) list[i]!.instanceReady!(now, inst);
  }
  instanceBusy(now: number, inst: LifecycleInstance): void {
    const list = this.instanceBusyList;
    for (let i = 0; i < list.length; i++) list[i]!.instanceBusy!(now, inst);
  }
  instanceIdle(now: number, inst: LifecycleInstance): void {
    const list = this.instanceIdleList;
    for (let i = 0; i < list.length; i++) list[i]!.instanceIdle!(now, inst);
  }
  instanceStopping(now: number, inst: LifecycleInstance, exit: number): void {
    const list = this.instanceStoppingList;
    for (let i = 0; i < list.length; i++) list[i]!.instanceStopping!(now, inst, exit);
  }
  instanceGone(now: number, inst: LifecycleInstance, preempted: boolean): void {
    const list = this.instanceGoneList;
    for (let i = 0; i < list.length; i++) list[i]!.instanceGone!(now, inst, preempted);
  }
  boostChanged(now: number, inst: LifecycleInstance, on: boolean): void {
    const list = this.boostChangedList;
    for (let i = 0; i < list.length; i++) list[i]!.boostChanged!(now, inst, on);
  }
  instanceCounts(now: number, starting: number, busy: number, idle: number): void {
    const list = this.instanceCountsList;
    for (let i = 0; i < list.length; i++) list[i]!.instanceCounts!(now, starting, busy, idle);
  }
  requestArrived(now: number, req: Request): void {
    const list = this.requestArrivedList;
    for (let i = 0; i < list.length; i++) list[i]!.requestArrived!(now, req);
  }
  requestStarted(now: number, req: Request, cold: boolean): void {
    const list = this.requestStartedList;
    for (let i = 0; i < list.length; i++) list[i]!.requestStarted!(now, req, cold);
  }
  requestServed(now: number, req: Request): void {
    const list = this.requestServedList;
    for (let i = 0; i < list.length; i++) list[i]!.requestServed!(now, req);
  }
  requestEnded(now: number, req: Request, outcome: RequestOutcome): void {
    const list = this.requestEndedList;
    for (let i = 0; i < list.length; i++) list[i]!.requestEnded!(now, req, outcome);
  }
  inFlightChanged(now: number, requests: number): void {
    const list = this.inFlightChangedList;
    for (let i = 0; i < list.length; i++) list[i]!.inFlightChanged!(now, requests);
  }
  queueChanged(now: number, requests: number): void {
    const list = this.queueChangedList;
    for (let i = 0; i < list.length; i++) list[i]!.queueChanged!(now, requests);
  }
  cpuInUseChanged(now: number, vcpu: number): void {
    const list = this.cpuInUseChangedList;
    for (let i = 0; i < list.length; i++) list[i]!.cpuInUseChanged!(now, vcpu);
  }
  cpuCapacityChanged(now: number, vcpu: number): void {
    const list = this.cpuCapacityChangedList;
    for (let i = 0; i < list.length; i++) list[i]!.cpuCapacityChanged!(now, vcpu);
  }
  runEnded(now: number): void {
    const list = this.runEndedList;
    for (let i = 0; i < list.length; i++) list[i]!.runEnded!(now);
  }
}
