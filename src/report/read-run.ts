import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { InputError, inputError } from '../errors.js';
import { parseCsvTable } from '../experiment/csv-table.js';
import { SUMMARY_FIELDS, TEXT_SUMMARY_FIELDS, type SummaryRecord } from '../metrics/summary.js';
import { TIMELINE_FIELDS, type TimelineRow } from '../metrics/timeline-fields.js';
import { csvParser } from '../output/csv-parser.js';
import { parseNumberCell } from '../output/format-number.js';
import { unquoteCsvText } from '../output/safe-cell.js';
import { checkRunManifest } from '../output/run-manifest.js';
import { TimelineCollector } from './timeline-series.js';

const TEXT_FIELDS: ReadonlySet<string> = new Set([...TEXT_SUMMARY_FIELDS, 'time']);

/**
 * A numeric cell as sim writes it: a finite number, or empty where a value is undefined. `NaN`,
 * `inf` or any other text is refused with the file, line and column named (a hand-edited or
 * foreign file would otherwise draw a broken chart).
 */
function numberCell(cell: string, where: string, field: string): number {
  const value = parseNumberCell(cell);
  if (value === undefined || (!Number.isFinite(value) && !Number.isNaN(value))) {
    throw inputError(where, field, cell, 'a finite number, or an empty cell where the value is undefined');
  }
  return value;
}

/** Reads `summary.csv` as written by `sim run --out`: one record per platform. */
export async function readSummaryCsv(path: string): Promise<SummaryRecord[]> {
  const text = await readText(path, 'summary.csv as written by sim run --out DIR');
  const table = parseCsvTable(text, path);
  const missing = SUMMARY_FIELDS.filter((field) => !table.columns.includes(field));
  if (missing.length > 0) {
    throw new InputError(`${path}: not a run summary: missing column${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}`);
  }
  if (table.rows.length === 0) throw new InputError(`${path}: no platforms: a summary has one row per platform`);
  return table.rows.map((row) => {
    const record: Record<string, string | number> = {};
    for (const field of SUMMARY_FIELDS) {
      const cell = row[table.columns.indexOf(field)]!;
      record[field] = TEXT_FIELDS.has(field) ? unquoteCsvText(cell) : numberCell(cell, path, field);
    }
    return record as SummaryRecord;
  });
}

/**
 * Streams `timeline.csv` (1.2 million rows for a week at 1 s for two platforms, about 150 MB)
 * into `collector`, one line at a time, so memory stays at the collector's buckets.
 */
export async function readTimelineCsv(path: string, collector: TimelineCollector): Promise<void> {
  await readText(path, 'timeline.csv as written by sim run --out DIR', false);
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let columns: string[] | undefined;
  let at: number[] = [];
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line === '') continue;
    const cells = splitCsvLine(line);
    if (columns === undefined) {
      columns = cells;
      const missing = TIMELINE_FIELDS.filter((field) => !cells.includes(field));
      if (missing.length > 0) throw new InputError(`${path}: not a timeline: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
      at = TIMELINE_FIELDS.map((field) => cells.indexOf(field));
      continue;
    }
    if (cells.length !== columns.length) {
      throw new InputError(`${path}: line ${lineNumber}: ${cells.length} cells is not allowed: one per column (${columns.length})`);
    }
    const row: Record<string, string | number> = {};
    TIMELINE_FIELDS.forEach((field, i) => {
      const cell = cells[at[i]!]!;
      row[field] = TEXT_FIELDS.has(field) ? unquoteCsvText(cell) : numberCell(cell, `${path}: line ${lineNumber}`, field);
    });
    collector.add(row as TimelineRow);
  }
  if (columns === undefined) throw new InputError(`${path}: empty file: a timeline with a header line`);
}

/** A CSV line's cells: a plain split when nothing is quoted (every line sim writes), else csv-parse. */
function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  return (csvParser().parse(line) as string[][])[0] ?? [];
}

async function readText(path: string, what: string, read = true): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(`${path}: not a file: expected ${what}`);
    return read ? await readFile(path, 'utf8') : '';
  } catch (error) {
    if (error instanceof InputError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`${path}: no such file: expected ${what}`);
    throw error;
  }
}

/** A run directory's summary and downsampled timeline. */
export async function readRunDirectory(dir: string, maxPoints: number): Promise<{ records: SummaryRecord[]; timeline: TimelineCollector }> {
  // The files must be one run's (a run killed between its renames leaves a mix): manifest first.
  await checkRunManifest(dir, ['summary.csv', 'timeline.csv']);
  const records = await readSummaryCsv(join(dir, 'summary.csv'));
  const timeline = new TimelineCollector(maxPoints);
  await readTimelineCsv(join(dir, 'timeline.csv'), timeline);
  return { records, timeline };
}
