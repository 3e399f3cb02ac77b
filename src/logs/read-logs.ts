/**
 * Reads request logs into a LogSample, streaming: each file line by line (gzip accepted, found
 * by its magic bytes), nothing kept but the numbers of each request. Formats (`auto` tells
 * them apart by the first line that is not blank):
 *
 * - `cloud-logging`: Cloud Logging exports of Cloud Run request logs or external Application
 *   Load Balancer logs: a JSON array (`gcloud logging read --format=json`) or one entry per
 *   line (NDJSON). cloud-logging-entry.ts.
 * - `nginx`, `apache`: the combined format with the request time appended. combined-line.ts.
 * - `uvicorn`: uvicorn's access log with a time stamp. uvicorn-line.ts.
 *
 * A malformed line or entry is reported with its file and line number and skipped (counted),
 * or, with `strict`, is an InputError. Lines that are not requests (an application's own log
 * entries, server start-up messages) are counted apart and are never an error.
 *
 * Arrival times: the time a log stamps is taken as the request's arrival (`timestampAt:
 * 'start'`) or its completion (`'end'`: the arrival is the stamp minus the latency). Defaults
 * per format, an assumption each: Cloud Logging `start` (LogEntry.timestamp is "the time the
 * event described by the log entry occurred"; the request's receipt is read as that event),
 * nginx `end` ($time_local is written when the request completes), Apache `start` (%t is
 * "the time the request was received"), uvicorn `end` (the line is written with the
 * response). Whole-second stamps (nginx, Apache) say nothing of the order within the second:
 * the n requests stamped in one second are spread evenly across it, the k-th (0-based) at
 * (k + 0.5) / n, in log order, which keeps every second's count exactly.
 */
import { JSONParser } from '@streamparser/json';
import { InputError } from '../errors.js';
import { cloudLoggingEntry } from './cloud-logging-entry.js';
import { combinedFlavour, combinedLine, looksCombined } from './combined-line.js';
import { readLines } from './line-source.js';
import { NOT_A_REQUEST, type LineResult, type LogLine } from './log-line.js';
import { LogSample } from './log-sample.js';
import { looksUvicorn, uvicornLine } from './uvicorn-line.js';

import type { LogFormat } from './log-formats.js';
export { LOG_FORMATS, type LogFormat } from './log-formats.js';
export type TimestampAt = 'start' | 'end';

export const DEFAULT_TIMESTAMP_AT: Record<Exclude<LogFormat, 'auto'>, TimestampAt> = {
  'cloud-logging': 'start',
  nginx: 'end',
  apache: 'start',
  uvicorn: 'end',
};

export interface ReadLogsOptions {
  readonly format?: LogFormat;
  readonly strict?: boolean;
  /** Overrides the format's default (see above). */
  readonly timestampAt?: TimestampAt;
  /** Malformed lines listed in the report (all are counted). Default 20. */
  readonly listMalformed?: number;
}

export interface FileReport {
  readonly path: string;
  readonly format: Exclude<LogFormat, 'auto'>;
  readonly timestampAt: TimestampAt;
  readonly lines: number;
  readonly requests: number;
  readonly malformed: number;
  readonly notRequests: number;
}

export interface MalformedLine {
  readonly path: string;
  readonly line: number;
  readonly reason: string;
}

export interface LogReadReport {
  readonly files: readonly FileReport[];
  /** The first `listMalformed` malformed lines, in file order. */
  readonly malformed: readonly MalformedLine[];
  readonly malformedCount: number;
  /** True when some requests have no latency (uvicorn, or a request that did not finish). */
  readonly requestsWithoutLatency: number;
  readonly requestsWithoutBytes: number;
}

/** Reads every file into one sample (requests of all files together, as one service's traffic). */
export async function readLogs(paths: readonly string[], options: ReadLogsOptions = {}): Promise<{ sample: LogSample; report: LogReadReport }> {
  if (paths.length === 0) throw new InputError('--from-logs: at least one log file is required');
  const sample = new LogSample();
  const files: FileReport[] = [];
  const listed: MalformedLine[] = [];
  let malformedCount = 0;
  for (const path of paths) {
    const onMalformed = (line: number, reason: string): void => {
      if (options.strict === true) throw new InputError(`${path}:${line}: malformed log line (--strict): ${reason}`);
      malformedCount++;
      if (listed.length < (options.listMalformed ?? 20)) listed.push({ path, line, reason });
    };
    files.push(await readOne(path, options, sample, onMalformed));
  }
  let noLatency = 0;
  let noBytes = 0;
  for (let i = 0; i < sample.length; i++) {
    if (Number.isNaN(sample.latency(i))) noLatency++;
    if (Number.isNaN(sample.bytes(i))) noBytes++;
  }
  if (sample.length === 0) {
    const summary = files.map((f) => `${f.path}: ${f.lines} lines read as ${f.format}, ${f.malformed} malformed, ${f.notRequests} not requests`).join('; ');
    throw new InputError(`--from-logs: no request found (${summary})`);
  }
  return { sample, report: { files, malformed: listed, malformedCount, requestsWithoutLatency: noLatency, requestsWithoutBytes: noBytes } };
}

/** Collects the requests of one file; spreads whole-second stamps; applies timestampAt. */
class Collector {
  requests = 0;
  #second = NaN;
  #group: LogLine[] = [];

