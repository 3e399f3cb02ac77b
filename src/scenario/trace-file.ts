/**
 * File-form `trace` traffic to the resolved spec: the CSV is read here, once, at load, into a
 * typed array (trace-data.ts), so that no model ever reads a file. Formats:
 *
 * - `timestamps`: a header line, then one request per row. The time is in `column` (default
 *   the first column): seconds from the scenario start (a number >= 0) or an ISO 8601 date-time
 *   at or after `start` (without a zone it is read as UTC). One kind per file. Rows need not be
 *   in order: the times are sorted.
 * - `per-minute`: a header line with columns `minute` and `count` (or the column named by
 *   `column`); `minute` is a 0-based index from the start or an ISO 8601 date-time a whole
 *   number of minutes after `start`. Rows in any order, each minute at most once; minutes
 *   not listed have no requests. The trace ends after its last minute.
 * - `azure-functions`: the Azure Functions 2019 public trace layout
 *   (invocations_per_function_md.anon.d01.csv): HashOwner, HashApp, HashFunction, Trigger,
 *   then 1440 per-minute counts "1".."1440". `function` picks the first row with that
 *   HashFunction, "sum" adds all rows, and by default the first row is replayed. Minute "1"
 *   starts at the scenario start and the day repeats for longer scenarios.
 *
 * Every problem is an InputError naming the scenario, the file, the line, the column and the
 * value: `x.json: traffic.file: traces/a.csv:5: column "t": "abc" is not allowed: ...`.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { InputError, inputError } from '../errors.js';
import type { TrafficFile } from './schema.js';
import { MinuteCounts, TraceTimes } from './trace-data.js';
import type { TraceTrafficSpec } from './types.js';

type TraceFile = Extract<TrafficFile, { type: 'trace' }>;

/** Minutes in the Azure Functions trace's day, and its fixed leading columns. */
export const AZURE_MINUTES = 1440;
export const AZURE_KEY_COLUMNS = ['HashOwner', 'HashApp', 'HashFunction', 'Trigger'] as const;
/** per-minute: an upper bound on the minute index (about 19 years), so a typo cannot allocate gigabytes. */
const MAX_MINUTE = 9_999_999;
const MAX_COUNT = 0xffff_ffff;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^\d+$/;
const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

const SECONDS_ALLOWED = 'seconds from the scenario start (a number >= 0) or an ISO 8601 date-time such as "2026-01-05T00:00:01.250Z"';

/** Where a trace is, for messages. */
interface Source {
  readonly where: string;
  readonly path: string;
  /** The file as read. */
  readonly file: string;
}

export function resolveTrace(file: TraceFile, where: string, path: string, startEpochMs: number): TraceTrafficSpec {
  if (file.column !== undefined && file.format === 'azure-functions') {
    throw inputError(where, `${path}.column`, file.column, 'no column for format "azure-functions" (use "function" to pick a row)');
  }
  if (file.function !== undefined && file.format !== 'azure-functions') {
    throw inputError(where, `${path}.function`, file.function, 'no function unless format is "azure-functions"');
  }
  const source: Source = { where, path, file: tracePath(file.file, where) };
  const text = readTraceText(file, source);
  const common = { type: 'trace', format: file.format, file: source.file, timeScale: file.timeScale } as const;
  switch (file.format) {
    case 'timestamps':
      return { ...common, function: null, data: readTimestamps(text, source, file.column, startEpochMs), repeatMinutes: null };
    case 'per-minute':
      return { ...common, function: null, data: readPerMinute(text, source, file.column ?? 'count', startEpochMs), repeatMinutes: null };
    case 'azure-functions':
      return { ...common, function: file.function ?? null, data: readAzure(text, source, file.function), repeatMinutes: AZURE_MINUTES };
  }
}

