import type { ScheduledEvent } from '../../engine/simulation.js';
import type { Request } from '../../workload/request.js';
import type { ProcessorSharingServer } from '../server/processor-sharing.js';

/** Lifecycle of a Cloud Run instance (a stopped one is simply dropped). */
export type InstanceState = 'starting' | 'ready' | 'stopping';

export class Instance {
  state: InstanceState = 'starting';
  inFlight = 0;
  heapIndex = -1;
  idleSince = 0;
  /** Start of the current billable stretch, or null when not billable. */
  billableSince: number | null = null;
  /** scale-per-request: the expiry `keepAlive` after the last request. */
  expiry: ScheduledEvent | null = null;
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

  constructor(
    readonly id: number,
    readonly createdAt: number,
    readonly server: ProcessorSharingServer<Request>,
  ) {}
}
