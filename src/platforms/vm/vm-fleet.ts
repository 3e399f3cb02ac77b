import { ComputeEngineBilling } from '../../billing/compute-engine-billing.js';
import { ComputeEngineBillingObserver } from '../../billing/compute-engine-billing-observer.js';
import { Ledger } from '../../billing/ledger.js';
import type { Simulation } from '../../engine/simulation.js';
import type { Rng } from '../../engine/streams.js';
import { PlatformStats } from '../../metrics/platform-stats.js';
import type { DistSpec, Distribution } from '../../random/distribution.js';
import { fromSpec } from '../../random/from-spec.js';
import type { ComputeEngineSpec, MigAutoscalingSpec, PreemptionSpec } from '../../scenario/types.js';
import type { Request } from '../../workload/request.js';
import { Lifecycle, type LifecycleObserver } from '../lifecycle.js';
import type { BillingVariant, PlatformModel } from '../platform.js';
import { createServer } from '../server/create-server.js';
import { Deadlines } from '../shared/deadlines.js';
import { ServePath } from '../shared/serve-path.js';
import { createLoadBalancer, type LoadBalancer } from './load-balancer.js';
import { decideMig, type MigVm } from './mig-autoscaler.js';
import { MigCollector } from './mig-collector.js';
import { planPreemption } from './spot.js';
import { Vm } from './vm.js';

/** Boot time of hand-built specs that leave `boot` out; models/compute-engine.json has the same default. */
const DEFAULT_BOOT: DistSpec = { dist: 'uniform', min: 25, max: 45 };

/**
 * The external load balancer's latency on each response (PlatformEntry.frontEnd), or null:
 * VMs reached on their own IP have no front end.
 */
