import type { LifecycleInstance, LifecycleObserver } from '../platforms/lifecycle.js';
import type { Request } from '../workload/request.js';
import type { CloudRunBilling } from './cloud-run-billing.js';

/** What one bill knows of one instance: its open billable stretch and its boost. */
interface Billed {
  readonly inst: LifecycleInstance;
  /** Start of the current billable stretch, or null when not billable. */
  since: number | null;
  boosted: boolean;
}

/**
 * Cloud Run's billable time from an instance's lifecycle (docs/gcp-facts.md, "Cloud Run:
 * pricing"), fed to one CloudRunBilling: under request-based billing an instance is billable
 * while it starts (from creation to ready), while at least one request is in flight, and while
 * it shuts down (SIGTERM to exit); under instance-based billing from creation to gone. The
 * startup CPU boost is billed on the instances both boosted and billed (request-based: billable;
 * instance-based: existing). One observer per bill: the verdict's alternative bills are more of
 * these on the same lifecycle (test/verdict/alternatives.test.ts).
 */
export class CloudRunBillingObserver implements LifecycleObserver {
  /**
   * Instances that exist, by id (ids count 0, 1, 2, ... per platform, so this is creation
   * order, which the end of the run closes them in); a gone one leaves a hole. An array, not a
   * Map keyed by instance: busy and idle come about once per request, and the Map's identity
   * hashing showed in profiles.
   */
  private readonly billed: (Billed | undefined)[] = [];
  private readonly requestBased: boolean;
  /** Instances billed at the boosted vCPU now. */
  private boostedBilled = 0;

  /** @param boostedCpu vCPU of an instance while its startup CPU boost lasts. */
  constructor(
    readonly billing: CloudRunBilling,
    billingMode: 'request' | 'instance',
    private readonly boostedCpu: number,
  ) {
    this.requestBased = billingMode === 'request';
  }

  instanceCreated(now: number, inst: LifecycleInstance, started: boolean): void {
    const b: Billed = { inst, since: null, boosted: false };
    this.billed[inst.id] = b;
    this.billing.instanceCreated(now);
    // A start-up is billable; an instance running at time 0 is billed from its first request.
    if (started) this.begin(now, b);
  }

  instanceBusy(now: number, inst: LifecycleInstance): void {
    this.begin(now, this.billed[inst.id]!);
  }

  instanceIdle(now: number, inst: LifecycleInstance): void {
    this.end(now, this.billed[inst.id]!);
  }

  instanceStopping(now: number, inst: LifecycleInstance, exit: number): void {
    // The shutdown is billed (request-based too); an instant exit bills nothing.
    if (exit > 0) this.begin(now, this.billed[inst.id]!);
  }

  instanceGone(now: number, inst: LifecycleInstance): void {
    const b = this.billed[inst.id]!;
    this.end(now, b);
    this.billing.instanceGone(now, inst.createdAt, inst.id);
    this.billed[inst.id] = undefined;
  }

  boostChanged(now: number, inst: LifecycleInstance, on: boolean): void {
    const b = this.billed[inst.id]!;
    b.boosted = on;
    if (!this.requestBased || b.since !== null) this.setBoosted(now, on ? +1 : -1);
  }

  requestStarted(now: number): void {
    this.billing.request(now);
  }

  requestServed(now: number, req: Request): void {
    this.billing.egress(req.bytes, now);
  }

  runEnded(now: number): void {
    for (const b of this.billed) {
      if (b === undefined) continue;
      if (b.since !== null) this.billing.billableEnd(now, b.since, b.inst.id);
      this.billing.instanceGone(now, b.inst.createdAt, b.inst.id);
    }
  }

  private begin(now: number, b: Billed): void {
    if (b.since !== null) return;
    b.since = now;
    this.billing.billableStart(now);
    if (b.boosted && this.requestBased) this.setBoosted(now, +1);
  }

  private end(now: number, b: Billed): void {
    if (b.since === null) return;
    this.billing.billableEnd(now, b.since, b.inst.id);
    b.since = null;
    if (b.boosted && this.requestBased) this.setBoosted(now, -1);
  }

  private setBoosted(now: number, delta: number): void {
    this.boostedBilled += delta;
    this.billing.boostedInstances(now, this.boostedBilled, this.boostedCpu);
  }
}

/**
 * The idle fee of min instances (request-based billing) from the platform's instance counts.
 * An observer of its own, added only to a bill that can charge it (CloudRunBilling.chargesIdle):
 * the counts change about once per request (each instance turns busy and idle again), and
 * without min instances every call set the idle rate to the 0 it already was.
 */
export class CloudRunIdleFeeObserver implements LifecycleObserver {
  constructor(readonly billing: CloudRunBilling) {}

  instanceCounts(now: number, _starting: number, busy: number, idle: number): void {
    this.billing.idleInstances(now, idle, busy);
  }
}
