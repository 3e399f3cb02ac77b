import { CloudRunBilling } from '../../billing/cloud-run-billing.js';
import { Ledger } from '../../billing/ledger.js';
import type { ScheduledEvent, Simulation } from '../../engine/simulation.js';
import type { Rng } from '../../engine/streams.js';
import { PlatformStats } from '../../metrics/platform-stats.js';
import type { Distribution } from '../../random/distribution.js';
import { fromSpec } from '../../random/from-spec.js';
import type { CloudRunSpec } from '../../scenario/types.js';
import type { Request } from '../../workload/request.js';
import { ProcessorSharingServer } from '../server/processor-sharing.js';
import { Deadlines } from '../deadlines.js';
import { fanOut } from '../../billing/fan-out.js';
import type { BillingVariant, PlatformModel } from '../platform.js';
import { decide, type ScalingSpec } from './autoscaler.js';
import { initialKnativeState, knativeDecide, knativePanicWindow, type KnativeSpec } from './knative.js';
import { MetricBuckets } from './metric-buckets.js';
import { Instance } from './instance.js';
import { MetricWindow } from './metric-window.js';
import { PendingQueue } from './pending-queue.js';
import { createRouter, type Router } from './router.js';

/** The boost lasts this long after an instance is ready. */
const BOOST_AFTER_READY_S = 10;

/** Startup CPU boost: 1 vCPU -> 2, 2 -> 4, 4 -> 8, 6 and 8 -> 8; below 1 vCPU doubled (assumption). */
export function boostedCpu(cpu: number): number {
  return Math.min(8, 2 * cpu);
}

/**
 * Cloud Run: instances that start on demand with a cold start, serve up to `concurrency`
 * requests each on a shared CPU, scale with one of two policies and go away when idle.
 *
 * - `cloud-run`: a request that finds no free slot waits in a FIFO pending queue (429 after
 *   the pending timeout) and starts an instance at once when the starting ones cannot absorb
 *   the queue; a metric loop every `evaluationInterval` applies the pure decider in
 *   autoscaler.ts (60 % targets over a 1-minute window, scale-in on the window's peak, idle
 *   cap `maxIdle`).
 * - `scale-per-request` (SimFaaS, AWS Lambda): a request takes the newest idle instance or
 *   starts one of its own; an instance expires `keepAlive` after its last request; beyond
 *   `maxInstances` requests are rejected at once.
 */