  constructor(
    private readonly sample: LogSample,
    private readonly timestampAt: TimestampAt,
  ) {}

  add(line: LogLine): void {
    this.requests++;
    if (!line.wholeSecond) {
      this.#push(line, line.time);
      return;
    }
    if (line.time !== this.#second) this.flush();
    this.#second = line.time;
    this.#group.push(line);
  }

  /** Places the requests of the current whole second at (k + 0.5) / n. */
  flush(): void {
    const n = this.#group.length;
    this.#group.forEach((line, k) => this.#push(line, line.time + (k + 0.5) / n));
    this.#group = [];
    this.#second = NaN;
  }

  #push(line: LogLine, stamp: number): void {
    const arrival = this.timestampAt === 'end' && Number.isFinite(line.latency) ? stamp - line.latency : stamp;
    this.sample.push(arrival, line.latency, line.bytes, line.status);
  }
}

async function readOne(
  path: string,
  options: ReadLogsOptions,
  sample: LogSample,
  onMalformed: (line: number, reason: string) => void,
): Promise<FileReport> {
  let format: Exclude<LogFormat, 'auto'> | null = options.format === undefined || options.format === 'auto' ? null : options.format;
  let jsonArray: boolean | null = null;
  let flavour: 'nginx' | 'apache' = format === 'apache' ? 'apache' : 'nginx';
  let collector: Collector | null = null;
  let lineNo = 0;
  let malformedCount = 0;
  let notRequests = 0;
  const take = (result: LineResult, line: number): void => {
    if (result === NOT_A_REQUEST) notRequests++;
    else if ('malformed' in result) {
      malformedCount++;
      onMalformed(line, result.malformed);
    } else collector!.add(result);
  };

  // A JSON array is parsed by a streaming parser fed line by line, so an entry's number is the
  // line where it ends and where it started is the first line after the previous one ended.
  let parser: JSONParser | null = null;
  let entryStart = 1;
  const startJsonArray = (): void => {
    parser = new JSONParser({ paths: ['$.*'], keepStack: false });
    parser.onValue = ({ value }) => {
      take(cloudLoggingEntry(value), entryStart);
      entryStart = lineNo + 1;
    };
  };

  for await (const text of readLines(path)) {
    lineNo++;
    if (format === null || jsonArray === null) {
      const trimmed = text.trim();
      if (trimmed === '') {
        entryStart = lineNo + 1;
        continue;
      }
      if (format === null) {
        format = detect(trimmed);
        if (format === null) {
          // A server's start-up lines come before its first request.
          if (lineNo >= DETECT_LINES) {
            throw new InputError(`${path}: no line of the first ${DETECT_LINES} is a request in a known log format: give --log-format cloud-logging, nginx, apache or uvicorn`);
          }
          notRequests++;
          continue;
        }
      }
      if (format === 'cloud-logging') {
        jsonArray = trimmed.startsWith('[');
        if (jsonArray) {
          startJsonArray();
          if (trimmed === '[') entryStart = lineNo + 1;
        }
      } else jsonArray = false;
      if (format === 'nginx' || format === 'apache') flavour = options.format === 'auto' || options.format === undefined ? combinedFlavour(trimmed) : format;
      if (format === 'nginx' || format === 'apache') format = flavour;
      collector = new Collector(sample, options.timestampAt ?? DEFAULT_TIMESTAMP_AT[format]);
    }
    if (parser !== null) {
      try {
        (parser as JSONParser).write(`${text}\n`);
      } catch (error) {
        // JSON that breaks the array's syntax cannot be resynchronised: always fatal.
        throw new InputError(`${path}:${lineNo}: not valid JSON (a Cloud Logging export as gcloud logging read --format=json writes it): ${(error as Error).message}`);
      }
      if (entryStart === lineNo && text.trim() === '') entryStart = lineNo + 1;
      continue;
    }
    if (format === 'cloud-logging') {
      const trimmed = text.trim();
      if (trimmed === '') continue;
      let entry: unknown;
      try {
        entry = JSON.parse(trimmed);
      } catch {
        take({ malformed: 'not valid JSON (one Cloud Logging entry per line expected)' }, lineNo);
        continue;
      }
      take(cloudLoggingEntry(entry), lineNo);
    } else if (format === 'uvicorn') take(uvicornLine(text), lineNo);
    else take(combinedLine(text, flavour), lineNo);
  }
  if (parser !== null) {
    const p = parser as JSONParser;
    if (!p.isEnded) {
      try {
        p.end();
      } catch (error) {
        throw new InputError(`${path}:${lineNo}: not valid JSON: the array is not closed (${(error as Error).message})`);
      }
    }
  }
  collector?.flush();
  return {
    path,
    format: format ?? 'cloud-logging',
    timestampAt: options.timestampAt ?? DEFAULT_TIMESTAMP_AT[format ?? 'cloud-logging'],
    lines: lineNo,
    requests: collector?.requests ?? 0,
    malformed: malformedCount,
    notRequests,
  };
}

/** Lines read to find the format before giving up. */
const DETECT_LINES = 1000;

function detect(first: string): Exclude<LogFormat, 'auto'> | null {
  if (first.startsWith('[') || first.startsWith('{')) return 'cloud-logging';
  if (looksCombined(first)) return 'nginx';
  if (looksUvicorn(first)) return 'uvicorn';
  return null;
}
