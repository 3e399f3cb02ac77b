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
 *
 * Start and duration from the trace: a trace of ISO date-times read by a scenario without
 * `start` sets the start to the whole second of its first request, and a scenario without
 * `duration` takes the shortest whole-second span that holds every request of its traces
 * (TraceWindow). So a log's timestamps replay as they are, never against a default start that
 * does not overlap them (which used to give `requests_arrived 0` without a word), and a trace
 * that the given start and duration miss entirely is an error (resolve.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { InputError, inputError } from '../errors.js';
import { csvParser } from '../output/csv-parser.js';
import type { TrafficFile } from './schema.js';
import { visitRecordsBySlice } from './csv-slices.js';
import { sha256 } from './text-hash.js';
import { MinuteCounts, sharedArray, TraceTimes } from './trace-data.js';
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

const MINUTE_ALLOWED = `a minute index from 0 to ${MAX_MINUTE}, or an ISO 8601 date-time a whole number of minutes at or after the scenario start`;
const SECONDS_ALLOWED = 'seconds from the scenario start (a number >= 0) or an ISO 8601 date-time such as "2026-01-05T00:00:01.250Z"';

/** Where a trace is, for messages. */
interface Source {
  readonly where: string;
  readonly path: string;
  /** The file as read. */
  readonly file: string;
}

/**
 * What the traces of one scenario tell about its time window, filled in as they are read.
 * `startEpochMs` is the scenario's start when the file gives one; null until the first trace
 * of ISO times sets it (then `startFromTrace`). `end` is the shortest duration (seconds) that
 * holds every request of the traces read, `first` the earliest request (Infinity for none),
 * `repeats` true when a trace repeats forever (azure-functions: it has no end of its own).
 */
export interface TraceWindow {
  startEpochMs: number | null;
  startFromTrace: boolean;
  end: number;
  first: number;
  repeats: boolean;
}

export function traceWindow(startEpochMs: number | null): TraceWindow {
  return { startEpochMs, startFromTrace: false, end: 0, first: Infinity, repeats: false };
}

/**
 * Sets the window's start from a trace's earliest ISO time (epoch ms) when the file gave none:
 * the whole second at or before it, so the start is a tidy ISO time and the first request
 * arrives within the first second.
 */
function startFromTrace(window: TraceWindow, earliestEpochMs: number): number {
  if (window.startEpochMs === null) {
    window.startEpochMs = Math.floor(earliestEpochMs / 1000) * 1000;
    window.startFromTrace = true;
  }
  return window.startEpochMs;
}

export function resolveTrace(file: TraceFile, where: string, path: string, window: TraceWindow): TraceTrafficSpec {
  if (file.column !== undefined && file.format === 'azure-functions') {
    throw inputError(where, `${path}.column`, file.column, 'no column for format "azure-functions" (use "function" to pick a row)');
  }
  if (file.function !== undefined && file.format !== 'azure-functions') {
    throw inputError(where, `${path}.function`, file.function, 'no function unless format is "azure-functions"');
  }
  const source: Source = { where, path, file: tracePath(file.file, where) };
  const trace = traceText(file, source);
  const text = trace.text;
  const common = { type: 'trace', format: file.format, file: source.file, timeScale: file.timeScale } as const;
  switch (file.format) {
    case 'timestamps': {
      const data = readOnce(trace.hash, source, file, window, () => fastThenExact((walk) => readTimestamps(text(), source, file.column, window, walk)));
      window.first = Math.min(window.first, data.at(0) * file.timeScale);
      // The last request strictly inside: a whole second past it.
      window.end = Math.max(window.end, Math.floor(data.at(data.length - 1) * file.timeScale) + 1);
      return { ...common, function: null, data, repeatMinutes: null };
    }
    case 'per-minute': {
      const data = readOnce(trace.hash, source, file, window, () => fastThenExact((walk) => readPerMinute(text(), source, file.column ?? 'count', window, walk)));
      let m = 0;
      while (m < data.minutes && data.at(m) === 0) m++;
      window.first = Math.min(window.first, m * 60 * file.timeScale);
      window.end = Math.max(window.end, data.minutes * 60 * file.timeScale);
      return { ...common, function: null, data, repeatMinutes: null };
    }
    case 'azure-functions':
      window.first = Math.min(window.first, 0);
      window.end = Math.max(window.end, AZURE_MINUTES * 60 * file.timeScale);
      window.repeats = true;
      return { ...common, function: file.function ?? null, data: readOnce(trace.hash, source, file, window, () => fastThenExact((walk) => readAzure(text(), source, file.function, walk))), repeatMinutes: AZURE_MINUTES };
  }
}

/** A trace read, by what it was read from: its text's hash, how it was read, and the start it was read against. */
interface ReadTrace<D> {
  readonly data: D;
  /** The start the trace set (startFromTrace), or null when the scenario gave it. */
  readonly startSet: number | null;
  /** The file and its text's hash it was read from (traceReads hands them on with the data). */
  readonly file: string;
  readonly hash: string;
}

/** The last traces read in this thread (a few: a scenario may have several, a sweep varies one). */
const READ = new Map<string, ReadTrace<TraceTimes | MinuteCounts>>();
const READ_KEPT = 4;

/**
 * `read()`, or what it gave before for the same text read the same way against the same start.
 * Every resolution of a scenario reads its trace (sim run resolves the scenario once for the
 * run and once per alternative, break-even and sensitivity step), and parsing a million-row
 * CSV takes seconds where hashing its text takes milliseconds: a `sim run` of a two-day nginx
 * log (1.0 M requests) parsed it 7 times, 24 s of its 25 s. The file is still read each time,
 * so an edit between two resolutions is seen, as before. The data is never changed after it
 * is read (trace-data.ts), so one copy serves every scenario; errors are not kept (each
 * resolution reports its own, naming its scenario).
 */
function readOnce<D extends TraceTimes | MinuteCounts>(hash: string, source: Source, file: TraceFile, window: TraceWindow, read: () => D): D {
  const key = [hash, source.file, file.format, file.column ?? '', file.function ?? '', String(window.startEpochMs)].join('\u0000');
  const known = READ.get(key);
  if (known !== undefined) {
    if (known.startSet !== null) startFromTrace(window, known.startSet);
    return known.data as D;
  }
  const before = window.startEpochMs;
  const data = read();
  remember(key, { data, startSet: before === null && window.startFromTrace ? window.startEpochMs : null, file: source.file, hash });
  return data;
}

/** Keeps a trace read, the oldest forgotten past READ_KEPT. */
function remember(key: string, read: ReadTrace<TraceTimes | MinuteCounts>): void {
  READ.set(key, read);
  if (READ.size > READ_KEPT) READ.delete(READ.keys().next().value!);
}

/** A trace read in one thread, as another takes it: what it was read from, and its data's shared memory. */
export interface TraceRead {
  readonly key: string;
  readonly kind: 'timestamps' | 'per-minute';
  readonly buffer: SharedArrayBuffer;
  readonly startSet: number | null;
  /**
   * The file's version and its text's hash, as this thread found them (traceText): a thread
   * that finds the file at the same version takes the hash, and so the data, without reading
   * and hashing the text again (a 127 MB log was read and hashed once per worker thread, which
   * held it twice over meanwhile: a third of the peak memory of its `sim run`).
   */
  readonly text?: { readonly file: string; readonly version: string; readonly hash: string };
}

/**
 * The traces this thread has read, for the worker threads it sends jobs to (job-pool.ts): a
 * worker resolving the same scenario then hashes the trace's text and finds it read, instead
 * of parsing it again (a million-row CSV is seconds of csv-parse in every thread).
 */
export function traceReads(): TraceRead[] {
  const reads: TraceRead[] = [];
  for (const [key, { data, startSet, file, hash }] of READ) {
    if (!(data.buffer instanceof SharedArrayBuffer)) continue;
    const text = HASHED.get(file);
    reads.push({ key, kind: data.kind, buffer: data.buffer, startSet, ...(text !== undefined && text.hash === hash ? { text: { file, ...text } } : {}) });
  }
  return reads;
}

/** Takes the traces another thread read (traceReads) as if this thread had read them. */
export function adoptTraceReads(reads: readonly TraceRead[]): void {
  for (const { key, kind, buffer, startSet, text } of reads) {
    if (text !== undefined && !HASHED.has(text.file)) HASHED.set(text.file, { version: text.version, hash: text.hash });
    if (READ.has(key)) continue;
    const data = kind === 'timestamps' ? new TraceTimes(new Float64Array(buffer)) : new MinuteCounts(new Uint32Array(buffer));
    remember(key, { data, startSet, file: text?.file ?? '', hash: text?.hash ?? '' });
  }
}

/** Relative to the scenario file's folder (to the working directory for an in-memory scenario). */
export function tracePath(file: string, where: string): string {
  return isAbsolute(file) || where === '' ? file : join(dirname(where), file);
}

/** The hash of each trace file's text this thread has read, by path, with the file version (size, mtime) it was read at. */
const HASHED = new Map<string, { readonly version: string; readonly hash: string }>();

/**
 * A trace file's text, read when asked for, and its hash: kept per file version (size and
 * modification time to the nanosecond), so that resolving the same scenario again (each
 * alternative, each end of each assumption's range: dozens of times in a `sim run`) neither
 * reads nor hashes a large CSV again once its data is known (readOnce).
 */
function traceText(file: TraceFile, source: Source): { readonly hash: string; readonly text: () => Buffer } {
  const stat = guardRead(file, source, () => statSync(source.file, { bigint: true }));
  const version = `${stat.size}\u0000${stat.mtimeNs}`;
  // The bytes, never one string of them all: V8 cannot make a string of more than 512 MiB (a
  // week of a busy service's log), and csv-parse reads bytes anyway.
  let text: Buffer | undefined;
  const read = (): Buffer => (text ??= guardRead(file, source, () => readFileSync(source.file)));
  const known = HASHED.get(source.file);
  if (known !== undefined && known.version === version) return { hash: known.hash, text: read };
  const hash = sha256(read());
  HASHED.set(source.file, { version, hash });
  return { hash, text: read };
}

/** Runs a read of the trace file, a failure as bad input naming the scenario's field. */
function guardRead<T>(file: TraceFile, source: Source, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_FS_FILE_TOO_LARGE') {
      // Node reads no file of more than 2 GiB into memory at once (its fs limit).
      throw inputError(
        source.where,
        `${source.path}.file`,
        file.file,
        `a CSV file of at most 2 GiB (${source.file} is ${(statSync(source.file).size / 2 ** 30).toFixed(1)} GiB): replay a shorter stretch of the log, or its requests per minute (format "per-minute")`,
      );
    }
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
 * How rows are walked. `exact`: csv-parse's on_record, with each row's line number as csv-parse
 * counts it. `fast`: slices of lines (csv-slices.ts), several times cheaper on a large log, when
 * the text's lines are its records; each row then gets a stand-in line number (its row index
 * plus one: positive, increasing), so a read made fast is only kept when it succeeds, and any
 * error is reported by reading again exactly (fastThenExact).
 */
