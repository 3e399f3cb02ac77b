import { Ledger } from '../../billing/ledger.js';
import type { Simulation } from '../../engine/simulation.js';
import { Timer } from '../../engine/timer.js';
import type { Rng } from '../../engine/streams.js';
import { PlatformStats } from '../../metrics/platform-stats.js';
import type { DistSpec, Distribution } from '../../random/distribution.js';
import { fromSpec } from '../../random/from-spec.js';
import type { LambdaSpec } from '../../scenario/types.js';
import type { Request } from '../../workload/request.js';
import { Lifecycle, type LifecycleObserver } from '../lifecycle.js';
import type { BillingVariant, PlatformModel } from '../platform.js';
import { createServer } from '../server/create-server.js';
import { Deadlines } from '../shared/deadlines.js';
import { IndexedHeap } from '../shared/indexed-heap.js';
import { ServePath, type ServeHost } from '../shared/serve-path.js';
import { LambdaBillingObserver } from './billing-observer.js';
import { Environment } from './environment.js';
import { TokenBucket } from './token-bucket.js';

/**
 * Which idle environment takes a request (AWS does not say): provisioned ones first (requests
 * beyond provisioned concurrency run on demand), then the most recently created ("newest", as
 * SimFaaS models AWS) or the one that became idle last ("most-recently-used"). Both leave the
 * oldest idle environments to expire.
 */
function routingOrder(spec: LambdaSpec): (a: Environment, b: Environment) => boolean {
  if (spec.routing === 'most-recently-used') {
    return (a, b) => (a.provisioned !== b.provisioned ? a.provisioned : a.idleSince > b.idleSince || (a.idleSince === b.idleSince && a.id > b.id));
  }
  return (a, b) => (a.provisioned !== b.provisioned ? a.provisioned : a.id > b.id);
}

/** The latency the function URL or API in front adds to each response (PlatformEntry.frontEnd), or null. */
export function lambdaFrontEnd(spec: LambdaSpec): DistSpec | null {
  return spec.frontEndLatency ?? null;
}

/**
 * AWS Lambda, one function (docs/aws-facts.md): execution environments that each serve one
 * request at a time.
 *
 * - A request takes an idle environment (routingOrder) or, if none, starts one of its own: a
 *   cold start of INIT (`coldStart`, drawn from `<name>/cold-start`), after which it runs there.
 * - Throttled (429, rejected at arrival): when `concurrencyLimit` executions are in flight or
 *   starting for a request, or when the scaling rate (1,000 environments per 10 s, a token
 *   bucket) has no environment left to start.
 * - An on-demand environment is reclaimed `keepAlive` after its last request; provisioned
 *   environments (`provisionedConcurrency`) exist from time 0 and never expire.
 * - CPU: an environment has memory / 1769 MiB vCPU (1,769 MB is one vCPU, up to 5.8 at
 *   10,240 MB). A request's CPU work runs on one thread, as on every platform of the simulator
 *   (the shared request server gives a request at most one vCPU: a Python handler under the
 *   GIL), so it computes at min(that, 1): below 1,769 MB slower in proportion (128 MB: 0.072
 *   vCPU, 30 ms of CPU take 415 ms), above it no faster. Then its I/O wait. A handler that
 *   computes on several threads would gain above 1,769 MB; the model does not offer that.
 * - Lambda stops an invocation `requestTimeout` after it started (INIT not counted): the client
 *   gets an error (timed out), the duration is billed to the timeout, and the environment is
 *   not reused (AWS resets it; modelled as reclaimed). One request per environment at a fixed
 *   vCPU, so the invocation's length is known when it starts: one that would overrun is served
 *   only up to the timeout (its CPU, then I/O, cut there), with no extra timer.
 *
 * Requests are served on the shared serving path (src/platforms/shared/serve-path.ts) over the
 * shared request server; Lambda has no client deadline of its own (its timeout is the
 * invocation's, above) and no waiting queue. Everything is announced once through the
 * lifecycle (src/platforms/lifecycle.ts): the output statistics and each bill
 * (billing-observer.ts, the verdict's alternatives too) observe it.
 */
