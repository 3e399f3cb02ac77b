import { stringify } from 'csv-stringify/sync';
import { formatNumber } from './format-number.js';
import { safeCsvText } from './safe-cell.js';

/** One CSV row: a value per column name. Numbers go through `formatNumber`. */
export type CsvRow = Readonly<Record<string, string | number>>;

export interface CsvRowsOptions {
  /** Write the column names as the first line. @default true */
  readonly header?: boolean;
}

/**
 * The one place that turns rows into CSV text, for the summary and the timeline alike, so both
 * quote and format numbers the same way: columns in the order given, `\n` after every line
 * (the last included), RFC 4180 quoting only where a cell holds a comma, quote or line break.
 *
 * Rows are turned into arrays of strings here rather than handed to csv-stringify as objects:
 * its `columns` option reads keys as lodash paths, so a sweep column named
 * `cloud-run.concurrency` could be looked up as a nested property.
 *
 * Text cells that a spreadsheet would run as a formula get a leading `'` (safe-cell.ts); the
 * column names too, since a grid path is user text.
 *
 * A column a row lacks is a programming error (a missing grid value would silently shift
 * meaning), so it throws instead of writing an empty cell.
 */
export function formatCsvRows(
  columns: readonly string[],
  rows: Iterable<CsvRow>,
  options: CsvRowsOptions = {},
): string {
  const records: string[][] = [];
  if (options.header ?? true) records.push(columns.map(safeCsvText));
  for (const row of rows) records.push(columns.map((column) => formatCell(row, column)));
  if (records.length === 0) return '';
  return stringify(records, { header: false, record_delimiter: 'unix', eof: true });
}

function formatCell(row: CsvRow, column: string): string {
  const value = row[column];
  if (value === undefined) throw new Error(`CSV row has no value for column "${column}"`);
  return typeof value === 'number' ? formatNumber(value) : safeCsvText(value);
}
