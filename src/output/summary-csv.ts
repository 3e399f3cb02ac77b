import type { SummaryRecord } from '../metrics/summary.js';
import { formatCsvRows } from './csv-rows.js';
import { summaryRows, type ExtraColumns } from './summary-rows.js';

/**
 * Summary records as CSV: a header, then one line per record; columns are the extra columns
 * (sweep grid values, say) followed by `SUMMARY_FIELDS` in contract order. Numbers follow
 * `formatNumber` (NaN empty, infinities `inf`), lines end in `\n`, so the same records give the
 * same bytes on any machine. No records still gives the header line.
 */
export function summaryToCsv(records: readonly SummaryRecord[], extra?: ExtraColumns): string {
  const { columns, rows } = summaryRows(records, extra);
  return formatCsvRows(columns, rows);
}