/**
 * The earliest instant (ms since the epoch) of a trace whose times are ISO 8601 date-times
 * (`timestamps`, or `per-minute` minutes), or null when its times are seconds or minute
 * indices from the start, or for `azure-functions`. A scenario without `start` takes it from
 * here, so that a log replayed as it was recorded starts at its first request (issue 11).
 * Rows it cannot read are left to resolveTrace to report.
 */
export function traceFirstInstant(file: TraceFile, where: string, path: string): number | null {
  if (file.format === 'azure-functions') return null;
  const source: Source = { where, path, file: tracePath(file.file, where) };
  const text = readTraceText(file, source);
  let index = 0;
  let first: number | null = null;
  let numeric = false;
  eachRow(
    text,
    source,
    (header) => {
      const name = file.format === 'per-minute' ? 'minute' : file.column;
      index = name === undefined ? 0 : Math.max(0, header.indexOf(name));
    },
    (fields) => {
      const value = fields[index] ?? '';
      const seconds = isoSeconds(value, 0);
      if (seconds === undefined) {
        numeric = true;
        return STOP;
      }
      const ms = seconds * 1000;
      if (first === null || ms < first) first = ms;
    },
  );
  return numeric ? null : first;
}

/** Relative to the scenario file's folder (to the working directory for an in-memory scenario). */
export function tracePath(file: string, where: string): string {
  return isAbsolute(file) || where === '' ? file : join(dirname(where), file);
}

function readTraceText(file: TraceFile, source: Source): string {
  try {
    return readFileSync(source.file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : String(code ?? error);
    throw inputError(source.where, `${source.path}.file`, file.file, `a readable CSV file (${source.file}: ${reason})`);
  }
}

function rowError(source: Source, line: number, column: string, value: unknown, allowed: string): InputError {
  return inputError(source.where, `${source.path}.file: ${source.file}:${line}: column "${column}"`, value, allowed);
}

function fileError(source: Source, line: number, problem: string): InputError {
  const location = [source.where, `${source.path}.file: ${source.file}:${line}`].filter((s) => s !== '').join(': ');
  return new InputError(`${location}: ${problem}`);
}

/** Thrown from a row handler to stop parsing early (never escapes `eachRow`). */
const STOP = Symbol('stop');

/**
 * Calls onHeader with the first record and onRow with each later one and its line number
 * (1-based, counting the header), without keeping the rows: a large trace costs its text and
 * the typed array, not an array of arrays. onRow may return STOP to end early. Blank lines are
 * skipped, fields trimmed, a byte-order mark ignored; a row with a different number of fields
 * than the header is an error.
 */
function eachRow(
  text: string,
  source: Source,
  onHeader: (header: readonly string[]) => void,
  onRow: (fields: readonly string[], line: number) => typeof STOP | void,
  /** Lines of the file left out of `text` after the header (see oneFunction). */
  skippedLines = 0,
): void {
  let header = true;
  try {
    parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      on_record: (record: string[], context: { lines: number }) => {
        if (header) {
          header = false;
          onHeader(record);
        } else if (onRow(record, context.lines + skippedLines) === STOP) {
          throw STOP;
        }
        return null;
      },
    });
  } catch (error) {
    if (error === STOP) return;
    if (error instanceof CsvError) {
      const line = (error as unknown as { lines: number }).lines;
      throw fileError(source, line > 1 ? line + skippedLines : line, `not valid CSV: ${error.message}`);
    }
    throw error;
  }
  if (header) throw fileError(source, 1, 'a header line is required, and the file is empty');
}

function columnIndex(header: readonly string[], name: string, source: Source, option: string): number {
  const index = header.indexOf(name);
  if (index < 0) {
    throw fileError(source, 1, `no column "${name}"${option}; the header has ${header.map((h) => JSON.stringify(h)).join(', ')}`);
  }
  return index;
}

/**
 * Seconds from the start of an ISO 8601 date-time, or undefined if `text` is not one. The
 * fraction is added separately, because Date.parse keeps only milliseconds.
 */
