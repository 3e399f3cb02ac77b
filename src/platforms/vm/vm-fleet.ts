import { ComputeEngineBilling } from '../../billing/compute-engine-billing.js';
import { Ledger } from '../../billing/ledger.js';
import type { Simulation } from '../../engine/simulation.js';
import { PlatformStats } from '../../metrics/platform-stats.js';
import type { ComputeEngineSpec } from '../../scenario/types.js';
import type { Request } from '../../workload/request.js';
import { ProcessorSharingServer } from '../instance/processor-sharing.js';
import type { PlatformModel } from '../platform.js';
import { createLoadBalancer, type LoadBalancer } from './load-balancer.js';
import { Vm } from './vm.js';

/**
 * A fixed fleet of Compute Engine VMs behind a load balancer. Each VM serves up to
 * `maxConcurrency` requests at once on `min(vcpu, workers)` vCPU shared by processor sharing,
 * holds up to `queueLimit` more in a FIFO backlog, and answers 503 beyond that. VMs are
 * always warm and billed whether busy or not.
 *
 * One VM with c workers, c vCPU, maxConcurrency c and an unbounded backlog is exactly an
 * M/M/c queue under Poisson arrivals and exponential CPU work (test/validation/mmc.test.ts).
 */
export class VmFleetPlatform implements PlatformModel {
  readonly stats: PlatformStats;
  readonly ledger = new Ledger();
  private readonly billing: ComputeEngineBilling;
  private readonly vms: Vm[] = [];
  private readonly lb: LoadBalancer;
  private busyVms = 0;
  private inFlight = 0;
  private queued = 0;
  private cpuBusy = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: ComputeEngineSpec,
    warmup: number,
  ) {
    this.stats = new PlatformStats(warmup);
    this.billing = new ComputeEngineBilling(this.ledger, spec);
    const capacity = Math.min(spec.vcpu, spec.workers);
    for (let i = 0; i < spec.count; i++) {
      const server: ProcessorSharingServer<Request> = new ProcessorSharingServer<Request>(
        sim,
        capacity,
        (req) => this.afterCpu(vm, req),
        (now, delta) => {
          this.cpuBusy += delta;
          this.stats.cpuBusy.set(now, this.cpuBusy);
        },
      );
      const vm = new Vm(i, sim.now, server);
      this.vms.push(vm);
      this.billing.vmStarted(sim.now);
      this.stats.instanceStarted(sim.now);
    }
    this.stats.cpuCapacity.set(sim.now, spec.count * spec.vcpu);
    this.gauges();
    this.lb = createLoadBalancer(spec.loadBalancer, this.vms, sim.streams.get(`${spec.name}/routing`));
  }

  arrive(req: Request): void {
    this.stats.arrived(req);
    const vm = this.lb.pick();
    if (vm.inFlight < this.spec.maxConcurrency) {
      if (vm.inFlight === 0) {
        this.busyVms++;
        this.gauges();
      }
      this.serve(vm, req);
    } else if (vm.backlog.size < this.spec.queueLimit) {
      vm.backlog.push(req);
      this.queued++;
      this.stats.queued.set(this.sim.now, this.queued);
    } else {
      this.stats.rejected(req); // 503: backlog full
      return;
    }
    this.lb.changed(vm);
  }

  close(now: number): void {
    for (const vm of this.vms) this.billing.vmStopped(now, vm.bootedAt);
  }

  /** Starts `req` on `vm` (already counted busy). */
  private serve(vm: Vm, req: Request): void {
    const now = this.sim.now;
    this.stats.started(req, now - req.arrival, false);
    vm.inFlight++;
    this.inFlight++;
    this.stats.inFlight.set(now, this.inFlight);
    vm.server.submit(req.cpu, req);
  }

  /** The CPU phase is done: the I/O wait follows, then completion. */
  private afterCpu(vm: Vm, req: Request): void {
    if (req.io > 0) this.sim.schedule(req.io, () => this.finish(vm, req));
    else this.finish(vm, req);
  }

  private finish(vm: Vm, req: Request): void {
    const now = this.sim.now;
    vm.inFlight--;
    this.inFlight--;
    this.stats.inFlight.set(now, this.inFlight);
    if (now - req.arrival > this.spec.requestTimeout) this.stats.timedOut(req);
    else this.stats.completed(req, now);
    this.billing.egress(req.bytes);
    const next = vm.backlog.shift();
    if (next !== undefined) {
      this.queued--;
      this.stats.queued.set(now, this.queued);
      this.serve(vm, next); // the freed slot goes to the oldest waiting request
    } else if (vm.inFlight === 0) {
      this.busyVms--;
      this.gauges();
    }
    this.lb.changed(vm);
  }

  private gauges(): void {
    this.stats.instances(this.sim.now, 0, this.busyVms, this.spec.count - this.busyVms);
  }
}
