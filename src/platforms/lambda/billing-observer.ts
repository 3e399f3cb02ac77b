import type { Ledger } from '../../billing/ledger.js';
import type { LambdaSpec } from '../../scenario/types.js';
import type { Request } from '../../workload/request.js';
import type { LifecycleInstance, LifecycleObserver } from '../lifecycle.js';
import { LambdaBilling } from './billing.js';

/** What the Lambda platform's instances tell their observers beyond LifecycleInstance. */
export interface LambdaInstance extends LifecycleInstance {
  /** A provisioned-concurrency environment: its invocations cost the provisioned duration price, its INIT is not billed as duration. */
  readonly provisioned: boolean;
}

interface Open {
  readonly provisioned: boolean;
  /** INIT seconds not yet billed (billed with the environment's first invocation). */
  init: number;
  /** Start of the invocation in flight, or NaN. */
  busySince: number;
}

/**
 * One Lambda bill (src/platforms/lambda/billing.ts) fed by the platform's lifecycle: an
 * execution environment serves one request at a time, so an invocation is exactly an
 * environment's busy stretch: busy at its start, idle at its end, or stopping when Lambda
 * kills it at its timeout (billed to the timeout). A cold start's INIT (created to ready) is
 * billed with the environment's first invocation, as AWS's REPORT line does since 2025-08-01
 * (`initBilled`); a provisioned environment's INIT is covered by the provisioned price. Request
 * fees at each start (a throttled request never starts: not billed), egress at each response.
 * Tests: test/platforms/lambda/lambda.test.ts (exact bills of short event sequences).
 */
export class LambdaBillingObserver implements LifecycleObserver {
  readonly billing: LambdaBilling;
  private readonly open = new Map<number, Open>();

  constructor(
    ledger: Ledger,
    private readonly spec: LambdaSpec,
  ) {
    this.billing = new LambdaBilling(ledger, spec);
  }

  perMonthCorrection(now: number): number {
    return this.billing.perMonthCorrection(now);
  }

  get hourlySpend(): LambdaBilling['hourlySpend'] {
    return this.billing.hourlySpend;
  }

  instanceCreated(_now: number, inst: LifecycleInstance): void {
    this.open.set(inst.id, { provisioned: (inst as LambdaInstance).provisioned, init: 0, busySince: NaN });
  }

  instanceReady(now: number, inst: LifecycleInstance): void {
    const e = this.open.get(inst.id)!;
    if (this.spec.initBilled && !e.provisioned) e.init = now - inst.createdAt;
  }

  instanceBusy(now: number, inst: LifecycleInstance): void {
    this.open.get(inst.id)!.busySince = now;
  }

  instanceIdle(now: number, inst: LifecycleInstance): void {
    this.endInvocation(now, this.open.get(inst.id)!);
  }

  instanceStopping(now: number, inst: LifecycleInstance): void {
    this.endInvocation(now, this.open.get(inst.id)!);
  }

  instanceGone(_now: number, inst: LifecycleInstance): void {
    this.open.delete(inst.id);
  }

  requestStarted(now: number): void {
    this.billing.request(now);
  }

  requestServed(now: number, req: Request): void {
    this.billing.egress(req.bytes, now);
  }

  /** The run ends: invocations in flight are billed to now, and provisioned concurrency closed. */
  runEnded(now: number): void {
    for (const e of this.open.values()) this.endInvocation(now, e);
    this.billing.close(now);
  }

  private endInvocation(now: number, e: Open): void {
    if (Number.isNaN(e.busySince)) return;
    this.billing.invocation(now, now - e.busySince + e.init, e.provisioned);
    e.init = 0;
    e.busySince = NaN;
  }
}
