import { SUMMARY_FIELDS, type SummaryRecord } from '../metrics/summary.js';

/**
 * Columns written before the summary fields, e.g. the grid values of a sweep point:
 * `{ columns: ['cloud-run.concurrency'], values: [{ 'cloud-run.concurrency': 40 }, ...] }`,
 * one entry of `values` per summary record, in the same order.
 */
export interface ExtraColumns {
  /** Column names, in output order; none may repeat or be a summary field. */
  readonly columns: readonly string[];
  /** The extra values of each record: `values[i]` belongs to `records[i]`. */
  readonly values: ReadonlyArray<Readonly<Record<string, string | number>>>;
}

/** Summary records flattened for output: every column name in order, one row per record. */
export interface SummaryRows {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<Readonly<Record<string, string | number>>>;
}

/**
 * Joins each record with its extra values; the column order is the extra columns, then
 * `SUMMARY_FIELDS`. Shared by the CSV and JSON writers so both have the same columns. A
 * mismatch between records and extra values is a programming error and throws.
 */
export function summaryRows(records: readonly SummaryRecord[], extra?: ExtraColumns): SummaryRows {
  const extraColumns = extra?.columns ?? [];
  checkExtraColumns(extraColumns);
  if (extra !== undefined && extra.values.length !== records.length) {
    throw new Error(`extra columns: ${extra.values.length} value rows for ${records.length} summary records`);
  }
  const rows = records.map((record, i) => {
    // No prototype: an extra column may be named anything, "__proto__" included.
    const row: Record<string, string | number> = Object.create(null);
    for (const column of extraColumns) {
      const values = extra!.values[i]!;
      if (!Object.hasOwn(values, column)) throw new Error(`extra columns: row ${i} has no value for "${column}"`);
      row[column] = values[column]!;
    }
    for (const field of SUMMARY_FIELDS) row[field] = record[field];
    return row;
  });
  return { columns: [...extraColumns, ...SUMMARY_FIELDS], rows };
}

function checkExtraColumns(columns: readonly string[]): void {
  const summaryFields: ReadonlySet<string> = new Set(SUMMARY_FIELDS);
  const seen = new Set<string>();
  for (const column of columns) {
    if (summaryFields.has(column)) throw new Error(`extra columns: "${column}" is a summary field`);
    if (seen.has(column)) throw new Error(`extra columns: "${column}" appears twice`);
    seen.add(column);
  }
}