export class LambdaPlatform implements PlatformModel {
  readonly stats: PlatformStats;
  readonly ledger = new Ledger();
  private readonly lifecycle: Lifecycle;
  private readonly billing: LambdaBillingObserver;
  private readonly deadlines: Deadlines;
  private readonly path: ServePath<Environment>;
  private readonly idle: IndexedHeap<Environment>;
  private readonly environments = new Set<Environment>();
  private readonly coldStart: Distribution;
  private readonly coldRng: Rng;
  private readonly scaling: TokenBucket;
  /** vCPU a request computes at: min(vCPU share, 1). */
  private readonly rate: number;
  private nextId = 0;
  private starting = 0;
  private busy = 0;
  private idleCount = 0;
  /** Requests held by an environment (starting for one, or in flight): Lambda's concurrency. */
  private executions = 0;
  private cpuBusy = 0;
  private cpuReady = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: LambdaSpec,
    warmup: number,
    /** Other bills of the same lifecycle (the verdict's alternatives); their specs differ only in billing. */
    variants: readonly BillingVariant[] = [],
    /** More observers of the lifecycle (a recorder in tests). */
    observers: readonly LifecycleObserver[] = [],
  ) {
    this.stats = new PlatformStats(warmup);
    this.billing = new LambdaBillingObserver(this.ledger, spec);
    const bills: LifecycleObserver[] = variants.map((v) => v.bill(new LambdaBillingObserver(v.ledger, v.spec as LambdaSpec)));
    this.lifecycle = new Lifecycle([this.stats, this.billing, ...bills, ...observers]);
    // No client deadline: Lambda's timeout stops the invocation (invoke, finish).
    this.deadlines = new Deadlines(sim, Infinity, () => {});
    this.path = new ServePath<Environment>(sim, this.lifecycle, this.deadlines, this.host);
    this.idle = new IndexedHeap<Environment>(routingOrder(spec));
    this.coldStart = fromSpec(spec.coldStart);
    this.coldRng = sim.streams.get(`${spec.name}/cold-start`);
    const frontEnd = lambdaFrontEnd(spec);
    if (frontEnd !== null) this.stats.addFrontEnd(spec.name, frontEnd, sim.streams);
    this.scaling = new TokenBucket(spec.scalingRate.environments, spec.scalingRate.per);
    this.rate = Math.min(spec.vcpu, 1);
    for (let i = 0; i < spec.provisionedConcurrency; i++) this.provision(spec.provisionedStart === 'cold');
  }

  arrive(req: Request): void {
    const now = this.sim.now;
    this.lifecycle.requestArrived(now, req);
    const env = this.idle.peek();
    if (env !== undefined) {
      this.deadlines.hold(req);
      this.executions++;
      this.invoke(env, req, false);
      return;
    }
    // No idle environment: a cold start, unless Lambda throttles (429).
    if (this.executions >= this.spec.concurrencyLimit || !this.scaling.take(now)) {
      this.lifecycle.requestEnded(now, req, 'rejected');
      return;
    }
    this.deadlines.hold(req);
    this.executions++;
    const fresh = this.create(false);
    fresh.request = req;
    this.sim.schedule(this.coldStart.sample(this.coldRng), () => this.ready(fresh));
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

  // --- environments ---------------------------------------------------------------------

  /** A new environment from now: starting its INIT (`started`), or already running (a warm provisioned one). */
  private create(provisioned: boolean, started = true): Environment {
    const env = new Environment(this.nextId++, this.sim.now, provisioned);
    env.server = createServer({ workers: 1 }, this.sim, { vcpu: this.spec.vcpu, workers: 1, maxConcurrent: 1 }, {
      done: (req) => (env.stopsAtTimeout ? this.stop(env) : this.path.done(env, req)),
      busyChanged: (now, delta) => this.onCpu(now, delta),
    });
    this.environments.add(env);
    this.starting++;
    this.lifecycle.instanceCreated(this.sim.now, env, started);
    this.counts();
    return env;
  }

  /** A provisioned environment at time 0: initialised before the window ("warm") or starting its INIT now ("cold"). */
  private provision(cold: boolean): void {
    const env = this.create(true, cold);
    if (cold) this.sim.schedule(this.coldStart.sample(this.coldRng), () => this.ready(env));
    else this.ready(env);
  }

  /** INIT is over: the environment serves the request it was started for, or waits idle. */
  private ready(env: Environment): void {
    const now = this.sim.now;
    this.starting--;
    this.lifecycle.instanceReady(now, env);
    this.setCpuReady(this.spec.vcpu);
    const bound = env.request;
    if (bound !== null) this.invoke(env, bound, true);
    else this.becomeIdle(env);
  }

  private becomeIdle(env: Environment): void {
    const now = this.sim.now;
    env.state = 'idle';
    env.idleSince = now;
    this.idleCount++;
    this.idle.add(env);
    this.lifecycle.instanceIdle(now, env);
    this.counts();
    if (!env.provisioned) {
      // One timer per environment, pushed back by each request (src/engine/timer.ts).
      env.expiry ??= new Timer(this.sim, () => this.reclaim(env));
      env.expiry.arm(now + this.spec.keepAlive);
    }
  }

  /** Keep-alive over, or stopped at a timeout: the environment goes. */
  private reclaim(env: Environment): void {
    const now = this.sim.now;
    env.expiry?.disarm();
    if (env.state === 'idle') {
      this.idle.remove(env);
      this.idleCount--;
    }
    this.environments.delete(env);
    this.setCpuReady(-this.spec.vcpu);
    this.lifecycle.instanceStopping(now, env, 0);
    this.lifecycle.instanceGone(now, env, false);
    this.counts();
  }

  // --- requests -------------------------------------------------------------------------

  /** The environment's side of the shared serving path: one request, no queue. */
  private readonly host: ServeHost<Environment> = {
    work: (_env, req) => req.cpu,
    started: () => {},
    alive: () => true,
    leaving: () => {},
    nextWaiting: () => undefined,
    released: (env) => {
      env.request = null;
      this.busy--;
      this.executions--;
      this.becomeIdle(env);
    },
  };

  /** Starts `req` on `env` (idle, or just ready for it). */
  private invoke(env: Environment, req: Request, cold: boolean): void {
    const now = this.sim.now;
    if (env.state === 'idle') {
      this.idle.remove(env);
      this.idleCount--;
      env.expiry?.disarm();
    }
    env.state = 'busy';
    env.request = req;
    this.busy++;
    this.lifecycle.instanceBusy(now, env);
    this.counts();
    // One request at rate min(vCPU share, 1): it lasts cpu / rate + io. One that would overrun
    // the timeout is served only up to it: its CPU, then I/O, cut at the timeout (stop() then).
    const timeout = this.spec.requestTimeout;
    const cpuTime = req.cpu / this.rate;
    if (cpuTime + req.io > timeout) {
      env.stopsAtTimeout = true;
      const cpu = Math.min(cpuTime, timeout);
      this.path.serve(env, { ...req, cpu: cpu * this.rate, io: timeout - cpu }, cold);
    } else {
      this.path.serve(env, req, cold);
    }
  }

  /** Lambda stops the invocation at its timeout: no response, the environment is not reused. */
  private stop(env: Environment): void {
    // The request as it arrived (what deadlines hold), not the cut copy the server ran (invoke).
    const req = env.request!;
    env.request = null;
    env.stopsAtTimeout = false;
    this.path.end(env, req, 'timed-out');
    this.busy--;
    this.executions--;
    this.reclaim(env);
  }

  // --- levels ---------------------------------------------------------------------------

  private onCpu(now: number, delta: number): void {
    this.cpuBusy += delta;
    this.lifecycle.cpuInUseChanged(now, this.cpuBusy);
  }

  /** vCPU of ready environments (the utilisation denominator) changes by `delta`. */
  private setCpuReady(delta: number): void {
    this.cpuReady += delta;
    this.lifecycle.cpuCapacityChanged(this.sim.now, this.cpuReady);
  }

  private counts(): void {
    this.lifecycle.instanceCounts(this.sim.now, this.starting, this.busy, this.idleCount);
  }
}
