import type { Request } from '../../workload/request.js';
import type { ProcessorSharingServer } from '../instance/processor-sharing.js';
import { PendingQueue } from '../cloud-run/pending-queue.js';

/** One VM of the fleet: a CPU, the requests it serves, and its backlog. */
export class Vm {
  heapIndex = -1;
  /** Requests being served (at most maxConcurrency). */
  inFlight = 0;
  readonly backlog = new PendingQueue();

  constructor(
    readonly id: number,
    readonly bootedAt: number,
    readonly server: ProcessorSharingServer<Request>,
  ) {}

  /** Connections as a load balancer counts them: served plus waiting. */
  get connections(): number {
    return this.inFlight + this.backlog.size;
  }
}
