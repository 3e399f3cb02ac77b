import { overlap } from './calendar.js';

/** One band of a monthly tiered price: up to `upTo` units a month (null: unbounded) at `price` each. */
export interface PriceBand {
  readonly upTo: number | null;
  readonly price: number;
}

/**
 * USD for `amount` units of a monthly tiered price when `before` units of the month were
 * used already (pure): each unit at the price of the band it falls in, an amount that
 * straddles a bound split at it. Lambda's x86 duration: 6e9 GB-s at $0.0000166667, 9e9 more
 * at $0.000015, the rest at $0.0000133334; 2 GB-s from 6e9 - 1 cost 0.0000166667 + 0.000015.
 * Tests: test/platforms/lambda/billing.test.ts.
 */
export function tieredPrice(bands: readonly PriceBand[], before: number, amount: number): number {
  const after = before + amount;
  let usd = 0;
  let lower = 0;
  for (const band of bands) {
    const upper = band.upTo ?? Infinity;
    // Wholly inside one band (the usual case): the amount itself, no subtraction.
    const inBand = before >= lower && after <= upper ? amount : overlap(before, after, lower, upper);
    if (inBand > 0) usd += inBand * band.price;
    if (after <= upper) break;
    lower = upper;
  }
  return usd;
}

/**
 * What a run used of a monthly tiered price and what it paid for it, so that its cost per month
 * can price a month of the same use on the bands (a month reaches cheaper bands than a day):
 * egress (GiB) and Lambda's duration (GB-s).
 */
export class RunTally {
  private amount = 0;
  private usd = 0;
  /** Some of the run's use was priced past the first band. */
  private pastFirst = false;

  constructor(private readonly bands: readonly PriceBand[]) {}

  /** `amount` more units, `before` of them used in the month already, paid `usd`. */
  add(before: number, amount: number, usd: number): void {
    this.amount += amount;
    this.usd += usd;
    const first = this.bands[0]!.upTo;
    if (first !== null && before + amount > first) this.pastFirst = true;
  }

  /**
   * USD to add to what the run paid times `scale` (a month over the run's length): the bands'
   * price of `scale` times its use instead. 0 while the run and its month stay in the first
   * band, where scaling is exact already.
   */
  perMonthCorrection(scale: number): number {
    if (this.amount === 0) return 0;
    const first = this.bands[0]!.upTo;
    if (!this.pastFirst && (first === null || this.amount * scale <= first)) return 0;
    return tieredPrice(this.bands, 0, this.amount * scale) - this.usd * scale;
  }
}
