import type { ScheduledEvent } from '../../engine/simulation.js';
import type { Request } from '../../workload/request.js';
import type { LifecycleInstance } from '../lifecycle.js';
import type { RequestServer } from '../server/request-server.js';
import type { ServingInstance } from '../shared/serve-path.js';
import { PendingQueue } from '../shared/pending-queue.js';

/**
 * Where a VM is in its life: `starting` (booting, billed, not in the load balancer), `serving`
 * (in the load balancer), `draining` (the autoscaler stops it: out of the load balancer, it
 * finishes what it holds, then stops), `noticed` (Spot preemption notice: out of the load
 * balancer, what it still holds at the stop fails), `stopped`.
 */
export type VmState = 'starting' | 'serving' | 'draining' | 'noticed' | 'stopped';

/** One VM of the fleet: a CPU, the requests it serves, and its backlog. */
export class Vm implements LifecycleInstance, ServingInstance {
  heapIndex = -1;
  /** Same as bootedAt: the lifecycle's name for it. */
  readonly createdAt: number;
  state: VmState;
  /** Requests being served (at most maxConcurrency). */
  inFlight = 0;
  readonly backlog = new PendingQueue();
  /** Requests in flight (CPU or I/O phase): kept only when a preemption may have to fail them. */
  readonly requests: Set<Request> | null;
  /** Booted and in service at least once (counted idle or busy, not starting). */
  ready: boolean;
  /** Pending events: the end of the boot, the preemption notice, the stop after it. */
  boot: ScheduledEvent | null = null;
  notice: ScheduledEvent | null = null;
  stop: ScheduledEvent | null = null;
  /** Set once, right after construction (the server's hooks refer to the VM). */
  server!: RequestServer;
  /** A VM's app serves as soon as it is in the load balancer. */
  readonly servesFrom = 0;

  /**
   * @param bootedAt creation time: billing runs from here (boot included).
   * @param initial one of the `count` VMs up at time 0: the autoscaler treats it as initialised.
   */
  constructor(
    readonly id: number,
    readonly bootedAt: number,
    readonly initial: boolean,
    trackRequests: boolean,
  ) {
    this.state = initial ? 'serving' : 'starting';
    this.ready = initial;
    this.createdAt = bootedAt;
    this.requests = trackRequests ? new Set() : null;
  }

  /** Connections as a load balancer counts them: served plus waiting. */
  get connections(): number {
    return this.inFlight + this.backlog.size;
  }
}
