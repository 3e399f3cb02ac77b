import { CloudRunBilling } from '../../billing/cloud-run-billing.js';
import { CloudRunBillingObserver, CloudRunIdleFeeObserver } from '../../billing/cloud-run-billing-observer.js';
import { Ledger } from '../../billing/ledger.js';
import type { ScheduledEvent, Simulation } from '../../engine/simulation.js';
import type { Rng } from '../../engine/streams.js';
import { PlatformStats } from '../../metrics/platform-stats.js';
import type { DistSpec, Distribution } from '../../random/distribution.js';
import { fromSpec } from '../../random/from-spec.js';
import type { CloudRunSpec } from '../../scenario/types.js';
import type { Request } from '../../workload/request.js';
import { Lifecycle, type LifecycleObserver } from '../lifecycle.js';
import type { BillingVariant, PlatformModel } from '../platform.js';
import { createServer } from '../server/create-server.js';
import { Deadlines } from '../shared/deadlines.js';
import { PendingQueue } from '../shared/pending-queue.js';
import { ServePath } from '../shared/serve-path.js';
import { boostedCpu } from './boost.js';
import { cloudRunPolicy } from './cloud-run-policy.js';
import { Instance } from './instance.js';
import { knativePolicy } from './knative-policy.js';
import { createRouter, type Router } from './router.js';
import { scalePerRequestPolicy } from './scale-per-request-policy.js';
import type { CloudRunControl, ScalingPolicy } from './scaling-policy.js';

/** The boost lasts this long after an instance is ready. */
const BOOST_AFTER_READY_S = 10;

/** The scaling policy of `autoscaler`, chosen once. */
function createPolicy(spec: CloudRunSpec, control: CloudRunControl, coldStartMean: number): ScalingPolicy {
  switch (spec.autoscaler) {
    case 'cloud-run':
      return cloudRunPolicy(spec, control, coldStartMean);
    case 'knative':
      return knativePolicy(spec, control);
    case 'scale-per-request':
      return scalePerRequestPolicy(spec, control, coldStartMean);
  }
}

/** The observers that bill `spec`'s lifecycle on `billing`: the idle fee only where it can be charged. */
function billObservers(billing: CloudRunBilling, spec: CloudRunSpec): LifecycleObserver[] {
  const bills: LifecycleObserver[] = [new CloudRunBillingObserver(billing, spec.billing, boostedCpu(spec.cpu))];
  if (billing.chargesIdle) bills.push(new CloudRunIdleFeeObserver(billing));
  return bills;
}

/** The latency Google's front end adds to each response (PlatformEntry.frontEnd), or null. */
export function cloudRunFrontEnd(spec: CloudRunSpec): DistSpec | null {
  return spec.frontEndLatency ?? null;
}

/**
 * Cloud Run: instances that start on demand with a cold start, serve up to `concurrency`
 * requests each on a shared CPU, scale with one of three policies (scaling-policy.ts) and go
 * away when idle. Requests are served on the path every platform shares
 * (src/platforms/shared/serve-path.ts); every state change is announced once through the
 * lifecycle (src/platforms/lifecycle.ts) to the statistics, each bill and the autoscaler's
 * collector.
 */
export class CloudRunPlatform implements PlatformModel, CloudRunControl {
  readonly stats: PlatformStats;
  readonly ledger = new Ledger();
  private readonly billing: CloudRunBilling;
  private readonly lifecycle: Lifecycle;
  private readonly policy: ScalingPolicy;
  private readonly path: ServePath<Instance>;
  private readonly router: Router<Instance>;
  /** Routing takes instance CPU into account (`routing: "cpu-aware"`). */
  private readonly cpuAware: boolean;
  private readonly pending = new PendingQueue();
  private readonly instances = new Set<Instance>();
  private readonly coldStart: Distribution;
  private readonly coldRng: Rng;
  /** SIGTERM to exit; null: the whole grace period (hand-built specs). */
  private readonly shutdown: Distribution | null;
  private readonly shutdownRng: Rng;
  private readonly appWarmup: Distribution | null;
  private readonly appWarmupRng: Rng;
  /** Dedicated CPU: the platform never lets in more requests than the unboosted vCPU serve. */
  private readonly maxConcurrent: number;
  private readonly pendingTimeout: number;
  /** `firstRequests`: the first this many requests of an instance carry `firstExtraCpu` more work. */
  private readonly firstCount: number;
  private readonly firstExtraCpu: number;
  private pendingTimer: ScheduledEvent | null = null;
  private nextId = 0;
  private startingCount = 0;
  private busy = 0;
  private idle = 0;
  private cpuBusy = 0;
  private cpuCounted = 0;
  /** Accepted requests until they end; timed out at their deadline (deadlines.ts). */
  private readonly deadlines: Deadlines;

