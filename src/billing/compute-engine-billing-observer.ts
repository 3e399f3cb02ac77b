import type { LifecycleInstance, LifecycleObserver } from '../platforms/lifecycle.js';
import type { Request } from '../workload/request.js';
import type { ComputeEngineBilling } from './compute-engine-billing.js';

/**
 * Compute Engine's billable time from a VM fleet's lifecycle, fed to one ComputeEngineBilling:
 * a VM is billed from creation (its boot included) to gone, busy or not; a preempted Spot VM by
 * the Spot rules; request and response bytes through the load balancer. One observer per bill.
 */
export class ComputeEngineBillingObserver implements LifecycleObserver {
  /** VMs that exist, in creation order (the end of the run stops them in that order). */
  private readonly running = new Set<LifecycleInstance>();

  constructor(readonly billing: ComputeEngineBilling) {}

  instanceCreated(now: number, vm: LifecycleInstance): void {
    this.running.add(vm);
    this.billing.vmStarted(now);
  }

  instanceGone(now: number, vm: LifecycleInstance, preempted: boolean): void {
    this.running.delete(vm);
    this.billing.vmStopped(now, vm.createdAt, preempted);
  }

  requestArrived(_now: number, req: Request): void {
    // The load balancer processes the request on its way in, whatever becomes of it.
    this.billing.inbound(req.requestBytes ?? 0);
  }

  requestServed(now: number, req: Request): void {
    this.billing.egress(req.bytes, now);
  }

  runEnded(now: number): void {
    for (const vm of this.running) this.billing.vmStopped(now, vm.createdAt);
  }
}
