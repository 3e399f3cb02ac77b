import { meets, sloValue, type Slo } from '../experiment/slo.js';
import type { PlatformStatus, SummaryRecord } from '../metrics/summary.js';
import { formatLatencyText, formatPercentText, formatRequests } from './words.js';

/**
 * A backlog that grows, over the second half of the run, by at least this share of the arrival
 * rate is growing without bound. A queue offered more work than it can do grows at
 * (arrival rate - capacity): an M/M/1 at rho = 1.1 grows at 9 % of its arrival rate. A stable
 * queue's fitted slope is noise around zero: for an M/M/1 at rho = 0.9 (mean backlog 9,
 * correlation time about 1 / (mu (1 - sqrt rho)^2) = 380 s at mu = 10/s) the slope over a
 * 30-minute half is of the order of 10 / 1800 = 0.006 requests/s, 0.06 % of the arrival rate:
 * fifteen times below this threshold (test/verdict/status-mmc.test.ts runs both).
 */
export const GROWTH_SHARE = 0.01;

/** ... and by at least this many requests over that half (a handful of requests is no trend). */
export const GROWTH_MIN_REQUESTS = 10;

export interface StatusJudgement {
  readonly status: PlatformStatus;
  /** Why it is not ok, in words ("loses 31 % of requests: 29 % rejected, 2 % timed out"); null when ok. */
  readonly reason: string | null;
}

/**
 * Whether the backlog of a record grows without bound (see GROWTH_SHARE). `measuredS`: the
 * seconds the record's counts cover, the run after its warm-up (`duration_s` is the whole run,
 * as its costs are): the arrival rate is the counted arrivals over that window, not over the
 * whole run, which would understate it by the warm-up's share and make the rule that much
 * stricter (a 2-hour run with an hour's warm-up: twice).
 */
export function backlogGrows(record: SummaryRecord, measuredS: number): boolean {
  const growth = record.backlog_growth_per_s;
  const rate = record.requests_arrived / measuredS;
  return growth > GROWTH_SHARE * rate && growth * (record.duration_s / 2) >= GROWTH_MIN_REQUESTS;
}

/**
 * A platform's status against the objectives (pure; `sim sensitivity` calls it too):
 *
 * - `overloaded`: it does not serve the share of requests the `reject` objective allows (the
 *   scenario's `served`; requests rejected, timed out, failed or still waiting at the end are
 *   not served), or its backlog grows without bound (backlogGrows), or no request arrived to
 *   judge it by;
 * - `misses-slo`: it keeps up but misses a latency objective;
 * - `ok`: it meets every objective.
 *
 * `measuredS`: the seconds after warm-up, which the record's counts cover (backlogGrows).
 */
export function platformStatus(record: SummaryRecord, objectives: readonly Slo[], measuredS: number): StatusJudgement {
  const arrived = record.requests_arrived;
  if (!(arrived > 0)) return { status: 'misses-slo', reason: 'no request arrived after warm-up to judge it by' };
  const lostReasons: string[] = [];
  for (const slo of objectives) {
    if (slo.kind !== 'reject') continue;
    const value = sloValue(slo.metric, record);
    if (!meets(slo, value)) lostReasons.push(`loses ${formatPercentText(value)} of requests (${lossBreakdown(record)}; objective ${slo.text})`);
  }
  if (backlogGrows(record, measuredS)) {
    lostReasons.push(
      `its backlog grows without bound: ${formatRequests(record.backlog_growth_per_s)} more requests waiting every second, ${formatRequests(record.requests_unfinished)} left at the end`,
    );
  }
  if (lostReasons.length > 0) return { status: 'overloaded', reason: lostReasons.join('; ') };
  const missed: string[] = [];
  for (const slo of objectives) {
    if (slo.kind !== 'latency') continue;
    const value = sloValue(slo.metric, record);
    if (!meets(slo, value)) missed.push(`${slo.label} is ${formatLatencyText(value)} (objective ${slo.text})`);
  }
  if (missed.length > 0) return { status: 'misses-slo', reason: missed.join('; ') };
  return { status: 'ok', reason: null };
}

/** "29 % rejected, 2 % timed out" (the non-zero parts of what was not served). */
export function lossBreakdown(record: SummaryRecord): string {
  const parts: [string, number][] = [
    ['rejected', record.requests_rejected],
    ['timed out', record.requests_timed_out],
    ['failed', record.requests_failed],
    ['still waiting at the end', record.requests_unfinished],
  ];
  const shown = parts.filter(([, n]) => n > 0).map(([what, n]) => `${formatPercentText(n / record.requests_arrived)} ${what}`);
  return shown.length > 0 ? shown.join(', ') : 'none lost';
}