function isoSeconds(text: string, startEpochMs: number): number | undefined {
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const zone = m[4] === undefined ? 'Z' : m[4].toUpperCase() === 'Z' ? 'Z' : `${m[4].slice(0, 3)}:${m[4].slice(-2)}`;
  const ms = Date.parse(`${m[1]}T${m[2]}${zone}`);
  if (!Number.isFinite(ms)) return undefined;
  return (ms - startEpochMs) / 1000 + (m[3] === undefined ? 0 : Number(`0${m[3]}`));
}

function readTimestamps(text: string, source: Source, column: string | undefined, startEpochMs: number): TraceTimes {
  let index = 0;
  let name = '';
  const times: number[] = [];
  let kind: 'seconds' | 'iso' | null = null;
  let kindLine = 0;
  eachRow(
    text,
    source,
    (header) => {
      index = column === undefined ? 0 : columnIndex(header, column, source, ' (traffic.column)');
      name = header[index]!;
    },
    (fields, line) => {
      const value = fields[index]!;
      let seconds: number | undefined;
      let found: 'seconds' | 'iso';
      if (NUMBER.test(value)) {
        seconds = Number(value);
        found = 'seconds';
      } else {
        seconds = isoSeconds(value, startEpochMs);
        found = 'iso';
      }
      if (seconds === undefined || !Number.isFinite(seconds)) throw rowError(source, line, name, value, SECONDS_ALLOWED);
      if (kind !== null && found !== kind) {
        const was = kind === 'seconds' ? 'seconds from the start' : 'ISO 8601 date-times';
        throw rowError(source, line, name, value, `${was}, like line ${kindLine}: one kind of time per file`);
      }
      if (kind === null) {
        kind = found;
        kindLine = line;
      }
      if (seconds < 0) {
        throw rowError(source, line, name, value, `a time at or after the scenario start (this is ${-seconds} s before it)`);
      }
      times.push(seconds);
    },
  );
  if (times.length === 0) throw fileError(source, 2, 'at least one request row is required after the header');
  return new TraceTimes(Float64Array.from(times).sort());
}

function readPerMinute(text: string, source: Source, countColumn: string, startEpochMs: number): MinuteCounts {
  let minuteAt = 0;
  let countAt = 0;
  const rows: { minute: number; count: number; line: number }[] = [];
  let last = -1;
  eachRow(
    text,
    source,
    (header) => {
      minuteAt = columnIndex(header, 'minute', source, '');
      countAt = columnIndex(header, countColumn, source, countColumn === 'count' ? '' : ' (traffic.column)');
    },
    (fields, line) => {
      const minute = minuteIndex(fields[minuteAt]!, startEpochMs);
      if (minute === undefined) {
        throw rowError(
          source,
          line,
          'minute',
          fields[minuteAt],
          `a minute index from 0 to ${MAX_MINUTE}, or an ISO 8601 date-time a whole number of minutes at or after the scenario start`,
        );
      }
      const count = parseCount(fields[countAt]!);
      if (count === undefined) throw rowError(source, line, countColumn, fields[countAt], `a request count: an integer from 0 to ${MAX_COUNT}`);
      rows.push({ minute, count, line });
      last = Math.max(last, minute);
    },
  );
  if (rows.length === 0) throw fileError(source, 2, 'at least one minute row is required after the header');
  const counts = new Uint32Array(last + 1);
  const lineOf = new Uint32Array(last + 1);
  for (const { minute, count, line } of rows) {
    if (lineOf[minute] !== 0) {
      throw rowError(source, line, 'minute', minute, `a minute not listed before (line ${lineOf[minute]} has minute ${minute})`);
    }
    lineOf[minute] = line;
    counts[minute] = count;
  }
  return new MinuteCounts(counts);
}

function minuteIndex(text: string, startEpochMs: number): number | undefined {
  let minute: number | undefined;
  if (INTEGER.test(text)) minute = Number(text);
  else {
    const seconds = isoSeconds(text, startEpochMs);
    minute = seconds === undefined ? undefined : seconds / 60;
  }
  return minute !== undefined && Number.isInteger(minute) && minute >= 0 && minute <= MAX_MINUTE ? minute : undefined;
}

