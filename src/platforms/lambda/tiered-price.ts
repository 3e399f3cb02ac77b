import { overlap } from '../../billing/calendar.js';

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
