import type { Timer } from '../../engine/timer.js';
import type { Request } from '../../workload/request.js';
import type { HeapItem } from '../shared/indexed-heap.js';
import type { ServingInstance } from '../shared/serve-path.js';
import type { RequestServer } from '../server/request-server.js';
import type { LambdaInstance } from './billing-observer.js';

/** Lifecycle of an execution environment (a reclaimed one is simply dropped). */
export type EnvironmentState = 'starting' | 'idle' | 'busy';

/** One Lambda execution environment: one request at a time. */
export class Environment implements LambdaInstance, HeapItem, ServingInstance {
  state: EnvironmentState = 'starting';
  /** Requests in flight: 0 or 1 (the shared serving path counts them). */
  inFlight = 0;
  /** An environment serves as soon as it is ready (the serving path's app-warm-up wait: none). */
  readonly servesFrom = 0;
  heapIndex = -1;
  /** When it last became idle (routing "most-recently-used"). */
  idleSince = 0;
  /** The keep-alive expiry while idle (on-demand environments only). */
  expiry: Timer | null = null;
  /** The request it holds: bound to it while it starts, then in flight. */
  request: Request | null = null;
  /** Lambda stops the invocation in flight at its timeout: set when this one will be stopped. */
  stopsAtTimeout = false;
  server!: RequestServer;

  constructor(
    readonly id: number,
    readonly createdAt: number,
    readonly provisioned: boolean,
  ) {}
}
