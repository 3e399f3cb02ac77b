import { InputError, inputError } from '../errors.js';
import { csvParser } from '../output/csv-parser.js';
import { formatCsvRows } from '../output/csv-rows.js';
import { parseNumberCell } from '../output/format-number.js';

/**
 * A CSV file as text cells: the header and the rows, nothing converted. Cells are kept as the
 * text they were written as, so that writing them back with `formatCsvRows` gives the same
 * bytes (numbers were formatted once, by the writer that made the file).
 */
export interface CsvTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * Parses CSV text; `where` names the file in messages. Every row must have every column. A
 * leading byte-order mark (a spreadsheet's "CSV UTF-8" export writes one) is skipped.
 */
export function parseCsvTable(text: string, where: string): CsvTable {
  let records: string[][];
  try {
    records = csvParser().parse(text, { relax_column_count: true, bom: true }) as string[][];
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

/**
 * Checks that the cells of `columns` are numbers as sim writes them (parseNumberCell): a
 * hand-edited "n/a" would otherwise drop out of an average without a word.
 */
export function checkNumberColumns(table: CsvTable, columns: readonly string[], where: string): void {
  const at = columns.map((c) => table.columns.indexOf(c)).filter((i) => i >= 0);
  table.rows.forEach((row, r) => {
    for (const i of at) {
      if (parseNumberCell(row[i]!) === undefined) {
        throw inputError(where, `row ${r + 2}, column ${table.columns[i]!}`, row[i]!, 'a number, or an empty cell where the value is undefined');
      }
    }
  });
}
