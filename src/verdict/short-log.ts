import { formatDuration } from '../output/format-duration.js';
import { formatCount } from '../output/format-human.js';
import type { TrafficSpec } from '../scenario/types.js';
import { costPerMonth } from './cost-per-month.js';
import { replaysLog } from './traffic-period.js';

const DAY = 86_400;

/**
 * A warning when the month is priced from less than a day of a replayed log (pure). A rate the
 * user writes (Poisson, a profile) is theirs to claim for the month, and a run shorter than its
 * profile's period is flagged as an extrapolation already (traffic-period.ts); but a log is a
 * sample of real traffic, and the span of a log is its own period, so a 15-minute log priced
 * as a month, 2,920 copies of itself, passes without a word although every real service's
 * traffic moves over a day. The figure is what the run implies; the warning says what it
 * rests on and what would make it a month's. Null for a day or more, or without a log.
 */
export function shortLogWarning(traffic: TrafficSpec, durationS: number): string | null {
  if (!replaysLog(traffic) || !(durationS > 0) || durationS >= DAY) return null;
  const copies = costPerMonth(1, durationS);
  return `the month repeats the run's ${formatDuration(durationS)} of logged traffic about ${formatCount(Math.round(copies))} times, every hour as busy as the log: a log of a whole day, or a week, would price the quiet hours and the peaks as they come`;
}