  constructor(
    readonly sim: Simulation,
    private readonly spec: CloudRunSpec,
    warmup: number,
    /** Other bills of the same lifecycle (the verdict's alternatives); their specs differ only in billing. */
    variants: readonly BillingVariant[] = [],
    /** More observers of its lifecycle (a RecordingObserver in tests). */
    observers: readonly LifecycleObserver[] = [],
  ) {
    this.stats = new PlatformStats(warmup);
    this.deadlines = new Deadlines(sim, spec.requestTimeout, (req) => this.lifecycle.requestEnded(sim.now, req, 'timed-out'));
    this.billing = new CloudRunBilling(this.ledger, spec);
    const bills = billObservers(this.billing, spec);
    for (const v of variants) {
      const vspec = v.spec as CloudRunSpec;
      bills.push(...billObservers(v.bill(new CloudRunBilling(v.ledger, vspec)), vspec));
    }
    this.coldStart = fromSpec(spec.coldStart);
    this.coldRng = sim.streams.get(`${spec.name}/cold-start`);
    // Streams of their own, so that drawing them leaves every other stream's draws unchanged.
    this.shutdown = spec.shutdown === undefined ? null : fromSpec(spec.shutdown);
    this.shutdownRng = sim.streams.get(`${spec.name}/shutdown`);
    this.appWarmup = spec.appWarmup === undefined ? null : fromSpec(spec.appWarmup);
    this.appWarmupRng = sim.streams.get(`${spec.name}/app-warmup`);
    const frontEnd = cloudRunFrontEnd(spec);
    if (frontEnd !== null) this.stats.addFrontEnd(spec.name, frontEnd, sim.streams);
    this.policy = createPolicy(spec, this, this.coldStart.mean);
    this.lifecycle = new Lifecycle([this.stats, ...bills, ...this.policy.observers, ...observers]);
    this.path = new ServePath<Instance>(sim, this.lifecycle, this.deadlines, this.host);
    this.router = createRouter<Instance>(this.policy.routing, spec.concurrency, sim.streams.get(`${spec.name}/routing`));
    this.cpuAware = this.policy.routing === 'cpu-aware';
    // Dedicated only when even the unboosted capacity covers every request.
    this.maxConcurrent = spec.concurrency <= Math.min(spec.cpu, spec.workers) ? spec.concurrency : Infinity;
    this.pendingTimeout = this.policy.pendingTimeout;
    this.firstCount = spec.firstRequests?.count ?? 0;
    this.firstExtraCpu = spec.firstRequests?.extraCpu ?? 0;
    // Min instances at time 0: already running ("warm", a deployed service) or starting cold.
    const warm = spec.minInstancesStart === 'warm';
    for (let i = 0; i < this.policy.initialInstances; i++) {
      if (warm) this.warmInstance();
      else this.startInstance();
    }
    this.policy.start();
  }