export function vmFrontEnd(spec: ComputeEngineSpec): DistSpec | null {
  return spec.externalLoadBalancer === true ? (spec.frontEndLatency ?? null) : null;
}

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
  private readonly lifecycle: Lifecycle;
  private readonly path: ServePath<Vm>;
  /** Every VM not stopped, in creation order. */
  private readonly vms: Vm[] = [];
  private readonly lb: LoadBalancer;
  private nextId = 0;
  /** VMs booting, and VMs booted and not stopped (serving, draining or under notice). */
  private startingVms = 0;
  private readyVms = 0;
  private busyVms = 0;
  private queued = 0;
  private cpuBusy = 0;
  private readonly boot: Distribution;
  private readonly bootRng: Rng;
  /** Null when autoscaling is off: the fleet keeps its size (Spot restarts aside). */
  private readonly autoscaling: MigAutoscalingSpec | null;
  /** Each VM's CPU utilisation over the autoscaler's windows; null when autoscaling is off. */
  private readonly collector: MigCollector | null;
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
    /** More observers of its lifecycle (a RecordingObserver in tests). */
    observers: readonly LifecycleObserver[] = [],
  ) {
    this.stats = new PlatformStats(warmup);
    this.deadlines = new Deadlines(sim, spec.requestTimeout, (req) => this.lifecycle.requestEnded(sim.now, req, 'timed-out'));
    this.billing = new ComputeEngineBilling(this.ledger, spec);
    const bills: LifecycleObserver[] = [new ComputeEngineBillingObserver(this.billing)];
    for (const v of variants) bills.push(new ComputeEngineBillingObserver(v.bill(new ComputeEngineBilling(v.ledger, v.spec as ComputeEngineSpec))));
    const mode = spec.autoscaling?.mode ?? 'off';
    this.autoscaling = mode === 'off' ? null : spec.autoscaling!;
    this.collector = this.autoscaling === null ? null : new MigCollector();
    const collectors = this.collector === null ? [] : [this.collector];
    this.lifecycle = new Lifecycle([this.stats, ...bills, ...collectors, ...observers]);
    this.path = new ServePath<Vm>(sim, this.lifecycle, this.deadlines, this.host);
    const frontEnd = vmFrontEnd(spec);
    if (frontEnd !== null) this.stats.addFrontEnd(spec.name, frontEnd, sim.streams);
    this.boot = fromSpec(spec.boot ?? DEFAULT_BOOT);
    this.bootRng = sim.streams.get(`${spec.name}/boot`);
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
    const now = this.sim.now;
    this.lifecycle.requestArrived(now, req);
    const vm = this.lb.pick();
    if (vm === undefined) {
      this.lifecycle.requestEnded(now, req, 'rejected'); // 503: no VM in service (all booting, draining or preempted)
      return;
    }
    if (vm.inFlight < this.spec.maxConcurrency) {
      if (vm.inFlight === 0) {
        this.busyVms++;
        this.gauges();
      }
      this.deadlines.hold(req);
      this.path.serve(vm, req, false);
    } else if (vm.backlog.size < this.spec.queueLimit) {
      this.deadlines.hold(req);
      vm.backlog.push(req);
      this.queued++;
      this.lifecycle.queueChanged(now, this.queued);
    } else {
      this.lifecycle.requestEnded(now, req, 'rejected'); // 503: backlog full
      return;
    }
    this.lb.changed(vm);
  }

  close(now: number): void {
    for (const req of this.deadlines.values()) this.lifecycle.requestEnded(now, req, 'unfinished');
    this.lifecycle.runEnded(now);
  }

  perMonthCorrection(now: number): number {
    return this.billing.perMonthCorrection(now);
  }

  commitmentEligibleHours(now: number): number[] {
    return this.billing.hourlySpend.hours(now);
  }

  /** The fleet's side of the shared serving path. */
  private readonly host = {
    work: (_vm: Vm, req: Request): number => req.cpu,
    started: (vm: Vm, req: Request): void => {
      vm.requests?.add(req);
    },
    // A preempted VM's requests have failed already; what it still finishes counts for nothing.
    alive: (vm: Vm): boolean => vm.state !== 'stopped',
    leaving: (vm: Vm, req: Request): void => {
      vm.requests?.delete(req);
    },
    nextWaiting: (vm: Vm): Request | undefined => {
      const next = vm.backlog.shift();
      if (next !== undefined) {
        this.queued--;
        this.lifecycle.queueChanged(this.sim.now, this.queued);
      }
      return next;
    },
    released: (vm: Vm, handedOn: boolean): void => {
      if (!handedOn && vm.inFlight === 0) {
        this.busyVms--;
        this.gauges();
      }
      this.lb.changed(vm);
      if (vm.state === 'draining' && vm.connections === 0) this.stopVm(vm, false);
    },
  };

  private gauges(): void {
    const now = this.sim.now;
    this.lifecycle.instanceCounts(now, this.startingVms, this.busyVms, this.readyVms - this.busyVms);
    this.lifecycle.cpuCapacityChanged(now, (this.startingVms + this.readyVms) * this.spec.vcpu);
  }

  /** A new VM, billed from now: one of the `count` at time 0 (`initial`, in service at once) or a boot. */
  private createVm(initial: boolean): Vm {
    const now = this.sim.now;
    const vm = new Vm(this.nextId++, now, initial, this.preemption !== null);
    vm.server = createServer(
      this.spec,
      this.sim,
      { vcpu: this.spec.vcpu, workers: this.spec.workers, maxConcurrent: this.spec.maxConcurrency },
      {
        done: (req) => this.path.done(vm, req),
        busyChanged: (t, delta) => {
          if (vm.state === 'stopped') return; // work left on a preempted VM runs nowhere
          this.cpuBusy += delta;
          this.lifecycle.cpuInUseChanged(t, this.cpuBusy);
          this.collector?.cpuChanged(vm, t, delta);
        },
      },
    );
    this.vms.push(vm);
    this.lifecycle.instanceCreated(now, vm, true);
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
    this.lifecycle.instanceReady(this.sim.now, vm);
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
    this.path.drop(vm, vm.requests ?? []);
    vm.requests?.clear();
    for (let req = vm.backlog.shift(); req !== undefined; req = vm.backlog.shift()) {
      if (this.deadlines.settle(req)) this.lifecycle.requestEnded(now, req, 'failed');
      this.queued--;
    }
    this.lifecycle.queueChanged(now, this.queued);
    const computing = vm.server.busyVcpu;
    if (computing > 0) {
      this.cpuBusy -= computing;
      this.lifecycle.cpuInUseChanged(now, this.cpuBusy);
    }
    vm.state = 'stopped';
    this.lb.remove(vm);
    for (const event of [vm.boot, vm.notice, vm.stop]) this.sim.cancel(event);
    vm.boot = vm.notice = vm.stop = null;
    this.vms.splice(this.vms.indexOf(vm), 1);
    this.lifecycle.instanceGone(now, vm, preempted);
    this.gauges();
  }

  /**
   * One autoscaler evaluation: each member's mean CPU utilisation since the last one, the pure
   * decision, then VMs started up to the target or drained down to it.
   */
  private evaluate(spec: MigAutoscalingSpec): void {
    const now = this.sim.now;
    const collector = this.collector!;
    const members: MigVm[] = [];
    const byId = new Map<number, Vm>();
    let returning = 0;
    for (const vm of this.vms) {
      const busy = vm.ready ? collector.windowMean(vm, now) : null;
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