type RowWalk = 'fast' | 'exact';

/** A row whose field count differs from the header's, met by the fast walk: the exact walk says where (csv-parse's own error). */
const NOT_FAST = Symbol('not fast');

/**
 * `read(walk)` with the fast walk, and again with the exact one when it throws bad input (or
 * meets what only the exact walk reports), so that every message names the very line it named
 * before. What a read returns does not depend on the walk: only messages carry line numbers.
 */
function fastThenExact<T>(read: (walk: RowWalk) => T): T {
  try {
    return read('fast');
  } catch (error) {
    if (error !== NOT_FAST && !(error instanceof InputError)) throw error;
    return read('exact');
  }
}

/**
 * Calls onHeader with the first record and onRow with each later one and its line number
 * (1-based, counting the header), without keeping the rows: a large trace costs its text and
 * the typed array, not an array of arrays. onRow may return STOP to end early. Blank lines are
 * skipped, fields trimmed, a byte-order mark ignored; a row with a different number of fields
 * than the header is an error. `walk`: see RowWalk.
 */
function eachRow(
  text: string | Buffer,
  source: Source,
  onHeader: (header: readonly string[]) => void,
  onRow: (fields: readonly string[], line: number) => typeof STOP | void,
  /** Lines of the file left out of `text` after the header (see oneFunction). */
  skippedLines = 0,
  walk: RowWalk = 'exact',
): void {
  if (walk === 'fast' && fastRows(text, onHeader, onRow)) return;
  let header = true;
  try {
    csvParser().parse(text, {
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
    if (error instanceof csvParser().CsvError) {
      const line = (error as unknown as { lines: number }).lines;
      throw fileError(source, line > 1 ? line + skippedLines : line, `not valid CSV: ${error.message}`);
    }
    throw error;
  }
  if (header) throw fileError(source, 1, 'a header line is required, and the file is empty');
}

/** eachRow's fast walk; false when the text cannot be walked so (the exact walk then reads it). */
function fastRows(text: string | Buffer, onHeader: (header: readonly string[]) => void, onRow: (fields: readonly string[], line: number) => typeof STOP | void): boolean {
  let width = -1;
  let row = 0;
  let walked: boolean;
  try {
    walked = visitRecordsBySlice(text, (record) => {
      if (width < 0) {
        width = record.length;
        onHeader(record);
        return true;
      }
      if (record.length !== width) throw NOT_FAST;
      row++;
      return onRow(record, row + 1) !== STOP;
    });
  } catch (error) {
    // csv-parse's error within a slice would name the slice's line: the exact walk names the file's.
    throw error instanceof csvParser().CsvError ? NOT_FAST : error;
  }
  // An empty file: the exact walk says so.
  if (walked && width < 0) throw NOT_FAST;
  return walked;
}

function columnIndex(header: readonly string[], name: string, source: Source, option: string): number {
  const index = header.indexOf(name);
  if (index < 0) {
    throw fileError(source, 1, `no column "${name}"${option}; the header has ${header.map((h) => JSON.stringify(h)).join(', ')}`);
  }
  return index;
}

/**
 * An ISO 8601 date-time as whole-second epoch milliseconds and the fraction of a second, or
 * undefined if `text` is not one. The fraction is kept apart because Date.parse keeps only
 * milliseconds and a log may have microseconds.
 */
function isoTime(text: string): { ms: number; fraction: number } | undefined {
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const zone = m[4] === undefined ? 'Z' : m[4].toUpperCase() === 'Z' ? 'Z' : `${m[4].slice(0, 3)}:${m[4].slice(-2)}`;
  const whole = `${m[1]}T${m[2]}${zone}`;
  // A log's rows come about in time order, several a second: the second just parsed is often
  // the next row's too, and Date.parse was most of the time of reading a log of ISO times.
  if (whole !== lastWhole) {
    lastWhole = whole;
    lastMs = Date.parse(whole);
  }
  const ms = lastMs;
  if (!Number.isFinite(ms)) return undefined;
  // ".25" is the number 0.25, as "0.25" is (Number reads both to the same double).
  return { ms, fraction: m[3] === undefined ? 0 : Number(m[3]) };
}

/** isoTime's last whole second: its text and what Date.parse made of it. */
let lastWhole = '';
let lastMs = NaN;

function readTimestamps(text: Buffer, source: Source, column: string | undefined, window: TraceWindow, walk: RowWalk): TraceTimes {
  let index = 0;
  let name = '';
  const times: number[] = [];
  let kind: 'seconds' | 'iso' | null = null;
  let kindLine = 0;
  // ISO times are kept as seconds from the first one read (`base`, whole-second epoch ms) and
  // moved to the scenario start at the end, when the start is known (it may come from them).
  let base = 0;
  let earliest = Infinity;
  let earliestLine = 0;
  let earliestValue = '';
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
        const iso = isoTime(value);
        if (iso !== undefined && times.length === 0) base = iso.ms;
        seconds = iso === undefined ? undefined : (iso.ms - base) / 1000 + iso.fraction;
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
      if (seconds < earliest) {
        earliest = seconds;
        earliestLine = line;
        earliestValue = value;
      }
      times.push(seconds);
    },
    0,
    walk,
  );
  if (times.length === 0) throw fileError(source, 2, 'at least one request row is required after the header');
  let shift = 0;
  if (kind === 'iso') {
    const start = startFromTrace(window, base + Math.floor(earliest) * 1000);
    shift = (base - start) / 1000;
  }
  if (earliest + shift < 0) {
    throw rowError(source, earliestLine, name, earliestValue, `a time at or after the scenario start (this is ${-(earliest + shift)} s before it)`);
  }
  const array = sharedArray(Float64Array, times.length);
  array.set(times);
  if (shift !== 0) for (let i = 0; i < array.length; i++) array[i] = array[i]! + shift;
  return new TraceTimes(ascending(array) ? array : array.sort());
}

