import type { Simulation } from '../../engine/simulation.js';
import type { ServerFields, ServerModel } from '../../scenario/types.js';
import type { Request } from '../../workload/request.js';

/**
 * How one instance or VM serves the requests it holds: their CPU work on its vCPU, then their
 * I/O wait. The platform decides which requests an instance holds (concurrency, backlog,
 * routing); the server decides how fast each one goes. The I/O wait is the server's because a
 * thread-pool server holds its thread through it (issue 13).
 */
export interface RequestServer {
  /**
   * Serve `req` from now: `work` vCPU-seconds of CPU (req.cpu plus any extra), then its I/O
   * wait (req.io); the done-hook given at construction runs when both are over.
   */
  submit(work: number, req: Request): void;
  /** vCPU available changes (start-up CPU boost ending). */
  setCapacity(vcpu: number): void;
  /** vCPU in use now; changes are reported through the busy-hook as deltas. */
  readonly busyVcpu: number;
}

/** What a server tells its platform. */
export interface ServerHooks {
  /** `req` is served (CPU and I/O over). */
  readonly done: (req: Request) => void;
  /** vCPU in use changed by `delta` at `now`. */
  readonly busyChanged: (now: number, delta: number) => void;
}

/** The vCPU a server has and the load its platform lets in. */
export interface ServerShape {
  /** vCPU now (a startup CPU boost may lower it later through setCapacity). */
  readonly vcpu: number;
  /** Worker processes: a request computes on at most one, so at most `workers` vCPU are used. */
  readonly workers: number;
  /**
   * The platform never lets more requests in at once than this, and never gives the server
   * less vCPU than min(this, workers) (Infinity: no such guarantee).
   */
  readonly maxConcurrent: number;
}

/** Server models (issue 13): processor sharing, and FastAPI under uvicorn at two default mixes. */
export type { ServerModel };

/** The part of a platform spec that picks the server model (absent: processor sharing). */
export interface ServerSpec extends ServerFields {
  /** Worker processes of the app (every platform spec has them). */
  readonly workers: number;
}

export type CreateServer = (spec: ServerSpec, sim: Simulation, shape: ServerShape, hooks: ServerHooks) => RequestServer;
