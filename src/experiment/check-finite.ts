import { SimulationError } from '../errors.js';
import { SUMMARY_FIELDS, type SummaryField, type SummaryRecord } from '../metrics/summary.js';

/**
 * Fields that are undefined (NaN, an empty cell) when there is nothing to measure: latencies with
 * no completed request, means over no time, fractions of no request, a backlog not watched,
 * and `rank`, which is filled in once every platform of a run is summarised. Every other number must be
 * finite, and none may be infinite.
 */
const MAY_BE_UNDEFINED: ReadonlySet<SummaryField> = new Set(
  SUMMARY_FIELDS.filter((f) =>
    /^(latency_|queue_wait_|cold_start_wait_|instances_.*_mean$|instances_mean$|cpu_utilization_mean$|cold_start_fraction$|cost_per_million_usd$|backlog_growth_per_s$|rank$)/.test(f),
  ),
);

/**
 * Throws a SimulationError (exit 1) when a record holds a number that is not a result: an
 * infinite value anywhere, or NaN in a count or a cost. Such a record (a cost that overflowed:
 * a 1e300-byte response billed as egress) would print as an empty cell and rank as the
 * cheapest point of an optimisation, so the run fails instead.
 */
export function checkRecordFinite(record: SummaryRecord): void {
  for (const field of SUMMARY_FIELDS) {
    const value = record[field];
    if (typeof value !== 'number') continue;
    if (Number.isFinite(value) || (Number.isNaN(value) && MAY_BE_UNDEFINED.has(field))) continue;
    throw new SimulationError(
      `platform "${record.platform}": ${field} came out as ${String(value)}: the run's figures overflowed (a distribution, size or price too large to simulate); no result is reported`,
    );
  }
}
