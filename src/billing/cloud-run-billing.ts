import type { CloudRunSpec } from '../scenario/types.js';
import { DEFAULT_ACCOUNT, LIST_MONTH_SECONDS } from './account.js';
import { BillingCalendar, MonthlyAllowance, MonthlyCounter, type Month } from './calendar.js';
import { EgressBilling, egressTiersOr } from './egress.js';
import { HourlySpend } from './hourly-spend.js';
import { freeTierShare } from './free-tier-share.js';
import type { ChargeLine, Ledger, RateLine } from './ledger.js';
import { roundUpTo } from './rounding.js';

/** Instance-based billing charges at least this long per instance. */
const INSTANCE_MINIMUM_S = 60;

/**
 * Cloud Run's billing rules over one platform's instances (docs/gcp-facts.md, "Cloud Run:
 * pricing"). The platform reports instance events; this class turns them into ledger rates and
 * lumps. All instances of a service are alike, so rates are (integer count) x (per-instance
 * rate): no drift however often the count changes.
 *
 * Request-based: an instance is billable while starting, while shutting down, and while at
 * least one request is in flight (overlapping requests once). Min instances between requests
 * cost the idle rate: of the idle instances, max(0, minInstances - busy) are billed idle
 * (cloud.google.com/run/docs/configuring/min-instances: min 10 with 6 active gives 4 idle),
 * so idle instances above the minimum are free. $0.40 per million requests.
 * Instance-based: from creation to termination, at least one minute; no request fee.
 * Internet egress on `network`, tiered per calendar month (egress.ts).
 *
 * Rounding (`roundingScope`, an assumption): Google says only that billable instance time is
 * "rounded up to the nearest 100 milliseconds" (`roundingGranularity`). "stretch" (default, the
 * upper bound) rounds each billable stretch of an instance: at 0.5 req/s each request's stretch
 * gains 50 ms on average. "instance" rounds each instance's billable time summed over a billing
 * interval (`roundingInterval`, 60 s: the period of Cloud Run's billable_instance_time metric),
 * so at most one granule per instance and interval. "none" is the lower bound. Instance-based
 * billing rounds each instance's lifetime ("none": not at all).
 *
 * Free tier (`account.freeTier`, per calendar month of the simulated timeline, on `discount` as
 * usage accrues, so the running total is right at every instant): request-based the first
 * 180,000 vCPU-s, 360,000 GiB-s (of the `cpu` and `memory` lines, 100-ms rounding included)
 * and 2 million requests; instance-based 240,000 vCPU-s and 450,000 GiB-s; 1 GiB of egress.
 * The idle rate of min instances is a separate price and is not covered (an assumption: the
 * price page lists the free tier against the active vCPU-s and GiB-s). Each month's allowance
 * is prorated to the part of the month the run covers (free-tier-share.ts).
 *
 * Committed use (`spec.commitment`, src/billing/commitment.ts): Cloud Run's CUD covers CPU,
 * memory and request usage, not networking (cloud.google.com/run/cud), so the eligible spend is
 * the `cpu`, `memory`, `idle` and `requests` lines at on-demand prices. Each clock hour the
 * commitment's fee hourlyUsd x (1 - discount) accrues on `fixed` (paid used or not) and the
 * usage it covers, min(eligible spend of the hour, hourlyUsd), comes off on `discount`; the
 * rest stays on demand. Simplification: with the free tier on as well, both are taken off the
 * gross usage (Google applies the free tier first), overstating the saving by at most the free tier.
 */
