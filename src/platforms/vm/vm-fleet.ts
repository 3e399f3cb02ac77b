import { ComputeEngineBilling } from '../../billing/compute-engine-billing.js';
import { Ledger } from '../../billing/ledger.js';
import type { Simulation } from '../../engine/simulation.js';
import type { Rng } from '../../engine/streams.js';
import { PlatformStats } from '../../metrics/platform-stats.js';
import type { DistSpec, Distribution } from '../../random/distribution.js';
import { fromSpec } from '../../random/from-spec.js';
import type { ComputeEngineSpec, MigAutoscalingSpec, PreemptionSpec } from '../../scenario/types.js';
import type { Request } from '../../workload/request.js';
import { ProcessorSharingServer } from '../server/processor-sharing.js';
import { Deadlines } from '../deadlines.js';
import { fanOut } from '../../billing/fan-out.js';
import type { BillingVariant, PlatformModel } from '../platform.js';
import { createLoadBalancer, type LoadBalancer } from './load-balancer.js';
import { decideMig, type MigVm } from './mig-autoscaler.js';
import { planPreemption } from './spot.js';
import { Vm } from './vm.js';

/** Boot time of hand-built specs that leave `boot` out; models/compute-engine.json has the same default. */
const DEFAULT_BOOT: DistSpec = { dist: 'uniform', min: 25, max: 45 };

/**
 * A fleet of Compute Engine VMs behind a load balancer. Each VM serves up to
 * `maxConcurrency` requests at once on `min(vcpu, workers)` vCPU shared by processor sharing,
 * holds up to `queueLimit` more in a FIFO backlog, and answers 503 beyond that (also when no VM
 * is in service). The `count` VMs of time 0 are warm; all are billed whether busy or not.
 *
 * With `autoscaling` (mode "on" or "only-scale-out") a managed instance group autoscaler
 * (mig-autoscaler.ts) runs every `evaluationInterval`: new VMs boot for a draw of `boot`
 * (billed, state starting) and then join the load balancer; a VM to remove leaves the load
 * balancer, finishes what it holds (in flight and backlog), then stops and is billed with the
 * one-minute minimum. With `preemption.enabled`, each VM is preempted after an exponential time
 * (spot.ts): at the notice it leaves the load balancer, at the stop `noticePeriod` later what it
 * still holds fails (requests_failed), and with `restart` a new VM boots in its place.
 * Tests: test/platforms/vm/vm-fleet.test.ts, mig-autoscaler.test.ts, spot.test.ts.
 *
 * One VM with c workers, c vCPU, maxConcurrency c and an unbounded backlog is exactly an
 * M/M/c queue under Poisson arrivals and exponential CPU work (test/validation/mmc.test.ts).
 */