  arrive(req: Request): void {
    this.lifecycle.requestArrived(this.sim.now, req);
    const inst = this.router.pick();
    if (inst !== null) {
      this.deadlines.hold(req);
      this.assign(inst, req, false);
      return;
    }
    this.policy.noSlot(req);
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

  // --- CloudRunControl (what the scaling policies see and do) -----------------------------

  active(): number {
    return this.startingCount + this.busy + this.idle;
  }

  ready(): number {
    return this.busy + this.idle;
  }

  starting(): number {
    return this.startingCount;
  }

  pendingSize(): number {
    return this.pending.size;
  }

  allInstances(): Iterable<Instance> {
    return this.instances;
  }

  hold(req: Request): void {
    this.deadlines.hold(req);
  }

  reject(req: Request): void {
    this.lifecycle.requestEnded(this.sim.now, req, 'rejected');
  }

  startInstance(): Instance | null {
    if (this.active() >= this.spec.maxInstances) return null;
    const now = this.sim.now;
    const spec = this.spec;
    const inst = this.newInstance(now, spec.startupCpuBoost ? boostedCpu(spec.cpu) : spec.cpu);
    this.startingCount++;
    this.lifecycle.instanceCreated(now, inst, true);
    if (spec.startupCpuBoost) {
      inst.boosted = true;
      this.lifecycle.boostChanged(now, inst, true);
    }
    this.gauges();
    let coldStart = this.coldStart.sample(this.coldRng);
    if (spec.startupCpuBoost) {
      // Startup CPU boost: the CPU-bound share of the start-up runs on the boosted vCPU.
      const f = spec.coldStartCpuFraction;
      coldStart *= 1 - f + (f * spec.cpu) / boostedCpu(spec.cpu);
    }
    // Port listening to app serving (`appWarmup`): an HTTP startup probe waits for it, so the
    // instance is ready later; the default TCP probe passes at the listen, so the instance takes
    // requests that then wait for the app.
    const warmup = this.appWarmup === null ? 0 : this.appWarmup.sample(this.appWarmupRng);
    if (spec.startupProbe === 'http') {
      coldStart += warmup;
      inst.servesFrom = now + coldStart;
    } else {
      inst.servesFrom = now + coldStart + warmup;
    }
    this.sim.schedule(coldStart, () => this.onReady(inst));
    return inst;
  }

  retire(inst: Instance): void {
    this.router.remove(inst);
    inst.expiry?.disarm();
    inst.state = 'stopping';
    this.idle--;
    this.countCpu(inst, 0);
    this.gauges();
    this.shutDown(inst);
  }

  /**
   * Knative scale-down of a busy instance: it leaves the routing at once, finishes what it has
   * in flight (the queue-proxy drains), then shuts down (released() calls shutDown). Its vCPU
   * stays in the utilisation denominator while it drains: it still computes (cpuBusy), and
   * taking the capacity out here put busy vCPU-seconds over no capacity (utilisation 1.013).
   */
  drain(inst: Instance): void {
    this.router.remove(inst);
    inst.state = 'stopping';
    this.busy--;
    this.gauges();
  }

  enqueue(req: Request): void {
    this.pending.push(req);
    this.lifecycle.queueChanged(this.sim.now, this.pending.size);
    if (this.pendingTimer === null) this.armPendingTimer();
  }

  // --- instance lifecycle -------------------------------------------------------------

  private newInstance(now: number, vcpu: number): Instance {
    const inst = new Instance(this.nextId++, now);
    inst.server = createServer(
      this.spec,
      this.sim,
      { vcpu, workers: this.spec.workers, maxConcurrent: this.maxConcurrent },
      {
        done: (req) => this.path.done(inst, req),
        // Called at every change of the instance's CPU use, a few times per request: the
        // routing's test is made once here, not at each call.
        busyChanged: this.cpuAware
          ? (t, delta) => {
              this.onCpu(t, delta);
              this.cpuLevel(inst);
            }
          : (t, delta) => this.onCpu(t, delta),
      },
    );
    this.instances.add(inst);
    return inst;
  }

  /** An instance that is running at time 0: ready at once, no start counted, no start-up billed. */
  private warmInstance(): void {
    const now = this.sim.now;
    const inst = this.newInstance(now, this.spec.cpu);
    // Running before the window: warmed up already.
    inst.served = this.firstCount;
    this.startingCount++;
    this.lifecycle.instanceCreated(now, inst, false);
    this.onReady(inst);
  }

  private onReady(inst: Instance): void {
    const now = this.sim.now;
    if (inst.boosted) {
      // The boost lasts 10 s past start-up (cloud.google.com/run/docs/configuring/services/cpu).
      this.sim.schedule(BOOST_AFTER_READY_S, () => this.endBoost(inst));
    }
    inst.state = 'ready';
    inst.idleSince = now;
    this.startingCount--;
    this.idle++;
    this.lifecycle.instanceReady(now, inst);
    // Utilisation is over the vCPU the instance has: the boosted vCPU while the boost lasts
    // (it computes at up to that rate then; counting 1 vCPU gave utilisations above 100 %).
    this.countCpu(inst, this.allocatedCpu(inst));
    this.router.add(inst);
    // Whether it took work, not `inFlight === 0` afterwards: a request of zero CPU and I/O
    // finishes inside assign(), and released() has then already turned the instance idle and
    // armed its expiry; doing it again here armed a second expiry, so a scale-per-request
    // instance was retired twice and the idle count went negative (fuzz seed 763586800).
    let took = false;
    const bound = inst.bound;
    if (bound !== null) {
      inst.bound = null;
      took = true;
      this.assign(inst, bound, true);
    }
    while (inst.inFlight < this.spec.concurrency && this.pending.size > 0) {
      took = true;
      this.assign(inst, this.dequeue()!, true);
    }
    if (!took) {
      // Started for a request that an older instance took meanwhile.
      this.lifecycle.instanceIdle(now, inst);
      this.gauges();
      this.policy.idled(inst);
    }
  }

  private shutDown(inst: Instance): void {
    // SIGTERM, then the process exits after `shutdown` (at most `shutdownGrace`, then SIGKILL),
    // billed under request-based billing.
    const exit = this.shutdown === null ? this.spec.shutdownGrace : Math.min(this.spec.shutdownGrace, this.shutdown.sample(this.shutdownRng));
    this.lifecycle.instanceStopping(this.sim.now, inst, exit);
    if (exit > 0) this.sim.schedule(exit, () => this.gone(inst));
    else this.gone(inst);
  }

  private gone(inst: Instance): void {
    this.endBoost(inst);
    this.lifecycle.instanceGone(this.sim.now, inst, false);
    this.instances.delete(inst);
  }

  // --- requests -------------------------------------------------------------------------

  /** Gives `req` to `inst`, which turns busy if it was idle. */
  private assign(inst: Instance, req: Request, cold: boolean): void {
    if (inst.inFlight === 0 && inst.state === 'ready') {
      this.idle--;
      this.busy++;
      inst.expiry?.disarm();
      this.lifecycle.instanceBusy(this.sim.now, inst);
      this.gauges();
    }
    this.path.serve(inst, req, cold);
  }

  /** The platform's side of the shared serving path. */
  private readonly host = {
    work: (inst: Instance, req: Request): number => {
      // A fresh instance: the first few requests carry extra CPU work (lazy imports, connection pools).
      return req.cpu + (inst.served++ < this.firstCount ? this.firstExtraCpu : 0);
    },
    started: (inst: Instance): void => this.router.changed(inst),
    alive: (): boolean => true,
    leaving: (): void => {},
    // Draining after a Knative scale-down: no new work.
    nextWaiting: (inst: Instance): Request | undefined => (inst.state === 'stopping' || this.pending.size === 0 ? undefined : this.dequeue()),
    released: (inst: Instance, handedOn: boolean): void => {
      if (inst.state === 'stopping') {
        // Gone once the last request is out.
        if (inst.inFlight === 0) {
          this.countCpu(inst, 0);
          this.shutDown(inst);
        }
        return;
      }
      // The freed slot went straight to the oldest waiting request: the instance stays busy.
      if (handedOn) return;
      this.router.changed(inst);
      if (inst.inFlight === 0) {
        inst.idleSince = this.sim.now;
        this.busy--;
        this.idle++;
        this.lifecycle.instanceIdle(this.sim.now, inst);
        this.gauges();
        this.policy.idled(inst);
      }
    },
  };

  private dequeue(): Request | undefined {
    const req = this.pending.shift();
    this.lifecycle.queueChanged(this.sim.now, this.pending.size);
    if (this.pending.size === 0) {
      this.sim.cancel(this.pendingTimer);
      this.pendingTimer = null;
    }
    return req;
  }

  /** One timer, for the oldest waiting request: FIFO with a common timeout expires in order. */
  private armPendingTimer(): void {
    const head = this.pending.peek();
    this.pendingTimer = head === undefined ? null : this.sim.at(Math.max(this.sim.now, head.arrival + this.pendingTimeout), () => this.expirePending());
  }

  private expirePending(): void {
    this.pendingTimer = null;
    const now = this.sim.now;
    for (let head = this.pending.peek(); head !== undefined && head.arrival + this.pendingTimeout <= now; head = this.pending.peek()) {
      this.pending.shift();
      if (this.deadlines.settle(head)) this.reject(head); // 429: no instance freed up in time
    }
    this.lifecycle.queueChanged(now, this.pending.size);
    this.armPendingTimer();
  }

  // --- bookkeeping ------------------------------------------------------------------------

  /** vCPU an instance has now: boosted during the startup CPU boost. */
  private allocatedCpu(inst: Instance): number {
    return inst.boosted ? boostedCpu(this.spec.cpu) : this.spec.cpu;
  }

  private endBoost(inst: Instance): void {
    if (!inst.boosted) return;
    // Back to the plain vCPU, if it still counts any (ready, or draining its last requests).
    if (inst.countedCpu > 0) this.countCpu(inst, this.spec.cpu);
    inst.server.setCapacity(this.spec.cpu);
    inst.boosted = false;
    this.lifecycle.boostChanged(this.sim.now, inst, false);
  }

  /** Sets the vCPU `inst` adds to the utilisation denominator. */
  private countCpu(inst: Instance, cpu: number): void {
    this.cpuCounted += cpu - inst.countedCpu;
    inst.countedCpu = cpu;
    this.lifecycle.cpuCapacityChanged(this.sim.now, this.cpuCounted);
  }

  /**
   * `cpu-aware` routing: an instance whose CPU can take no more work now (vCPU in use = its
   * vCPU, or all its workers computing) goes behind those with spare CPU. Google says only that
   * Cloud Run "might not send as many requests" to an instance whose CPU is "highly utilized"
   * (docs/gcp-facts.md); the instantaneous level is the most informed reading of that, the
   * default least-loaded routing (which ignores CPU) the least.
   */
  private cpuLevel(inst: Instance): void {
    const saturated = inst.server.busyVcpu >= Math.min(this.allocatedCpu(inst), this.spec.workers) - 1e-9;
    if (saturated === inst.cpuSaturated) return;
    inst.cpuSaturated = saturated;
    if (inst.state === 'ready') this.router.changed(inst);
  }

  private onCpu(now: number, delta: number): void {
    this.cpuBusy += delta;
    this.lifecycle.cpuInUseChanged(now, this.cpuBusy);
  }

  private gauges(): void {
    this.lifecycle.instanceCounts(this.sim.now, this.startingCount, this.busy, this.idle);
  }
}
