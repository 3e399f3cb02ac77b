import type { CloudRunSpec } from '../scenario/types.js';
import type { Ledger } from './ledger.js';
import { GIB, roundUpTo100ms } from './rounding.js';

/** Instance-based billing charges at least this long per instance. */
const INSTANCE_MINIMUM_S = 60;

/**
 * Cloud Run's billing rules over one platform's instances (reference/gcp-facts.md, "Cloud Run:
 * pricing"). The platform reports instance events; this class turns them into ledger rates and
 * lumps. All instances of a service are alike, so rates are (integer count) x (per-instance
 * rate): no drift however often the count changes.
 *
 * Request-based: an instance is billable while starting, while shutting down, and while at
 * least one request is in flight (overlapping requests once). Each billable stretch is rounded
 * up to 100 ms. Min instances between requests cost the idle rate. $0.40 per million requests.
 * Instance-based: from creation to termination, at least one minute, rounded up to 100 ms;
 * no request fee.
 */
export class CloudRunBilling {
  private billable = 0;
  private existing = 0;
  private readonly requestBased: boolean;
  private readonly cpuRate: number;
  private readonly memoryRate: number;
  private readonly idleRate: number;

  constructor(
    private readonly ledger: Ledger,
    private readonly spec: CloudRunSpec,
  ) {
    const p = spec.prices;
    this.requestBased = spec.billing === 'request';
    this.cpuRate = spec.cpu * (this.requestBased ? p.cpuSecond : p.instanceCpuSecond);
    this.memoryRate = spec.memoryGiB * (this.requestBased ? p.memoryGiBSecond : p.instanceMemoryGiBSecond);
    this.idleRate = spec.cpu * p.idleCpuSecond + spec.memoryGiB * p.idleMemoryGiBSecond;
  }

  /** An instance became billable (request-based: starting, first request in, or stopping). */
  billableStart(now: number): void {
    if (!this.requestBased) return;
    this.billable++;
    this.setRates(now, this.billable);
  }

  /** A billable stretch that began at `since` ended now. */
  billableEnd(now: number, since: number): void {
    if (!this.requestBased) return;
    this.billable--;
    this.setRates(now, this.billable);
    this.roundUp(now - since, roundUpTo100ms(now - since));
  }

  /** Number of ready instances with no request in flight (request-based min-instance idle fee). */
  idleInstances(now: number, idle: number): void {
    if (!this.requestBased) return;
    this.ledger.setRate('idle', now, Math.min(idle, this.spec.minInstances) * this.idleRate);
  }

  instanceCreated(now: number): void {
    if (this.requestBased) return;
    this.existing++;
    this.setRates(now, this.existing);
  }

  instanceGone(now: number, createdAt: number): void {
    if (this.requestBased) return;
    this.existing--;
    this.setRates(now, this.existing);
    const lived = now - createdAt;
    this.roundUp(lived, Math.max(INSTANCE_MINIMUM_S, roundUpTo100ms(lived)));
  }

  /** A request was accepted by an instance. */
  request(): void {
    if (this.requestBased) this.ledger.charge('requests', this.spec.prices.perMillionRequests / 1e6);
  }

  /** A response of `bytes` left for the internet. */
  egress(bytes: number): void {
    if (bytes > 0) this.ledger.charge('network', (bytes / GIB) * this.spec.prices.egressPerGiB);
  }

  private setRates(now: number, count: number): void {
    this.ledger.setRate('cpu', now, count * this.cpuRate);
    this.ledger.setRate('memory', now, count * this.memoryRate);
  }

  /** Charges the difference between the billed and the actual length of a stretch. */
  private roundUp(actual: number, billed: number): void {
    const extra = billed - actual;
    if (extra <= 0) return;
    this.ledger.charge('cpu', extra * this.cpuRate);
    this.ledger.charge('memory', extra * this.memoryRate);
  }
}
