import { DEFAULT_ACCOUNT, LIST_MONTH_SECONDS } from '../../billing/account.js';
import { BillingCalendar, MonthlyCounter, overlap, type Month } from '../../billing/calendar.js';
import { EgressBilling, egressTiersOr } from '../../billing/egress.js';
import { freeTierShare } from '../../billing/free-tier-share.js';
import { HourlySpend } from '../../billing/hourly-spend.js';
import type { Ledger } from '../../billing/ledger.js';
import type { LambdaSpec } from '../../scenario/types.js';
import { RunTally, tieredPrice, type PriceBand } from '../../billing/tiered-price.js';

/** Ephemeral storage up to this many MiB is free (aws.amazon.com/lambda/pricing). */
export const FREE_EPHEMERAL_MIB = 512;

/** Billed milliseconds of `seconds` of duration: rounded up to 1 ms (1e-6 ms slack against float noise). */
export function billedMs(seconds: number): number {
  if (!(seconds > 0)) return 0;
  return Math.ceil(seconds * 1000 - 1e-6);
}

/**
 * A month's free units, prorated to the part of the month the run covers, looked up once per
 * month (a Date per month, not per request).
 */
class MonthlyFree {
  private month: Month | null = null;
  private units = 0;
  constructor(
    private readonly calendar: BillingCalendar,
    private readonly perMonth: number,
    private readonly share: (month: Month) => number,
  ) {}
  at(now: number): number {
    const m = this.month;
    if (m === null || now < m.start || now >= m.end) {
      this.month = this.calendar.month(now);
      this.units = this.perMonth * this.share(this.month);
    }
    return this.units;
  }
}

/**
 * AWS Lambda's billing rules for one function (docs/aws-facts.md, "Prices"). The platform
 * reports each invocation's duration when it ends, each request and each response; this class
 * turns them into ledger lines:
 *
 * - `cpu`, duration: each invocation's duration (its INIT too on a cold start, `initBilled`,
 *   AWS since 2025-08-01) rounded UP to 1 ms, x memory in GB (MiB / 1024), x the price of its
 *   architecture. On demand the price is tiered on the month's GB-s of the function (x86: first
 *   6 billion GB-s $0.0000166667, next 9 billion $0.000015, beyond $0.0000133334); an invocation
 *   served by a provisioned environment costs the flat provisioned duration price
 *   ($0.0000097222 x86) instead. 120.3 ms at 1,536 MB: 121 ms x 1.5 GB = 0.1815 GB-s.
 * - `memory`, ephemeral storage: (storage MiB - 512) / 1024 GB x the billed duration x
 *   $0.0000000309 per GB-s; nothing at the free 512 MiB.
 * - `idle`, provisioned concurrency: provisioned environments x memory GB x $0.0000041667 per
 *   GB-s (x86), all the time from 0 (enabled before the window), the enabled period rounded
 *   up to 5 minutes at the end (`close`).
 * - `requests`: $0.20 per million invocations.
 * - `network`: internet egress at the EC2 tiers per calendar month ($0.09 per GB to 10 TB).
 * - `discount`, free tier (`account.freeTier`, and only for a function without provisioned
 *   concurrency, as AWS says): each calendar month the first 400,000 GB-s of on-demand duration
 *   at the first tier's price, the first 1 million requests, and 100 GB of egress, each
 *   prorated to the part of the month the run covers (src/billing/free-tier-share.ts), as usage
 *   accrues. Ephemeral storage and provisioned concurrency are not covered. The tier bounds
 *   count gross usage (free included): at 6 billion GB-s a month the difference is nil.
 *
 * Each environment is one request at a time, so one invocation's duration is one REPORT line
 * of AWS's logs: rounding per invocation is exact, not an assumption as Cloud Run's is.
 * Tests: test/platforms/lambda/billing.test.ts (AWS's worked examples among them).
 */
export class LambdaBilling {
  private readonly gb: number;
  private readonly bands: readonly PriceBand[];
  private readonly ephemeralRate: number;
  private readonly provisionedRate: number;
  private readonly onDemandGbs: MonthlyCounter;
  /** On-demand GB-s of the run and the duration USD charged for them, for perMonthCorrection. */
  private readonly durationTally: RunTally;
  private readonly freeGbs: MonthlyFree | null = null;
  private readonly freeRequests: MonthlyFree | null = null;
  private readonly requestCount: MonthlyCounter | null = null;
  private readonly requestFee: number;
  private readonly egressBilling: EgressBilling;
  /** On-demand spend a Compute Savings Plan could cover (duration and provisioned concurrency), per clock hour. */
  readonly hourlySpend: HourlySpend;

