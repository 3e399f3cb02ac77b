import { overlap, type Month } from './calendar.js';

/**
 * The share of a calendar month's free tier that a run gets: the part of the month the run
 * covers, overlap([0, runSeconds], month) / month length. A one-day run in January gets 1/31
 * of January's allowance, not all of it (issue 11: a 1-day run got the whole month's
 * allowance, -$4.55 on an $8.17 day); a run over whole months gets whole allowances, and a
 * week across a month's end gets its days' share of each month. So the free tier of a run
 * scaled to a month (cost_per_month_usd) is about one month's allowance, whatever the run's
 * length. Without a run length (hand-built specs) every month's allowance is whole.
 * Tests: test/billing/free-tier-share.test.ts.
 */
export function freeTierShare(runSeconds: number | undefined): (month: Month) => number {
  if (runSeconds === undefined) return () => 1;
  return (month) => overlap(0, runSeconds, month.start, month.end) / month.seconds;
}
