import type { HourlySpend } from '../billing/hourly-spend.js';
import type { Ledger } from '../billing/ledger.js';
import type { PlatformStats } from '../metrics/platform-stats.js';
import type { PlatformSpec } from '../scenario/types.js';
import type { Request } from '../workload/request.js';

/** What a variant's bill tells beside its ledger (see PlatformModel for the same two). */
export interface VariantBilling {
  readonly hourlySpend: HourlySpend;
  perMonthCorrection(now: number): number;
}

/**
 * Another bill for the same platform: a spec that differs only in billing settings, and the
 * ledger it is billed on from the platform's own lifecycle events (more billing observers on src/platforms/lifecycle.ts).
 */
export interface BillingVariant {
  readonly spec: PlatformSpec;
  readonly ledger: Ledger;
  /** The platform hands over the variant's billing object, to read its eligible spend per hour and its cost per month; returns it. */
  bill<T extends VariantBilling>(billing: T): T;
}

/**
 * A platform model inside one simulation: it receives each request at its arrival time,
 * reports what happens to it in `stats`, and bills itself in `ledger`.
 */
export interface PlatformModel {
  readonly stats: PlatformStats;
  readonly ledger: Ledger;
  /** Called at simulated time `req.arrival`. */
  arrive(req: Request): void;
  /** Called once at the end of the run: closes open billing stretches at `now`. */
  close(now: number): void;
  /**
   * On-demand spend a committed use discount could cover, per clock hour from 0 to now (the
   * last hour partial): the input of bestHourlyCommitment (src/billing/commitment.ts).
   */
  commitmentEligibleHours(now: number): number[];
  /**
   * USD to add to the run's cost scaled to a month (cost x 730 h / run length) to make its cost
   * per month, where a month earns what the run cannot (VM sustained use, egress and Lambda
   * duration bands a month reaches); 0 when absent.
   */
  perMonthCorrection?(now: number): number;
}
