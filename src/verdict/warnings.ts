import type { SummaryRecord } from '../metrics/summary.js';
import { formatCount } from '../output/format-human.js';

/**
 * Warnings about a finished run (pure): a platform that completed nothing while requests
 * arrived is almost always a mistake in the scenario (a CPU time in seconds meant as
 * milliseconds, a timeout shorter than the work), not a finding.
 */
export function runWarnings(records: readonly SummaryRecord[]): string[] {
  return records
    .filter((r) => r.requests_arrived > 0 && r.requests_completed === 0)
    .map(
      (r) =>
        `platform "${r.platform}" completed no request of ${formatCount(r.requests_arrived)} ` +
        `(${formatCount(r.requests_rejected)} rejected, ${formatCount(r.requests_timed_out)} timed out, ${formatCount(r.requests_failed)} failed, ${formatCount(r.requests_unfinished)} unfinished): check requests.cpu/io against its capacity and requestTimeout`,
    );
}