export class CloudRunBilling {
  private billable = 0;
  private existing = 0;
  /** Instances billed at the boosted vCPU now (startup CPU boost). */
  private boosted = 0;
  private readonly requestBased: boolean;
  private readonly cpuRate: number;
  private readonly memoryRate: number;
  private readonly idleRate: number;
  private readonly allowances: MonthlyAllowance[] = [];
  /** Requests of the month, for the free tier's 2 million; null without a free tier. */
  private readonly freeRequests: { readonly counter: MonthlyCounter; readonly perMonth: number; readonly calendar: BillingCalendar } | null = null;
  private readonly share: (month: Month) => number;
  private readonly egressBilling: EgressBilling;
  private readonly scope: 'stretch' | 'instance' | 'none';
  private readonly granularity: number;
  private readonly interval: number;
  /** Scope "instance": billable seconds of each instance in its current rounding interval. */
  private readonly pendingRound = new Map<number, { interval: number; seconds: number }>();
  /** Eligible on-demand spend per clock hour, and what a commitment covers of it. */
  readonly hourlySpend: HourlySpend;
  // The lines changed per request, held (Ledger.rateLine, Ledger.chargeLine).
  private readonly cpuLine: RateLine;
  private readonly memoryLine: RateLine;
  private readonly idleLine: RateLine;
  private readonly cpuLump: ChargeLine;
  private readonly memoryLump: ChargeLine;
  private readonly requestsLine: ChargeLine;
  private readonly discountLump: ChargeLine;
  /** USD per request (request-based), computed once: the same quotient every request. */
  private readonly requestFee: number;
  /** The `idle` line's rate as last set (it starts at 0 in the ledger). */
  private idleRateNow = 0;
  /**
   * advance() has nothing to close before this run time: the earliest end of the current
   * clock hour (HourlySpend) and of the allowances' current months. A request is then one
   * comparison instead of a call into each of them.
   */
  private closesAt = -Infinity;

  constructor(
    private readonly ledger: Ledger,
    private readonly spec: CloudRunSpec,
  ) {
    const p = spec.prices;
    this.cpuLine = ledger.rateLine('cpu');
    this.memoryLine = ledger.rateLine('memory');
    this.idleLine = ledger.rateLine('idle');
    this.cpuLump = ledger.chargeLine('cpu');
    this.memoryLump = ledger.chargeLine('memory');
    this.requestsLine = ledger.chargeLine('requests');
    this.discountLump = ledger.chargeLine('discount');
    this.requestFee = p.perMillionRequests / 1e6;
    this.requestBased = spec.billing === 'request';
    this.scope = spec.roundingScope ?? 'stretch';
    this.granularity = this.scope === 'none' ? 0 : (spec.roundingGranularity ?? 0.1);
    this.interval = spec.roundingInterval ?? 60;
    const cpuSecond = this.requestBased ? p.cpuSecond : p.instanceCpuSecond;
    const memoryGiBSecond = this.requestBased ? p.memoryGiBSecond : p.instanceMemoryGiBSecond;
    this.cpuRate = spec.cpu * cpuSecond;
    this.memoryRate = spec.memoryGiB * memoryGiBSecond;
    this.idleRate = spec.cpu * p.idleCpuSecond + spec.memoryGiB * p.idleMemoryGiBSecond;

    const account = spec.account ?? DEFAULT_ACCOUNT;
    const calendar = new BillingCalendar(account.startEpochMs);
    this.share = freeTierShare(account.runSeconds);
    const free = account.freeTier ? spec.freeTier : undefined;
    if (free !== undefined) {
      // The free tier is worth its units at Tier 1 prices in every region (cloud.google.com/run/pricing):
      // in a Tier 2 region 180,000 vCPU-s x 0.000024 = $4.32 covers 4.32 / 0.0000336 = 128,571 vCPU-s.
      const t1 = spec.freeTierPrices ?? p;
      const cpuUsd = (this.requestBased ? free.cpuSeconds * t1.cpuSecond : free.instanceCpuSeconds * t1.instanceCpuSecond);
      const memoryUsd = this.requestBased ? free.memoryGiBSeconds * t1.memoryGiBSecond : free.instanceMemoryGiBSeconds * t1.instanceMemoryGiBSecond;
      this.allow(calendar, 'cpu', cpuUsd);
      this.allow(calendar, 'memory', memoryUsd);
      if (this.requestBased && free.requests > 0) this.freeRequests = { counter: new MonthlyCounter(calendar), perMonth: free.requests, calendar };
    }
    this.egressBilling = new EgressBilling(ledger, calendar, egressTiersOr(spec.egressTiers, p.egressPerGiB), free?.egressGiB ?? 0, this.share);
    const eligible = (now: number): number =>
      ledger.component('cpu', now) + ledger.component('memory', now) + ledger.component('idle', now) + ledger.component('requests', now);
    const commitment = spec.commitment;
    this.hourlySpend = new HourlySpend(account.startEpochMs, eligible, commitment?.hourlyUsd ?? 0);
    if (commitment !== undefined && commitment.hourlyUsd > 0) {
      ledger.setRate('fixed', 0, (commitment.hourlyUsd * (1 - commitment.discount)) / 3600);
      const hours = this.hourlySpend;
      ledger.addAccrual('discount', (now) => -hours.credit(now));
    }
  }