function parseCount(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const count = Number(text);
  return count <= MAX_COUNT ? count : undefined;
}

function readAzure(text: string, source: Source, fn: string | undefined): MinuteCounts {
  const sums = new Float64Array(AZURE_MINUTES);
  let matched = 0;
  const narrowed = fn === undefined || fn === 'sum' ? null : oneFunction(text, fn);
  eachRow(
    narrowed?.text ?? text,
    source,
    (header) => checkAzureHeader(header, source),
    (fields, line) => {
      const all = fn === 'sum';
      if (!all && fn !== undefined && fields[2] !== fn) return;
      for (let m = 0; m < AZURE_MINUTES; m++) {
        const cell = fields[AZURE_KEY_COLUMNS.length + m]!;
        const count = parseCount(cell);
        if (count === undefined) {
          throw rowError(source, line, String(m + 1), cell, `a request count: an integer from 0 to ${MAX_COUNT}`);
        }
        sums[m]! += count;
      }
      matched++;
      if (!all) return STOP;
    },
    narrowed?.skippedLines ?? 0,
  );
  if (matched === 0) {
    if (fn !== undefined && fn !== 'sum') {
      throw inputError(source.where, `${source.path}.function`, fn, `a HashFunction found in ${source.file}, or "sum" (no row has this one)`);
    }
    throw fileError(source, 2, 'at least one function row is required after the header');
  }
  const counts = new Uint32Array(AZURE_MINUTES);
  for (let m = 0; m < AZURE_MINUTES; m++) {
    if (sums[m]! > MAX_COUNT) throw fileError(source, 1, `the rows add up to ${sums[m]} requests in minute ${m + 1}, more than ${MAX_COUNT}`);
    counts[m] = sums[m]!;
  }
  return new MinuteCounts(counts);
}

/**
 * The header line and the first line whose third field is `fn`, found by text search, with
 * the number of lines skipped between them; null when the file has quotes (a quoted field may
 * hold a comma or a line break, so lines are not records) or no line matches. csv-parse reads
 * about 4 MB/s, so a named function in the full 2019 day (about 46,000 rows) would take half
 * a minute to find by parsing every row; the published files have no quotes.
 */
function oneFunction(text: string, fn: string): { text: string; skippedLines: number } | null {
  if (text.includes('"')) return null;
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0) return null;
  for (let at = text.indexOf(`,${fn},`, headerEnd); at >= 0; at = text.indexOf(`,${fn},`, at + 1)) {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    let commas = 0;
    for (let i = lineStart; i <= at; i++) if (text.charCodeAt(i) === 44) commas++;
    if (commas !== 2) continue; // `fn` is not the HashFunction field of this line
    const lineEnd = text.indexOf('\n', at);
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
    return {
      text: `${text.slice(0, headerEnd + 1)}${text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd + 1)}`,
      skippedLines: line - 2,
    };
  }
  return null;
}

function checkAzureHeader(header: readonly string[], source: Source): void {
  const expected = (i: number): string => (i < AZURE_KEY_COLUMNS.length ? AZURE_KEY_COLUMNS[i]! : String(i - AZURE_KEY_COLUMNS.length + 1));
  const width = AZURE_KEY_COLUMNS.length + AZURE_MINUTES;
  const layout = `the Azure Functions layout: ${AZURE_KEY_COLUMNS.join(', ')}, then "1" to "${AZURE_MINUTES}" (${width} columns)`;
  for (let i = 0; i < width; i++) {
    if (header[i] !== expected(i)) {
      const found = header[i] === undefined ? `only ${header.length} columns` : `column ${i + 1} is ${JSON.stringify(header[i])}, not "${expected(i)}"`;
      throw fileError(source, 1, `a header in ${layout}; ${found}`);
    }
  }
  if (header.length > width) throw fileError(source, 1, `a header in ${layout}; it has ${header.length} columns`);
}