export class CloudRunPlatform implements PlatformModel {
  readonly stats: PlatformStats;
  readonly ledger = new Ledger();
  private readonly billing: CloudRunBilling;
  private readonly router: Router<Instance>;
  private readonly pending = new PendingQueue();
  private readonly instances = new Set<Instance>();
  private readonly coldStart: Distribution;
  private readonly coldRng: Rng;
  /** SIGTERM to exit; null: the whole grace period (hand-built specs). */
  private readonly shutdown: Distribution | null;
  private readonly shutdownRng: Rng;
  private readonly appWarmup: Distribution | null;
  private readonly appWarmupRng: Rng;
  private readonly capacity: number;
  /** Compute rate while starting and 10 s after: above `capacity` only with the startup CPU boost and more than one worker. */
  private readonly boostedCapacity: number;
  private readonly pendingTimeout: number;
  private pendingTimer: ScheduledEvent | null = null;
  /** Recommendations (and on-demand starts) as [time, instances], for scale-in. */
  private readonly scaleHistory: [number, number][] = [];
  private nextId = 0;
  private starting = 0;
  private busy = 0;
  private idle = 0;
  private inFlight = 0;
  private cpuBusy = 0;
  /** Accepted requests until they end; timed out at their deadline (deadlines.ts). */
  private readonly deadlines: Deadlines;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: CloudRunSpec,
    warmup: number,
    /** Other bills of the same lifecycle (the verdict's alternatives); their specs differ only in billing. */
    variants: readonly BillingVariant[] = [],
  ) {
    this.stats = new PlatformStats(warmup);
    this.deadlines = new Deadlines(sim, spec.requestTimeout, (req) => this.stats.timedOut(req));
    this.billing = fanOut([new CloudRunBilling(this.ledger, spec), ...variants.map((v) => v.bill(new CloudRunBilling(v.ledger, v.spec as CloudRunSpec)))]);
    this.coldStart = fromSpec(spec.coldStart);
    this.coldRng = sim.streams.get(`${spec.name}/cold-start`);
    // Streams of their own, so that drawing them leaves every other stream's draws unchanged.
    this.shutdown = spec.shutdown === undefined ? null : fromSpec(spec.shutdown);
    this.shutdownRng = sim.streams.get(`${spec.name}/shutdown`);
    this.appWarmup = spec.appWarmup === undefined ? null : fromSpec(spec.appWarmup);
    this.appWarmupRng = sim.streams.get(`${spec.name}/app-warmup`);
    if (spec.frontEndLatency !== undefined) this.stats.addFrontEnd(fromSpec(spec.frontEndLatency), sim.streams.get(`${spec.name}/front-end`));
    // scale-per-request always takes the newest idle instance (SimFaaS, AWS Lambda), whatever
    // `routing` says: it decides which instances expire (test/platforms/cloud-run/cloud-run.test.ts).
    const routing = spec.autoscaler === 'scale-per-request' ? 'newest' : spec.routing;
    this.router = createRouter<Instance>(routing, spec.concurrency, sim.streams.get(`${spec.name}/routing`));
    this.capacity = Math.min(spec.cpu, spec.workers);
    this.boostedCapacity = spec.startupCpuBoost ? Math.min(boostedCpu(spec.cpu), spec.workers) : this.capacity;
    // Container contract: a request waits up to max(10 s, 3.5 x mean start-up time). Knative's
    // activator holds a request up to the request timeout instead (then 503).
    this.pendingTimeout = spec.pendingTimeout ?? (spec.autoscaler === 'knative' ? spec.requestTimeout : Math.max(10, 3.5 * this.coldStart.mean));
    // Min instances at time 0: already running ("warm", a deployed service) or starting cold.
    const warm = spec.minInstancesStart === 'warm';
    // Knative starts a revision at its initial scale (default 1), min scale at least.
    const initial = spec.autoscaler === 'knative' ? Math.max(spec.minInstances, spec.knative.initialScale ?? 1) : spec.minInstances;
    for (let i = 0; i < initial; i++) {
      if (warm) this.warmInstance();
      else this.startInstance();
    }
    if (spec.autoscaler === 'cloud-run') this.startMetricLoop();
    if (spec.autoscaler === 'knative') this.startKnativeLoop();
  }

  arrive(req: Request): void {
    this.stats.arrived(req);
    const inst = this.router.pick();
    if (inst !== null) {
      this.deadlines.hold(req);
      this.assign(inst, req, false);
      return;
    }
    if (this.spec.autoscaler === 'scale-per-request') {
      const fresh = this.startInstance();
      if (fresh === null) this.stats.rejected(req);
      else {
        this.deadlines.hold(req);
        fresh.bound = req;
      }
      return;
    }
    this.deadlines.hold(req);
    this.enqueue(req);
    if (this.spec.autoscaler === 'knative') {
      // The activator holds the request; from zero it pokes the autoscaler at once, which
      // scales to at least the activation scale.
      if (this.active() === 0) for (let i = 0; i < (this.spec.knative.activationScale ?? 1); i++) this.startInstance();
      return;
    }
    // On-demand start: only when the instances already starting cannot take the whole queue.
    // The start counts as a recommendation, so scale-in keeps the instance for scaleInDelay.
    if (this.pending.size > this.starting * this.spec.concurrency && this.startInstance() !== null) {
      this.scaleHistory.push([this.sim.now, this.active()]);
    }
  }

  close(now: number): void {
    for (const req of this.deadlines.values()) this.stats.unfinished(req);
    for (const inst of this.instances) {
      if (inst.billableSince !== null) this.billing.billableEnd(now, inst.billableSince, inst.id);
      this.billing.instanceGone(now, inst.createdAt, inst.id);
    }
  }

  commitmentEligibleHours(now: number): number[] {
    return this.billing.hourlySpend.hours(now);
  }

  // --- instance lifecycle -------------------------------------------------------------

  private active(): number {
    return this.starting + this.busy + this.idle;
  }

  private startInstance(): Instance | null {
    if (this.active() >= this.spec.maxInstances) return null;
    const now = this.sim.now;
    const server: ProcessorSharingServer<Request> = new ProcessorSharingServer<Request>(
      this.sim,
      this.boostedCapacity,
      (req) => this.afterCpu(inst, req),
      (t, delta) => this.onCpu(t, delta),
      // Dedicated only when even the unboosted capacity covers every request.
      this.spec.concurrency <= this.capacity ? this.spec.concurrency : Infinity,
    );
    const inst = new Instance(this.nextId++, now, server);
    this.instances.add(inst);
    if (this.spec.startupCpuBoost) {
      inst.boosted = true;
      if (this.spec.billing === 'instance') this.setBoosted(+1);
    }
    this.starting++;
    this.gauges();
    this.stats.instanceStarted(now);
    this.billing.instanceCreated(now);
    this.beginBillable(inst);
    let coldStart = this.coldStart.sample(this.coldRng);
    if (this.spec.startupCpuBoost) {
      // Startup CPU boost: the CPU-bound share of the start-up runs on the boosted vCPU.
      const f = this.spec.coldStartCpuFraction;
      coldStart *= 1 - f + (f * this.spec.cpu) / boostedCpu(this.spec.cpu);
    }
    // Port listening to app serving (`appWarmup`): an HTTP startup probe waits for it, so the
    // instance is ready later; the default TCP probe passes at the listen, so the instance takes
    // requests that then wait for the app.
    const warmup = this.appWarmup === null ? 0 : this.appWarmup.sample(this.appWarmupRng);
    if (this.spec.startupProbe === 'http') {
      coldStart += warmup;
      inst.servesFrom = now + coldStart;
    } else {
      inst.servesFrom = now + coldStart + warmup;
    }
    this.sim.schedule(coldStart, () => this.onReady(inst));
    return inst;
  }

  /** An instance that is running at time 0: ready at once, no start counted, no start-up billed. */
  private warmInstance(): void {
    const now = this.sim.now;
    const server: ProcessorSharingServer<Request> = new ProcessorSharingServer<Request>(
      this.sim,
      this.capacity,
      (req) => this.afterCpu(inst, req),
      (t, delta) => this.onCpu(t, delta),
      this.spec.concurrency <= this.capacity ? this.spec.concurrency : Infinity,
    );
    const inst = new Instance(this.nextId++, now, server);
    // Running before the window: warmed up already.
    inst.served = this.spec.firstRequests?.count ?? 0;
    this.instances.add(inst);
    this.starting++;
    this.billing.instanceCreated(now);
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
    this.starting--;
    this.idle++;
    // Utilisation is over the vCPU the instance has: the boosted vCPU while the boost lasts
    // (it computes at up to that rate then; counting 1 vCPU gave utilisations above 100 %).
    this.countCpu(inst, this.allocatedCpu(inst));
    this.router.add(inst);
    // Whether it took work, not `inFlight === 0` afterwards: a request of zero CPU and I/O
    // finishes inside assign(), and finish() has then already turned the instance idle and
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
      this.endBillable(inst);
      this.gauges();
      this.armExpiry(inst);
    }
  }

  private retire(inst: Instance): void {
    this.router.remove(inst);
    this.sim.cancel(inst.expiry);
    inst.expiry = null;
    inst.state = 'stopping';
    this.idle--;
    this.countCpu(inst, 0);
    this.gauges();
    this.shutDown(inst);
  }

  /**
   * Knative scale-down of a busy instance: it leaves the routing at once, finishes what it has
   * in flight (the queue-proxy drains), then shuts down (finish() calls shutDown). Its vCPU
   * stays in the utilisation denominator while it drains: it still computes (cpuBusy), and
   * taking the capacity out here put busy vCPU-seconds over no capacity (utilisation 1.013).
   */
  private drain(inst: Instance): void {
    this.router.remove(inst);
    inst.state = 'stopping';
    this.busy--;
    this.gauges();
  }

  private shutDown(inst: Instance): void {
    // SIGTERM, then the process exits after `shutdown` (at most `shutdownGrace`, then SIGKILL),
    // billed under request-based billing.
    const exit = this.shutdown === null ? this.spec.shutdownGrace : Math.min(this.spec.shutdownGrace, this.shutdown.sample(this.shutdownRng));
    if (exit > 0) {
      this.beginBillable(inst);
      this.sim.schedule(exit, () => this.gone(inst));
    } else {
      this.gone(inst);
    }
  }

  private gone(inst: Instance): void {
    const now = this.sim.now;
    this.endBoost(inst);
    this.endBillable(inst);
    this.billing.instanceGone(now, inst.createdAt, inst.id);
    this.instances.delete(inst);
  }

  private armExpiry(inst: Instance): void {
    if (this.spec.autoscaler !== 'scale-per-request') return;
    // One expiry per instance: a second pending one would retire it twice.
    this.sim.cancel(inst.expiry);
    inst.expiry = this.sim.schedule(this.spec.keepAlive, () => {
      inst.expiry = null;
      if (this.active() > this.spec.minInstances) this.retire(inst);
    });
  }

  // --- requests -------------------------------------------------------------------------

  /** Gives `req` to `inst`, which turns busy if it was idle. */
  private assign(inst: Instance, req: Request, cold: boolean): void {
    if (inst.inFlight === 0 && inst.state === 'ready') {
      this.idle--;
      this.busy++;
      this.sim.cancel(inst.expiry);
      inst.expiry = null;
      this.beginBillable(inst);
      this.gauges();
    }
    this.serve(inst, req, cold);
  }

  /** Starts serving `req` on `inst` (already counted busy). */
  private serve(inst: Instance, req: Request, cold: boolean): void {
    const now = this.sim.now;
    this.stats.started(req, now - req.arrival, cold);
    this.billing.request(now);
    inst.inFlight++;
    this.router.changed(inst);
    this.inFlight++;
    this.stats.inFlight.set(now, this.inFlight);
    // A fresh instance: requests wait for an app that listens before it serves (TCP probe), and
    // the first few carry extra CPU work (lazy imports, connection pools).
    const extra = inst.served++ < (this.spec.firstRequests?.count ?? 0) ? (this.spec.firstRequests?.extraCpu ?? 0) : 0;
    const wait = inst.servesFrom - now;
    if (wait > 0) this.sim.schedule(wait, () => inst.server.submit(req.cpu + extra, req));
    else inst.server.submit(req.cpu + extra, req);
  }

  /** The CPU phase is done: the I/O wait follows, then completion. */
  private afterCpu(inst: Instance, req: Request): void {
    if (req.io > 0) this.sim.schedule(req.io, () => this.finish(inst, req));
    else this.finish(inst, req);
  }

  private finish(inst: Instance, req: Request): void {
    const now = this.sim.now;
    inst.inFlight--;
    this.inFlight--;
    this.stats.inFlight.set(now, this.inFlight);
    // Past its deadline the client gave up (504, counted then); the instance kept working until now.
    if (this.deadlines.settle(req)) this.stats.completed(req, now);
    this.billing.egress(req.bytes, now);
    if (inst.state === 'stopping') {
      // Draining after a Knative scale-down: no new work; gone once the last request is out.
      if (inst.inFlight === 0) {
        this.countCpu(inst, 0);
        this.shutDown(inst);
      }
      return;
    }
    if (this.pending.size > 0) {
      // The freed slot goes straight to the oldest waiting request: the instance stays busy.
      this.serve(inst, this.dequeue()!, false);
      return;
    }
    this.router.changed(inst);
    if (inst.inFlight === 0) {
      inst.idleSince = now;
      this.busy--;
      this.idle++;
      this.endBillable(inst);
      this.gauges();
      this.armExpiry(inst);
    }
  }

  private enqueue(req: Request): void {
    this.pending.push(req);
    this.stats.queued.set(this.sim.now, this.pending.size);
    if (this.pendingTimer === null) this.armPendingTimer();
  }

  private dequeue(): Request | undefined {
    const req = this.pending.shift();
    this.stats.queued.set(this.sim.now, this.pending.size);
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
      if (this.deadlines.settle(head)) this.stats.rejected(head); // 429: no instance freed up in time
    }
    this.stats.queued.set(now, this.pending.size);
    this.armPendingTimer();
  }

  // --- metric loop (autoscaler `cloud-run`) -------------------------------------------

  private startMetricLoop(): void {
    const spec = this.spec;
    const scaling: ScalingSpec = spec;
    const concurrencyWindow = new MetricWindow(spec.metricWindow);
    const cpuWindow = new MetricWindow(spec.metricWindow);
    const history = this.scaleHistory;
    const tick = (): void => {
      const now = this.sim.now;
      const concurrency = concurrencyWindow.push(now, this.stats.inFlight.integral(now) + this.stats.queued.integral(now));
      const cpu = cpuWindow.push(now, this.stats.cpuBusy.integral(now));
      const idle = [...this.instances].filter((i) => i.state === 'ready' && i.inFlight === 0);
      const decision = decide(scaling, { now, concurrency, cpu, active: this.active(), idle, history });
      if (decision.state === 'scale') {
        while (history.length > 0 && history[0]![0] <= now - spec.scaleInDelay) history.shift();
        history.push([now, decision.recommended]);
        for (let n = this.active(); n < decision.scaleUpTo; n++) this.startInstance();
        const byId = new Map(idle.map((i) => [i.id, i]));
        for (const id of decision.retire) this.retire(byId.get(id)!);
      }
      this.sim.schedule(spec.evaluationInterval, tick);
    };
    this.sim.schedule(spec.evaluationInterval, tick);
  }

  // --- Knative Pod Autoscaler (autoscaler `knative`) ------------------------------------

  private startKnativeLoop(): void {
    const spec = this.spec;
    const kpa: KnativeSpec = {
      ...spec.knative,
      containerConcurrency: spec.concurrency,
      minScale: spec.minInstances,
      maxScale: spec.maxInstances,
    };
    const buckets = new MetricBuckets(kpa.stableWindow);
    const panicWindow = knativePanicWindow(kpa);
    let state = initialKnativeState;
    const tick = (): void => {
      const now = this.sim.now;
      // Concurrency as the KPA sees it: requests in instances plus those the activator holds.
      buckets.recordIntegral(now, this.stats.inFlight.integral(now) + this.stats.queued.integral(now));
      const { decision, next } = knativeDecide(kpa, state, {
        now,
        stableConcurrency: buckets.windowAverage(now, kpa.stableWindow),
        panicConcurrency: buckets.windowAverage(now, panicWindow),
        readyPods: this.busy + this.idle,
      });
      state = next;
      if (decision.state === 'scale') {
        // From zero, at least the activation scale (`activation-scale`, default 1).
        const from0 = this.active() === 0 && decision.desired > 0;
        this.scaleTo(from0 ? Math.max(decision.desired, spec.knative.activationScale ?? 1) : decision.desired);
      }
      this.sim.schedule(kpa.tickInterval, tick);
    };
    this.sim.schedule(kpa.tickInterval, tick);
  }

  /**
   * Starts instances up to `desired`, or removes ready ones down to it. Kubernetes' ReplicaSet
   * deletes the most recently started pods first, busy or not (knative/serving does not look at
   * in-flight requests), so the newest ready instances go: idle ones at once, busy ones drain.
   */
  private scaleTo(desired: number): void {
    for (let n = this.active(); n < desired; n++) this.startInstance();
    let surplus = this.active() - desired;
    if (surplus <= 0) return;
    const ready = [...this.instances].filter((i) => i.state === 'ready').sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    for (const inst of ready) {
      if (surplus-- <= 0) break;
      if (inst.inFlight === 0) this.retire(inst);
      else this.drain(inst);
    }
  }

  // --- bookkeeping ------------------------------------------------------------------------

  private beginBillable(inst: Instance): void {
    if (inst.billableSince !== null) return;
    inst.billableSince = this.sim.now;
    this.billing.billableStart(this.sim.now);
    if (inst.boosted && this.spec.billing === 'request') this.setBoosted(+1);
  }

  private endBillable(inst: Instance): void {
    if (inst.billableSince === null) return;
    this.billing.billableEnd(this.sim.now, inst.billableSince, inst.id);
    inst.billableSince = null;
    if (inst.boosted && this.spec.billing === 'request') this.setBoosted(-1);
  }

  /** Instances billed at the boosted vCPU (boosted and billable, or boosted and existing). */
  private boostedBilled = 0;

  private setBoosted(delta: number): void {
    this.boostedBilled += delta;
    this.billing.boostedInstances(this.sim.now, this.boostedBilled, boostedCpu(this.spec.cpu));
  }

  /** vCPU an instance has now: boosted during the startup CPU boost. */
  private allocatedCpu(inst: Instance): number {
    return inst.boosted ? boostedCpu(this.spec.cpu) : this.spec.cpu;
  }

  private endBoost(inst: Instance): void {
    if (!inst.boosted) return;
    // Back to the plain vCPU, if it still counts any (ready, or draining its last requests).
    if (inst.countedCpu > 0) this.countCpu(inst, this.spec.cpu);
    inst.server.setCapacity(this.capacity);
    const billed = this.spec.billing === 'instance' || inst.billableSince !== null;
    inst.boosted = false;
    if (billed) this.setBoosted(-1);
  }

  /** Sets the vCPU `inst` adds to the utilisation denominator (stats.cpuCapacity). */
  private countCpu(inst: Instance, cpu: number): void {
    this.stats.cpuCapacity.add(this.sim.now, cpu - inst.countedCpu);
    inst.countedCpu = cpu;
  }

  private onCpu(now: number, delta: number): void {
    this.cpuBusy += delta;
    this.stats.cpuBusy.set(now, this.cpuBusy);
  }

  private gauges(): void {
    const now = this.sim.now;
    this.stats.instances(now, this.starting, this.busy, this.idle);
    this.billing.idleInstances(now, this.idle, this.busy);
  }
}