  /** An instance became billable (request-based: starting, first request in, or stopping). */
  billableStart(now: number): void {
    if (!this.requestBased) return;
    this.advance(now);
    this.billable++;
    this.setRates(now, this.billable);
  }

  /** A billable stretch of instance `instance` that began at `since` ended now. */
  billableEnd(now: number, since: number, instance = -1): void {
    if (!this.requestBased) return;
    this.advance(now);
    this.billable--;
    this.setRates(now, this.billable);
    const length = now - since;
    if (this.scope === 'stretch' || instance < 0) {
      this.roundUp(length, roundUpTo(length, this.granularity));
      return;
    }
    if (this.scope === 'none') return;
    // Scope "instance": the stretch counts in the interval where it ends; an interval's sum is
    // rounded once, when the instance's next stretch ends in a later interval or it goes.
    const k = Math.floor(now / this.interval);
    const acc = this.pendingRound.get(instance);
    if (acc !== undefined && acc.interval !== k) this.flushRound(instance);
    const open = this.pendingRound.get(instance);
    if (open === undefined) this.pendingRound.set(instance, { interval: k, seconds: length });
    else open.seconds += length;
  }

  /** Rounds what instance `instance` has pending (scope "instance"). */
  private flushRound(instance: number): void {
    const acc = this.pendingRound.get(instance);
    if (acc === undefined) return;
    this.pendingRound.delete(instance);
    this.roundUp(acc.seconds, roundUpTo(acc.seconds, this.granularity));
  }

  /**
   * Instances now billed at the startup-boosted vCPU: under request-based billing those both
   * boosted and billable, under instance-based those boosted. Each adds (boosted - cpu) vCPU
   * at the cpu price (the 100-ms rounding of a stretch stays at the base vCPU).
   */
  boostedInstances(now: number, count: number, boostedCpu: number): void {
    this.advance(now);
    this.boosted = count;
    this.boostRate = (boostedCpu - this.spec.cpu) * (this.requestBased ? this.spec.prices.cpuSecond : this.spec.prices.instanceCpuSecond);
    this.setRates(now, this.requestBased ? this.billable : this.existing);
  }

  private boostRate = 0;

  /**
   * Ready instances with no request in flight, and instances serving requests (request-based
   * min-instance idle fee): min(idle, max(0, minInstances - busy)) are billed idle. Example
   * (cloud.google.com/run/docs/configuring/min-instances): min 10, 6 active -> 4 idle billed;
   * min 3 with 2 busy and 3 idle -> 1, not 3.
   */
  idleInstances(now: number, idle: number, busy = 0): void {
    if (!this.requestBased) return;
    const rate = Math.min(idle, Math.max(0, this.spec.minInstances - busy)) * this.idleRate;
    // Unchanged (always, without min instances): setting it would change nothing, so the
    // free-tier months and commitment hours need not be closed before it either.
    if (rate === this.idleRateNow) return;
    this.advance(now);
    this.idleLine.set(now, rate);
    this.idleRateNow = rate;
  }