export class VmFleetPlatform implements PlatformModel {
  readonly stats: PlatformStats;
  readonly ledger = new Ledger();
  private readonly billing: ComputeEngineBilling;
  /** Every VM not stopped, in creation order. */
  private readonly vms: Vm[] = [];
  private readonly lb: LoadBalancer;
  private nextId = 0;
  /** VMs booting, and VMs booted and not stopped (serving, draining or under notice). */
  private startingVms = 0;
  private readyVms = 0;
  private busyVms = 0;
  private inFlight = 0;
  private queued = 0;
  private cpuBusy = 0;
  private readonly boot: Distribution;
  private readonly bootRng: Rng;
  /** Null when autoscaling is off: the fleet keeps its size (Spot restarts aside). */
  private readonly autoscaling: MigAutoscalingSpec | null;
  private readonly preemption: PreemptionSpec | null;
  private readonly preemptionRng: Rng;
  /** The autoscaler's recommendations within the scale-in stabilisation window, [time, count]. */
  private readonly history: [number, number][] = [];
  /** Accepted requests until they end; timed out at their deadline (deadlines.ts). */
  private readonly deadlines: Deadlines;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: ComputeEngineSpec,
    warmup: number,
    /** Other bills of the same lifecycle (the verdict's alternatives); their specs differ only in billing. */
    variants: readonly BillingVariant[] = [],
  ) {
    this.stats = new PlatformStats(warmup);
    this.deadlines = new Deadlines(sim, spec.requestTimeout, (req) => this.stats.timedOut(req));
    this.billing = fanOut([new ComputeEngineBilling(this.ledger, spec), ...variants.map((v) => v.bill(new ComputeEngineBilling(v.ledger, v.spec as ComputeEngineSpec)))]);
    // The external load balancer's latency; VMs reached on their own IP have no front end.
    if (spec.externalLoadBalancer === true && spec.frontEndLatency !== undefined) {
      this.stats.addFrontEnd(fromSpec(spec.frontEndLatency), sim.streams.get(`${spec.name}/front-end`));
    }
    this.boot = fromSpec(spec.boot ?? DEFAULT_BOOT);
    this.bootRng = sim.streams.get(`${spec.name}/boot`);
    const mode = spec.autoscaling?.mode ?? 'off';
    this.autoscaling = mode === 'off' ? null : spec.autoscaling!;
    this.preemption = spec.preemption?.enabled === true ? spec.preemption : null;
    this.preemptionRng = sim.streams.get(`${spec.name}/preemption`);
    for (let i = 0; i < spec.count; i++) this.createVm(true);
    this.gauges();
    this.lb = createLoadBalancer(spec.loadBalancer, this.vms, sim.streams.get(`${spec.name}/routing`));
    const autoscaling = this.autoscaling;
    if (autoscaling !== null) {
      const tick = (): void => {
        this.evaluate(autoscaling);
        sim.schedule(autoscaling.evaluationInterval, tick);
      };
      sim.schedule(autoscaling.evaluationInterval, tick);
    }
  }

  arrive(req: Request): void {
    this.stats.arrived(req);
    // The load balancer processes the request on its way in, whatever becomes of it.
    this.billing.inbound(req.requestBytes ?? 0);
    const vm = this.lb.pick();
    if (vm === undefined) {
      this.stats.rejected(req); // 503: no VM in service (all booting, draining or preempted)
      return;
    }
    if (vm.inFlight < this.spec.maxConcurrency) {
      if (vm.inFlight === 0) {
        this.busyVms++;
        this.gauges();
      }
      this.deadlines.hold(req);
      this.serve(vm, req);
    } else if (vm.backlog.size < this.spec.queueLimit) {
      this.deadlines.hold(req);
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
    for (const req of this.deadlines.values()) this.stats.unfinished(req);
    for (const vm of this.vms) this.billing.vmStopped(now, vm.bootedAt);
  }

  commitmentEligibleHours(now: number): number[] {
    return this.billing.hourlySpend.hours(now);
  }

  /** Starts `req` on `vm` (already counted busy). */
  private serve(vm: Vm, req: Request): void {
    const now = this.sim.now;
    this.stats.started(req, now - req.arrival, false);
    vm.inFlight++;
    vm.requests?.add(req);
    this.inFlight++;
    this.stats.inFlight.set(now, this.inFlight);
    vm.server.submit(req.cpu, req);
  }

  /** The CPU phase is done: the I/O wait follows, then completion. */
  private afterCpu(vm: Vm, req: Request): void {
    if (vm.state === 'stopped') return; // preempted: the request has failed already
    if (req.io > 0) this.sim.schedule(req.io, () => this.finish(vm, req));
    else this.finish(vm, req);
  }

  private finish(vm: Vm, req: Request): void {
    if (vm.state === 'stopped') return; // preempted during the I/O wait: failed already
    const now = this.sim.now;
    vm.requests?.delete(req);
    vm.inFlight--;
    this.inFlight--;
    this.stats.inFlight.set(now, this.inFlight);
    // Past its deadline the request was counted as timed out then; the VM still did the work.
    if (this.deadlines.settle(req)) this.stats.completed(req, now);
    this.billing.egress(req.bytes, now);
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
    if (vm.state === 'draining' && vm.connections === 0) this.stopVm(vm, false);
  }

  private gauges(): void {
    const now = this.sim.now;
    this.stats.instances(now, this.startingVms, this.busyVms, this.readyVms - this.busyVms);
    this.stats.cpuCapacity.set(now, (this.startingVms + this.readyVms) * this.spec.vcpu);
  }

  /** A new VM, billed from now: one of the `count` at time 0 (`initial`, in service at once) or a boot. */
  private createVm(initial: boolean): Vm {
    const now = this.sim.now;
    const server: ProcessorSharingServer<Request> = new ProcessorSharingServer<Request>(
      this.sim,
      Math.min(this.spec.vcpu, this.spec.workers),
      (req) => this.afterCpu(vm, req),
      (t, delta) => {
        if (vm.state === 'stopped') return; // work left on a preempted VM runs nowhere
        this.cpuBusy += delta;
        this.stats.cpuBusy.set(t, this.cpuBusy);
        if (this.autoscaling !== null) vm.cpuChanged(t, delta);
      },
      this.spec.maxConcurrency,
    );
    const vm = new Vm(this.nextId++, now, server, initial, this.preemption !== null);
    this.vms.push(vm);
    this.billing.vmStarted(now);
    this.stats.instanceStarted(now);
    if (initial) this.readyVms++;
    else {
      this.startingVms++;
      vm.boot = this.sim.schedule(this.boot.sample(this.bootRng), () => this.booted(vm));
    }
    if (this.preemption !== null) {
      const plan = planPreemption(this.preemption, now, this.preemptionRng);
      vm.notice = this.sim.at(plan.notice, () => this.noticed(vm));
    }
    return vm;
  }

  /** The boot is over: the VM joins the load balancer. */
  private booted(vm: Vm): void {
    vm.boot = null;
    vm.state = 'serving';
    vm.ready = true;
    vm.takeWindowMean(this.sim.now); // its utilisation counts from now
    this.startingVms--;
    this.readyVms++;
    this.lb.add(vm);
    this.gauges();
  }

  /** The autoscaler removes `vm`: no new requests; it stops once what it holds is done. */
  private drain(vm: Vm): void {
    this.lb.remove(vm);
    vm.state = 'draining';
    if (vm.connections === 0) this.stopVm(vm, false);
  }

  /** Spot preemption notice: out of the load balancer; it stops `noticePeriod` later. */
  private noticed(vm: Vm): void {
    const preemption = this.preemption!;
    vm.notice = null;
    this.sim.cancel(vm.boot); // a VM preempted while booting never serves
    vm.boot = null;
    this.lb.remove(vm);
    const restart = preemption.restart && vm.state !== 'draining'; // the autoscaler was removing it anyway
    if (vm.state !== 'draining') vm.state = 'noticed';
    vm.stop = this.sim.schedule(preemption.noticePeriod, () => {
      vm.stop = null;
      this.stopVm(vm, true);
      if (restart) {
        this.createVm(false);
        this.gauges();
      }
    });
  }

  /**
   * Stops `vm` and bills it. A drained VM holds nothing; a preempted one fails its requests in
   * flight and in its backlog.
   */
  private stopVm(vm: Vm, preempted: boolean): void {
    const now = this.sim.now;
    if (vm.ready) this.readyVms--;
    else this.startingVms--;
    if (vm.inFlight > 0) this.busyVms--;
    for (const req of vm.requests ?? []) if (this.deadlines.settle(req)) this.stats.failed(req);
    vm.requests?.clear();
    this.inFlight -= vm.inFlight;
    vm.inFlight = 0;
    this.stats.inFlight.set(now, this.inFlight);
    for (let req = vm.backlog.shift(); req !== undefined; req = vm.backlog.shift()) {
      if (this.deadlines.settle(req)) this.stats.failed(req);
      this.queued--;
    }
    this.stats.queued.set(now, this.queued);
    const computing = vm.server.busyVcpu;
    if (computing > 0) {
      this.cpuBusy -= computing;
      this.stats.cpuBusy.set(now, this.cpuBusy);
    }
    vm.state = 'stopped';
    this.lb.remove(vm);
    for (const event of [vm.boot, vm.notice, vm.stop]) this.sim.cancel(event);
    vm.boot = vm.notice = vm.stop = null;
    this.vms.splice(this.vms.indexOf(vm), 1);
    this.billing.vmStopped(now, vm.bootedAt, preempted);
    this.gauges();
  }

  /**
   * One autoscaler evaluation: each member's mean CPU utilisation since the last one, the pure
   * decision, then VMs started up to the target or drained down to it.
   */
  private evaluate(spec: MigAutoscalingSpec): void {
    const now = this.sim.now;
    const members: MigVm[] = [];
    const byId = new Map<number, Vm>();
    let returning = 0;
    for (const vm of this.vms) {
      const busy = vm.ready ? vm.takeWindowMean(now) : null;
      if (vm.state === 'noticed') {
        if (this.preemption?.restart === true) returning++;
        continue;
      }
      if (vm.state === 'draining') continue;
      byId.set(vm.id, vm);
      members.push({
        id: vm.id,
        createdAt: vm.initial ? -Infinity : vm.bootedAt,
        booting: !vm.ready,
        utilization: busy === null ? null : busy / this.spec.vcpu,
        connections: vm.connections,
      });
    }
    const decision = decideMig(spec, { vms: members, returning, history: this.history }, now);
    if (decision.state === 'no-data') return;
    const history = this.history;
    while (history.length > 0 && history[0]![0] <= now - spec.scaleInStabilization) history.shift();
    history.push([now, decision.recommended]);
    for (let size = members.length + returning; size < decision.target; size++) this.createVm(false);
    for (const id of decision.stop) {
      const vm = byId.get(id)!;
      if (vm.ready) this.drain(vm);
      else this.stopVm(vm, false); // still booting: nothing to finish
    }
    this.gauges();
  }
}
