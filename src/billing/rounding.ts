/**
 * Cloud Run rounds each billable stretch up to the next 100 ms. A stretch of 250 ms bills
 * 300 ms; one of exactly 300 ms bills 300 ms even when float arithmetic made it
 * 0.30000000000000004 (the 1e-9 s slack absorbs that; see test/billing/rounding.test.ts).
 */
export function roundUpTo100ms(seconds: number): number {
  if (seconds <= 0) return 0;
  return Math.ceil(seconds * 10 - 1e-9) / 10;
}

/**
 * `seconds` rounded up to a multiple of `granularity` (0: no rounding), with the same 1e-9
 * slack against float noise: 0.25 at 0.1 -> 0.3; 0.3000000000000001 at 0.1 -> 0.3; 1.2 at 1 -> 2.
 */
export function roundUpTo(seconds: number, granularity: number): number {
  if (seconds <= 0) return 0;
  if (!(granularity > 0)) return seconds;
  if (granularity === 0.1) return roundUpTo100ms(seconds);
  return Math.ceil(seconds / granularity - 1e-9) * granularity;
}

/** Bytes per GiB, for egress prices quoted per GiB. */
export const GIB = 1024 ** 3;