  /**
   * idleInstances() can charge something: request-based billing with min instances. Otherwise
   * the idle rate stays 0 whatever the counts, and the platform need not report them.
   */
  get chargesIdle(): boolean {
    return this.requestBased && this.spec.minInstances > 0;
  }

  instanceCreated(now: number): void {
    if (this.requestBased) return;
    this.advance(now);
    this.existing++;
    this.setRates(now, this.existing);
  }

  instanceGone(now: number, createdAt: number, instance = -1): void {
    if (this.requestBased) {
      this.advance(now);
      this.flushRound(instance);
      return;
    }
    this.advance(now);
    this.existing--;
    this.setRates(now, this.existing);
    const lived = now - createdAt;
    this.roundUp(lived, Math.max(INSTANCE_MINIMUM_S, roundUpTo(lived, this.granularity)));
  }

  /** A request was accepted by an instance at `now`. */
  request(now: number): void {
    if (!this.requestBased) return;
    this.advance(now);
    const fee = this.requestFee;
    this.requestsLine.charge(fee);
    if (this.freeRequests !== null && this.freeRequests.counter.take(now, 1) < this.freeRequestsAt(now)) {
      this.discountLump.charge(-fee);
    }
  }

  private freeRequestMonth: Month | null = null;
  private freeRequestCount = 0;

  /** The free requests of the month of `now`, prorated (one Date per month, not per request). */
  private freeRequestsAt(now: number): number {
    const free = this.freeRequests!;
    const m = this.freeRequestMonth;
    if (m === null || now < m.start || now >= m.end) {
      const month = free.calendar.month(now);
      this.freeRequestMonth = month;
      this.freeRequestCount = free.perMonth * this.share(month);
    }
    return this.freeRequestCount;
  }

  /** A response of `bytes` left for the internet at `now`. */
  egress(bytes: number, now: number): void {
    this.egressBilling.send(now, bytes);
  }

  /** USD to add to the run's cost scaled to a month for its cost per month: egress tiers a month reaches (EgressBilling.perMonthCorrection). */
  perMonthCorrection(now: number): number {
    return this.egressBilling.perMonthCorrection(now, LIST_MONTH_SECONDS);
  }

  /** Closes the free-tier months and clock hours that ended by now, before the lines they read change. */
  private advance(now: number): void {
    if (now < this.closesAt) return;
    let closesAt = Infinity;
    for (const allowance of this.allowances) {
      allowance.advance(now);
      closesAt = Math.min(closesAt, allowance.closesAt);
    }
    this.hourlySpend.advance(now);
    // Reading the ledger (HourlySpend.credit, hours) may close an hour sooner than this
    // records; advance() then runs once more for nothing, never too late.
    this.closesAt = Math.min(closesAt, this.hourlySpend.closesAt);
  }

  private allow(calendar: BillingCalendar, line: 'cpu' | 'memory', usdPerMonth: number): void {
    if (!(usdPerMonth > 0)) return;
    const allowance = new MonthlyAllowance(calendar, (now) => this.ledger.component(line, now), (month) => usdPerMonth * this.share(month));
    this.allowances.push(allowance);
    this.ledger.addAccrual('discount', (now) => -allowance.free(now));
  }

  private setRates(now: number, count: number): void {
    this.cpuLine.set(now, count * this.cpuRate + this.boosted * this.boostRate);
    this.memoryLine.set(now, count * this.memoryRate);
  }

  /** Charges the difference between the billed and the actual length of a stretch. */
  private roundUp(actual: number, billed: number): void {
    const extra = billed - actual;
    if (extra <= 0) return;
    this.cpuLump.charge(extra * this.cpuRate);
    this.memoryLump.charge(extra * this.memoryRate);
  }
}