/**
 * Whether `a` is in the order its sort() gives already (a log's rows usually are: no sort
 * needed). That order puts -0 before +0 (a row "-0" is a time at the start).
 */
function ascending(a: Float64Array): boolean {
  for (let i = 1; i < a.length; i++) {
    const x = a[i - 1]!;
    const y = a[i]!;
    if (x > y || (x === 0 && y === 0 && 1 / x > 1 / y)) return false;
  }
  return true;
}

function readPerMinute(text: Buffer, source: Source, countColumn: string, window: TraceWindow, walk: RowWalk): MinuteCounts {
  let minuteAt = 0;
  let countAt = 0;
  const rows: { minute: number; count: number; line: number }[] = [];
  const isoRows: { ms: number; fraction: number; count: number; line: number; text: string }[] = [];
  eachRow(
    text,
    source,
    (header) => {
      minuteAt = columnIndex(header, 'minute', source, '');
      countAt = columnIndex(header, countColumn, source, countColumn === 'count' ? '' : ' (traffic.column)');
    },
    (fields, line) => {
      const text = fields[minuteAt]!;
      const count = parseCount(fields[countAt]!);
      if (count === undefined) throw rowError(source, line, countColumn, fields[countAt], `a request count: an integer from 0 to ${MAX_COUNT}`);
      const iso = INTEGER.test(text) ? undefined : isoTime(text);
      if (iso !== undefined) isoRows.push({ ...iso, count, line, text });
      else {
        const minute = INTEGER.test(text) ? Number(text) : undefined;
        if (minute === undefined || minute > MAX_MINUTE) throw rowError(source, line, 'minute', text, MINUTE_ALLOWED);
        rows.push({ minute, count, line });
      }
    },
    0,
    walk,
  );
  if (rows.length + isoRows.length === 0) throw fileError(source, 2, 'at least one minute row is required after the header');
  if (isoRows.length > 0) {
    const start = startFromTrace(window, Math.min(...isoRows.map((r) => r.ms)));
    for (const r of isoRows) {
      const minute = ((r.ms - start) / 1000 + r.fraction) / 60;
      if (!(Number.isInteger(minute) && minute >= 0 && minute <= MAX_MINUTE)) throw rowError(source, r.line, 'minute', r.text, MINUTE_ALLOWED);
      rows.push({ minute, count: r.count, line: r.line });
    }
  }
  let last = -1;
  for (const r of rows) last = Math.max(last, r.minute);
  const counts = sharedArray(Uint32Array, last + 1);
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

function parseCount(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const count = Number(text);
  return count <= MAX_COUNT ? count : undefined;
}

function readAzure(text: Buffer, source: Source, fn: string | undefined, walk: RowWalk): MinuteCounts {
  const sums = new Float64Array(AZURE_MINUTES);
  let matched = 0;
  const narrowed = fn === undefined || fn === 'sum' ? null : oneFunction(text.toString('utf8'), fn);
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
    walk,
  );
  if (matched === 0) {
    if (fn !== undefined && fn !== 'sum') {
      throw inputError(source.where, `${source.path}.function`, fn, `a HashFunction found in ${source.file}, or "sum" (no row has this one)`);
    }
    throw fileError(source, 2, 'at least one function row is required after the header');
  }
  const counts = sharedArray(Uint32Array, AZURE_MINUTES);
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
