import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { formatCsvRows } from '../output/csv-rows.js';

/**
 * A CSV file as text cells: the header and the rows, nothing converted. Cells are kept as the
 * text they were written as, so that writing them back with `formatCsvRows` gives the same
 * bytes (numbers were formatted once, by the writer that made the file).
 */
export interface CsvTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Parses CSV text; `where` names the file in messages. Every row must have every column. */
export function parseCsvTable(text: string, where: string): CsvTable {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true }) as string[][];
  } catch (error) {
    throw new InputError(`${where}: not a CSV file: ${(error as Error).message}`);
  }
  const [columns, ...rows] = records;
  if (columns === undefined) throw new InputError(`${where}: empty file: a CSV file with a header line`);
  rows.forEach((row, i) => {
    if (row.length !== columns.length) {
      throw new InputError(`${where}: row ${i + 2}: ${row.length} cells is not allowed: one per column (${columns.length})`);
    }
  });
  return { columns, rows };
}

/** Writes a table as `formatCsvRows` does (header first, `\n` after every line). */
export function formatCsvTable(table: CsvTable): string {
  return formatCsvRows(table.columns, table.rows.map((row) => rowObject(table.columns, row)));
}

/** Rows as `formatCsvRows` takes them, without a header line. */
export function formatCsvTableRows(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return formatCsvRows(columns, rows.map((row) => rowObject(columns, row)), { header: false });
}

function rowObject(columns: readonly string[], row: readonly string[]): Record<string, string> {
  // No prototype: a grid column may be named anything.
  const object: Record<string, string> = Object.create(null);
  columns.forEach((column, i) => {
    object[column] = row[i]!;
  });
  return object;
}
