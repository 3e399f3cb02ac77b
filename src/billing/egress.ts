import type { EgressTier } from '../scenario/types.js';
import { overlap, type BillingCalendar, type Month, MonthlyCounter } from './calendar.js';
import type { ChargeLine, Ledger } from './ledger.js';
import { GIB } from './rounding.js';
import { RunTally } from './tiered-price.js';

/**
 * Internet egress, Premium tier, priced per GiB in tiers that restart each calendar month
 * (docs/gcp-facts.md: $0.12 up to 1 TiB a month, $0.11 to 10 TiB, $0.08 beyond). Each
 * response is a lump on the `network` line at the tier prices of the bytes it adds to the
 * month; a response that straddles a tier bound is split at it.
 *
 * Free tier (`freeGiB` > 0): the month's first `freeGiB` GiB are given back on the `discount`
 * line at the first tier's price as they are sent, so the month's total is right as soon as the
 * bytes are out. They still count towards the tier bounds. `share(month)` prorates a month's
 * free GiB to the part of it the run covers (free-tier-share.ts).
 */
export class EgressBilling {
  private readonly month: MonthlyCounter;
  private readonly bounds: number[];
  /**
   * The tier the last response ended in, its bounds in bytes and its price: the next response
   * of the month usually falls wholly inside it, and is then priced without the tier loop.
   */
  private tierLower = 0;
  private tierUpper: number;
  private tierPerGiB: number;
  private readonly freeBytes: number;
  /** The month of the last send and its free bytes (one Date per month, not per response). */
  private freeMonth: Month | null = null;
  private freeInMonth = 0;
  // Charged per response: held lines (Ledger.chargeLine).
  private readonly network: ChargeLine;
  private readonly discount: ChargeLine;
  /** GiB sent and USD charged for them (before the free tier) over the run, for perMonthCorrection. */
  private readonly tally: RunTally;

  constructor(
    ledger: Ledger,
    private readonly calendar: BillingCalendar,
    private readonly tiers: readonly EgressTier[],
    freeGiB: number,
    private readonly share: (month: Month) => number = () => 1,
  ) {
    if (tiers.length === 0) throw new Error('egress: no price tiers');
    this.month = new MonthlyCounter(calendar);
    this.network = ledger.chargeLine('network');
    this.discount = ledger.chargeLine('discount');
    this.bounds = tiers.map((t) => (t.upToGiB === null ? Infinity : t.upToGiB * GIB));
    this.tierUpper = this.bounds[0]!;
    this.tierPerGiB = tiers[0]!.perGiB;
    this.freeBytes = freeGiB * GIB;
    this.tally = new RunTally(tiers.map((t) => ({ upTo: t.upToGiB, price: t.perGiB })));
  }

  /** `bytes` left for the internet at `now`. */
  send(now: number, bytes: number): void {
    if (!(bytes > 0)) return;
    const before = this.month.take(now, bytes);
    const after = before + bytes;
    let paid: number;
    // Wholly inside the tier of the last response and past the tiers below it (a response too
    // small to move `after` off a bound belongs to the lower tier): what the loop charges then.
    if (before >= this.tierLower && after > this.tierLower && after <= this.tierUpper) {
      paid = (bytes / GIB) * this.tierPerGiB;
      this.network.charge(paid);
    } else {
      paid = this.priceAcrossTiers(before, bytes);
    }
    this.tally.add(before / GIB, bytes / GIB, paid);
    if (this.freeBytes <= 0) return;
    const freeBytes = this.freeBytesAt(now);
    if (before < freeBytes) {
      const free = after <= freeBytes ? bytes : freeBytes - before;
      this.discount.charge(-(free / GIB) * this.tiers[0]!.perGiB);
    }
  }

  /** Charges `bytes` sent after `before` bytes of the month at the prices of the tiers they fall in; returns the USD. */
  private priceAcrossTiers(before: number, bytes: number): number {
    const after = before + bytes;
    let paid = 0;
    let lower = 0;
    for (let i = 0; i < this.tiers.length; i++) {
      const upper = this.bounds[i]!;
      // Wholly inside one tier: the bytes themselves, no subtraction.
      const inTier = before >= lower && after <= upper ? bytes : overlap(before, after, lower, upper);
      if (inTier > 0) {
        const usd = (inTier / GIB) * this.tiers[i]!.perGiB;
        this.network.charge(usd);
        paid += usd;
      }
      if (after <= upper) {
        this.tierLower = lower;
        this.tierUpper = upper;
        this.tierPerGiB = this.tiers[i]!.perGiB;
        break;
      }
      lower = upper;
    }
    return paid;
  }

  /**
   * USD to add to the run's egress scaled to a month of `monthSeconds` (charged x month / now):
   * the tiers applied to a month of the run's bytes instead. A day of 4 TiB a month stays in
   * the first tier ($0.12/GiB) where its month reaches the second ($0.11 past 1 TiB): scaled
   * as it was, a month's egress read 6.7 % high. 0 when the month stays in the first tier.
   */
  perMonthCorrection(now: number, monthSeconds: number): number {
    return now > 0 ? this.tally.perMonthCorrection(monthSeconds / now) : 0;
  }

  /** The free bytes of the month of `now`, prorated. */
  private freeBytesAt(now: number): number {
    const m = this.freeMonth;
    if (m === null || now < m.start || now >= m.end) {
      const month = this.calendar.month(now);
      this.freeMonth = month;
      this.freeInMonth = this.freeBytes * this.share(month);
    }
    return this.freeInMonth;
  }
}

/** The tiers of a spec, or its flat price as one unbounded tier (hand-built specs). */
export function egressTiersOr(tiers: readonly EgressTier[] | undefined, flatPerGiB: number): readonly EgressTier[] {
  return tiers ?? [{ upToGiB: null, perGiB: flatPerGiB }];
}