  constructor(
    private readonly ledger: Ledger,
    private readonly spec: LambdaSpec,
  ) {
    const p = spec.prices;
    this.gb = spec.memoryMiB / 1024;
    this.bands = p.durationTiers.map((t) => ({ upTo: t.upToGBSeconds, price: t.perGBSecond }));
    this.durationTally = new RunTally(this.bands);
    this.ephemeralRate = (Math.max(0, spec.ephemeralStorageMiB - FREE_EPHEMERAL_MIB) / 1024) * p.ephemeralGBSecond;
    this.provisionedRate = spec.provisionedConcurrency * this.gb * p.provisionedGBSecond;
    this.requestFee = p.perMillionRequests / 1e6;
    const account = spec.account ?? DEFAULT_ACCOUNT;
    const calendar = new BillingCalendar(account.startEpochMs);
    const share = freeTierShare(account.runSeconds);
    this.onDemandGbs = new MonthlyCounter(calendar);
    // "The Lambda free tier does not apply to functions that have Provisioned Concurrency enabled."
    const free = account.freeTier && spec.provisionedConcurrency === 0 ? spec.freeTier : undefined;
    if (free !== undefined) {
      if (free.gbSeconds > 0) this.freeGbs = new MonthlyFree(calendar, free.gbSeconds, share);
      if (free.requests > 0) {
        this.freeRequests = new MonthlyFree(calendar, free.requests, share);
        this.requestCount = new MonthlyCounter(calendar);
      }
    }
    this.egressBilling = new EgressBilling(ledger, calendar, egressTiersOr(spec.egressTiers, p.egressPerGiB), free?.egressGiB ?? 0, share);
    if (this.provisionedRate > 0) ledger.setRate('idle', 0, this.provisionedRate);
    this.hourlySpend = new HourlySpend(account.startEpochMs, (now) => ledger.component('cpu', now) + ledger.component('idle', now), 0);
  }

  /**
   * An invocation ended at `now` after `seconds` of billed time (its handler, plus its INIT on
   * a cold start when INIT is billed); `provisioned`: it ran on a provisioned environment.
   */
  invocation(now: number, seconds: number, provisioned: boolean): void {
    this.hourlySpend.advance(now);
    const ms = billedMs(seconds);
    if (ms === 0) return;
    const billedSeconds = ms / 1000;
    const gbs = billedSeconds * this.gb;
    if (provisioned) {
      this.ledger.charge('cpu', gbs * this.spec.prices.provisionedDurationGBSecond);
    } else {
      const before = this.onDemandGbs.take(now, gbs);
      const usd = tieredPrice(this.bands, before, gbs);
      this.ledger.charge('cpu', usd);
      this.durationTally.add(before, gbs, usd);
      if (this.freeGbs !== null) {
        const free = overlap(before, before + gbs, 0, this.freeGbs.at(now));
        if (free > 0) this.ledger.charge('discount', -free * this.bands[0]!.price);
      }
    }
    if (this.ephemeralRate > 0) this.ledger.charge('memory', billedSeconds * this.ephemeralRate);
  }

  /** An invocation started at `now` (throttled requests are not invocations and cost nothing). */
  request(now: number): void {
    this.ledger.charge('requests', this.requestFee);
    if (this.requestCount !== null && this.requestCount.take(now, 1) < this.freeRequests!.at(now)) {
      this.ledger.charge('discount', -this.requestFee);
    }
  }

  /** A response of `bytes` left for the internet at `now`. */
  egress(bytes: number, now: number): void {
    this.egressBilling.send(now, bytes);
  }

  /**
   * USD to add to the run's cost scaled to a month for its cost per month: the egress tiers a
   * month reaches (EgressBilling.perMonthCorrection), and the duration bands a month of the
   * run's on-demand GB-s reaches (x86: past 6 billion GB-s, $0.000015 instead of
   * $0.0000166667). 0 while the run and its month stay in the first band of each.
   */
  perMonthCorrection(now: number): number {
    const egress = this.egressBilling.perMonthCorrection(now, LIST_MONTH_SECONDS);
    return now > 0 ? egress + this.durationTally.perMonthCorrection(LIST_MONTH_SECONDS / now) : egress;
  }

  /** The end of the run: provisioned concurrency's enabled period, 0 to now, rounded up to whole periods. */
  close(now: number): void {
    this.hourlySpend.advance(now);
    if (this.provisionedRate === 0) return;
    const period = this.spec.provisionedRounding;
    if (!(period > 0)) return;
    const billed = Math.ceil(now / period - 1e-9) * period;
    if (billed > now) this.ledger.charge('idle', (billed - now) * this.provisionedRate);
  }
}
