/**
 * Cloud Run rounds each billable stretch up to the next 100 ms. A stretch of 250 ms bills
 * 300 ms; one of exactly 300 ms bills 300 ms even when float arithmetic made it
 * 0.30000000000000004 (the 1e-9 s slack absorbs that; see test/billing/rounding.test.ts).
 */
export function roundUpTo100ms(seconds: number): number {
  if (seconds <= 0) return 0;
  return Math.ceil(seconds * 10 - 1e-9) / 10;
}

/** Bytes per GiB, for egress prices quoted per GiB. */
export const GIB = 1024 ** 3;
