import type { Timer } from '../../engine/timer.js';
import type { Request } from '../../workload/request.js';
import type { LifecycleInstance } from '../lifecycle.js';
import type { RequestServer } from '../server/request-server.js';
import type { ServingInstance } from '../shared/serve-path.js';

/** Lifecycle of a Cloud Run instance (a stopped one is simply dropped). */
export type InstanceState = 'starting' | 'ready' | 'stopping';

/**
 * One Cloud Run instance as the platform runs it. What it costs is the billing observers'
 * business (src/billing/cloud-run-billing-observer.ts), not state kept here.
 */
export class Instance implements LifecycleInstance, ServingInstance {
  state: InstanceState = 'starting';
  inFlight = 0;
  heapIndex = -1;
  idleSince = 0;
  /** scale-per-request: the expiry `keepAlive` after the last request. */
  expiry: Timer | null = null;
  /** Startup CPU boost still on (from creation until 10 s after ready). */
  boosted = false;
  /** vCPU this instance adds to the utilisation denominator now (0 before ready and once it stops computing). */
  countedCpu = 0;
  /** Requests started on this instance so far (the first few may carry extra work). */
  served = 0;
  /** Time from which the app serves: requests started earlier wait for it (TCP probe). */
  servesFrom = 0;
  /** scale-per-request: the request this instance was started for. */
  bound: Request | null = null;
  /** All its CPU is in use (kept only for `cpu-aware` routing). */
  cpuSaturated = false;
  /** Set once, right after construction (the server's hooks refer to the instance). */
  server!: RequestServer;

  constructor(
    readonly id: number,
    readonly createdAt: number,
  ) {}
}
