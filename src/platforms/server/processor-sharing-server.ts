import type { Simulation } from '../../engine/simulation.js';
import type { Request } from '../../workload/request.js';
import { ProcessorSharingServer } from './processor-sharing.js';
import type { RequestServer, ServerHooks, ServerShape } from './request-server.js';

/**
 * The `processor-sharing` request server: the CPU phase on a ProcessorSharingServer of
 * min(vcpu, workers) vCPU (every request in its CPU phase shares it, each on at most one vCPU),
 * then the I/O wait, during which the request holds no CPU.
 */
export class ProcessorSharingRequestServer implements RequestServer {
  private readonly cpu: ProcessorSharingServer<Request>;
  private readonly workers: number;

  constructor(
    private readonly sim: Simulation,
    shape: ServerShape,
    private readonly hooks: ServerHooks,
  ) {
    this.workers = shape.workers;
    this.cpu = new ProcessorSharingServer<Request>(sim, Math.min(shape.vcpu, shape.workers), (req) => this.afterCpu(req), hooks.busyChanged, shape.maxConcurrent);
  }

  submit(work: number, req: Request): void {
    this.cpu.submit(work, req);
  }

  setCapacity(vcpu: number): void {
    this.cpu.setCapacity(Math.min(vcpu, this.workers));
  }

  get busyVcpu(): number {
    return this.cpu.busyVcpu;
  }

  /** The CPU phase is done: the I/O wait follows, then the done-hook. */
  private afterCpu(req: Request): void {
    if (req.io > 0) this.sim.schedule(req.io, () => this.hooks.done(req));
    else this.hooks.done(req);
  }
}
