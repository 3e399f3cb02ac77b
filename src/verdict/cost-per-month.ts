import { LIST_MONTH_SECONDS } from '../billing/account.js';

/**
 * A run's cost scaled to Google's 730-hour month (365 x 24 / 12, the month of its monthly
 * prices): cost x 730 h / run length. A week's $41.21 is 41.21 x 730 / 168 = $179.07 a month.
 * With the free tier prorated to the run (src/billing/free-tier-share.ts) the month carries
 * about one month's allowance. Whether the run covers the traffic's own period is another
 * question (src/verdict/traffic-period.ts).
 */
export function costPerMonth(costUsd: number, durationS: number): number {
  return durationS > 0 ? (costUsd * LIST_MONTH_SECONDS) / durationS : NaN;
}
