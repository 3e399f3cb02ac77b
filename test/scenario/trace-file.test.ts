import { mkdtempSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleError } from '../../src/cli/handle-error.js';
import { loadScenario, resolveScenario } from '../../src/scenario/load.js';
import type { TraceTrafficSpec } from '../../src/scenario/types.js';
import { TraceTimes } from '../../src/scenario/trace-data.js';
import { adoptTraceReads, traceReads } from '../../src/scenario/trace-file.js';
import { sha256 } from '../../src/scenario/text-hash.js';
import { baseScenario, expectInputError } from './helpers.js';

/** A fresh folder holding `files`; returns its path. */
function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'scalesim-trace-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Resolves baseScenario with `traffic`, as if from `<dir>/s.json`. */
function resolveIn(dir: string, traffic: Record<string, unknown>) {
  return resolveScenario({ ...baseScenario(), traffic }, join(dir, 's.json'));
}

const azureHeader = ['HashOwner', 'HashApp', 'HashFunction', 'Trigger', ...Array.from({ length: 1440 }, (_, i) => String(i + 1))].join(',');
const azureRow = (fn: string, count: (m: number) => number | string) =>
  ['o', 'a', fn, 'http', ...Array.from({ length: 1440 }, (_, m) => String(count(m)))].join(',');

describe('trace files', () => {
  it('are read relative to the scenario file, and once: the spec carries the data', () => {
    const dir = folderWith({});
    mkdirSync(join(dir, 'traces'));
    writeFileSync(join(dir, 'traces', 't.csv'), 't\n1\n2\n');
    writeFileSync(
      join(dir, 'scenario.json'),
      JSON.stringify({ ...baseScenario(), traffic: { type: 'trace', file: 'traces/t.csv', format: 'timestamps' } }),
    );
    const s = loadScenario(join(dir, 'scenario.json'));
    const traffic = s.traffic as TraceTrafficSpec;
    expect(traffic.file).toBe(join(dir, 'traces', 't.csv'));
    expect(traffic.data.kind).toBe('timestamps');
    expect(Object.isFrozen(traffic)).toBe(true);
    expect(Object.isFrozen(traffic.data)).toBe(true);
  });

  it('a missing file names the path as written and as resolved; the CLI exits 2', () => {
    const dir = folderWith({});
    const message = expectInputError(
      () => resolveIn(dir, { type: 'trace', file: 'nope.csv', format: 'timestamps' }),
      ['s.json: traffic.file: "nope.csv" is not allowed: a readable CSV file', join(dir, 'nope.csv'), 'no such file'],
    );
    let stderr = '';
    let code = -1;
    try {
      resolveIn(dir, { type: 'trace', file: 'nope.csv', format: 'timestamps' });
    } catch (error) {
      code = handleError(error, (t) => (stderr += t));
    }
    expect(code).toBe(2);
    expect(stderr).toBe(`sim: ${message}\n`);
  });

  it('a file over 2 GiB (what Node reads at once) is refused at once with its size and what to do instead', () => {
    const dir = folderWith({ 'big.csv': '' });
    truncateSync(join(dir, 'big.csv'), 2 ** 31 + 2 ** 29); // sparse: nothing written
    expectInputError(
      () => resolveIn(dir, { type: 'trace', file: 'big.csv', format: 'timestamps' }),
      ['s.json: traffic.file: "big.csv" is not allowed: a CSV file of at most 2 GiB', `${join(dir, 'big.csv')} is 2.5 GiB`, 'format "per-minute"'],
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('a bad time names the file, line, column and value', () => {
    const dir = folderWith({ 'a.csv': 'id,t\n1,0.5\n\n2,soon\n' });
    expectInputError(
      () => resolveIn(dir, { type: 'trace', file: 'a.csv', format: 'timestamps', column: 't' }),
      [`traffic.file: ${join(dir, 'a.csv')}:4: column "t": "soon" is not allowed: seconds from the scenario start`, 'ISO 8601'],
    );
  });

  it('timestamps: an unknown column, mixed kinds, a time before the start, no rows', () => {
    const dir = folderWith({
      'a.csv': 'id,t\n1,0.5\n',
      'mixed.csv': 't\n1\n2026-01-05T00:00:02Z\n',
      'early.csv': 't\n2026-01-04T23:59:59Z\n',
      'negative.csv': 't\n-1\n',
      'empty.csv': '',
      'header.csv': 't\n',
    });
    const trace = (file: string, extra: Record<string, unknown> = {}) => () =>
      resolveScenario({ ...baseScenario(), start: '2026-01-05T00:00:00Z', traffic: { type: 'trace', file, format: 'timestamps', ...extra } }, join(dir, 's.json'));
    expectInputError(trace('a.csv', { column: 'time' }), ['a.csv:1', 'no column "time"', '"id", "t"']);
    expectInputError(trace('mixed.csv'), ['mixed.csv:3: column "t"', '"2026-01-05T00:00:02Z"', 'seconds from the start, like line 2']);
    expectInputError(trace('early.csv'), ['early.csv:2', 'at or after the scenario start (this is 1 s before it)']);
    expectInputError(trace('negative.csv'), ['negative.csv:2', '"-1"', 'at or after the scenario start']);
    expectInputError(trace('empty.csv'), ['empty.csv:1', 'a header line is required']);
    expectInputError(trace('header.csv'), ['header.csv:2', 'at least one request row']);
  });

  it('invalid CSV: the line and csv-parse`s reason', () => {
    const dir = folderWith({ 'a.csv': 't,x\n1,2\n3\n', 'q.csv': 't\n"1\n' });
    expectInputError(
      () => resolveIn(dir, { type: 'trace', file: 'a.csv', format: 'timestamps' }),
      ['a.csv:3: not valid CSV', 'expect 2, got 1'],
    );
    expectInputError(() => resolveIn(dir, { type: 'trace', file: 'q.csv', format: 'timestamps' }), ['q.csv', 'not valid CSV', 'Quote']);
  });

  describe('a large file (read a slice of lines at a time, csv-slices.ts)', () => {
    /** `rows` rows of seconds, ascending, with a blank line before every 7th: record numbers are not line numbers. */
    const lines = (rows: number): string[] => {
      const out = ['t'];
      for (let i = 0; i < rows; i++) {
        if (i % 7 === 0) out.push('');
        out.push((i * 0.25).toFixed(3));
      }
      return out;
    };
    const read = (dir: string, file: string) =>
      ((resolveScenario({ ...baseScenario(), duration: 100_000, traffic: { type: 'trace', file, format: 'timestamps' } }, join(dir, 's.json')).traffic as TraceTrafficSpec).data as TraceTimes);

    it('reads the same times as the row-by-row parse, with CRLF, blank lines and spaces', () => {
      const rows = lines(60_000).map((l, i) => (i % 5 === 0 && l !== '' ? ` ${l} ` : l));
      // A quoted header makes the lines not records: that file is read row by row (the exact walk).
      const dir = folderWith({ 'fast.csv': `${rows.join('\r\n')}\r\n`, 'exact.csv': `"t"\r\n${rows.slice(1).join('\r\n')}\r\n` });
      const fast = read(dir, 'fast.csv');
      const exact = read(dir, 'exact.csv');
      expect(fast.length).toBe(60_000);
      expect(Array.from({ length: fast.length }, (_, i) => fast.at(i))).toEqual(Array.from({ length: exact.length }, (_, i) => exact.at(i)));
    });

    it('rows in any order come out ascending, as a sort orders them (-0 before 0); rows in order are kept as read', () => {
      const dir = folderWith({ 'shuffled.csv': 't\n3\n1\n0\n-0\n2\n', 'zeros.csv': 't\n0\n-0\n', 'ordered.csv': 't\n-0\n0\n0.5\n' });
      const all = (d: TraceTimes) => Array.from({ length: d.length }, (_, i) => d.at(i));
      expect(all(read(dir, 'shuffled.csv'))).toEqual([-0, 0, 1, 2, 3]);
      expect(Object.is(read(dir, 'zeros.csv').at(0), -0)).toBe(true);
      expect(Object.is(read(dir, 'zeros.csv').at(1), 0)).toBe(true);
      expect(all(read(dir, 'ordered.csv'))).toEqual([-0, 0, 0.5]);
    });

    it('a bad row deep in the file names its line, as csv-parse counts it', () => {
      const rows = lines(60_000);
      const at = rows.indexOf((50_000 * 0.25).toFixed(3));
      rows[at] = 'soon';
      const dir = folderWith({ 't.csv': `${rows.join('\n')}\n` });
      expect(at + 1).toBeGreaterThan(57_000); // line numbers run ahead of row numbers by the blank lines
      expectInputError(() => read(dir, 't.csv'), [`t.csv:${at + 1}: column "t": "soon" is not allowed`]);
    });

    it('a row of another width deep in the file: csv-parse`s own error and line', () => {
      const rows = lines(60_000);
      const at = rows.indexOf((40_000 * 0.25).toFixed(3));
      rows[at] = `${rows[at]},x`;
      const dir = folderWith({ 't.csv': `${rows.join('\n')}\n` });
      expectInputError(() => read(dir, 't.csv'), [`t.csv:${at + 1}: not valid CSV`, 'expect 1, got 2']);
    });
  });

  it('per-minute: bad minute, bad count, a repeated minute, a missing count column', () => {
    const dir = folderWith({
      'minute.csv': 'minute,count\n0,1\n1.5,2\n',
      'iso.csv': 'minute,count\n2026-01-05T00:00:30Z,2\n',
      'count.csv': 'minute,count\n0,1\n1,-2\n',
      'float.csv': 'minute,count\n0,2.5\n',
      'twice.csv': 'minute,count\n3,1\n0,1\n3,2\n',
      'columns.csv': 'minute,n\n0,1\n',
    });
    const trace = (file: string) => () =>
      resolveScenario({ ...baseScenario(), start: '2026-01-05T00:00:00Z', traffic: { type: 'trace', file, format: 'per-minute' } }, join(dir, 's.json'));
    expectInputError(trace('minute.csv'), ['minute.csv:3: column "minute": "1.5" is not allowed: a minute index from 0']);
    expectInputError(trace('iso.csv'), ['iso.csv:2: column "minute"', 'a whole number of minutes']);
    expectInputError(trace('count.csv'), ['count.csv:3: column "count": "-2" is not allowed: a request count: an integer from 0']);
    expectInputError(trace('float.csv'), ['float.csv:2: column "count": "2.5"']);
    expectInputError(trace('twice.csv'), ['twice.csv:4: column "minute": 3 is not allowed: a minute not listed before (line 2 has minute 3)']);
    expectInputError(trace('columns.csv'), ['columns.csv:1', 'no column "count"', '"minute", "n"']);
  });

  it('azure-functions: header layout, cell values, unknown function', () => {
    const good = `${azureHeader}\n${azureRow('f1', () => 1)}\n`;
    const dir = folderWith({
      'good.csv': good,
      'short.csv': 'HashOwner,HashApp,HashFunction,Trigger,1,2\no,a,f,http,1,2\n',
      'renamed.csv': `${azureHeader.replace('HashApp', 'App')}\n${azureRow('f1', () => 1)}\n`,
      'cell.csv': `${azureHeader}\n${azureRow('f1', (m) => (m === 99 ? 'x' : 0))}\n`,
      // f2 is on line 4 (after a blank line); ",f2," also appears in f1's row, not as its HashFunction.
      'later.csv': `${azureHeader}\n${azureRow('f1', () => 0).replace('http', 'f2')}\n\n${azureRow('f2', (m) => (m === 4 ? 'y' : 1))}\n`,
      'quoted.csv': `${azureHeader}\n${azureRow('"f1"', () => 0)}\n\n${azureRow('f2', (m) => (m === 4 ? 'y' : 1))}\n`,
    });
    const trace = (file: string, extra: Record<string, unknown> = {}) => () =>
      resolveIn(dir, { type: 'trace', file, format: 'azure-functions', ...extra });
    expectInputError(trace('short.csv'), ['short.csv:1', 'the Azure Functions layout', 'only 6 columns']);
    expectInputError(trace('renamed.csv'), ['renamed.csv:1', 'column 2 is "App", not "HashApp"']);
    expectInputError(trace('cell.csv'), ['cell.csv:2: column "100": "x" is not allowed: a request count']);
    // A named function is found by text search unless the file has quotes: same line either way.
    expectInputError(trace('later.csv', { function: 'f2' }), ['later.csv:4: column "5": "y" is not allowed']);
    expectInputError(trace('quoted.csv', { function: 'f2' }), ['quoted.csv:4: column "5": "y" is not allowed']);
    expectInputError(trace('good.csv', { function: 'f9' }), ['traffic.function: "f9" is not allowed: a HashFunction found in', 'good.csv', '"sum"']);
    expect(((resolveIn(dir, { type: 'trace', file: 'good.csv', format: 'azure-functions', function: 'f1' }).traffic) as TraceTrafficSpec).data).toMatchObject({ minutes: 1440, total: 1440 });
  });

  it('options that do not fit the format, and schema-level errors', () => {
    const dir = folderWith({ 'a.csv': 't\n1\n' });
    expectInputError(
      () => resolveIn(dir, { type: 'trace', file: 'a.csv', format: 'timestamps', function: 'sum' }),
      ['traffic.function: "sum" is not allowed: no function unless format is "azure-functions"'],
    );
    expectInputError(
      () => resolveIn(dir, { type: 'trace', file: 'a.csv', format: 'azure-functions', column: 't' }),
      ['traffic.column: "t" is not allowed: no column for format "azure-functions"'],
    );
    expectInputError(() => resolveIn(dir, { type: 'trace', file: 'a.csv', format: 'csv' }), ['traffic.format', '"csv"', '"timestamps"', '"per-minute"', '"azure-functions"']);
    expectInputError(() => resolveIn(dir, { type: 'trace', file: 'a.csv', format: 'timestamps', timeScale: 0 }), ['traffic.timeScale', '0 is not allowed', 'a number > 0']);
  });
});

describe('start and duration from the trace', () => {
  const dir = folderWith({
    'iso.csv': 't\n2026-11-30T10:00:05.250Z\n2026-11-30T10:00:00.750Z\n2026-11-30T10:02:10.5Z\n',
    'minutes.csv': 'minute,count\n2026-11-30T10:03:00Z,4\n2026-11-30T10:01:00Z,2\n',
    'secs.csv': 't\n0.5\n99.2\n',
  });
  const { duration: _d, ...noDuration } = baseScenario();
  const scenario = (traffic: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    resolveScenario({ ...noDuration, traffic, ...extra }, join(dir, 's.json'));

  it('ISO timestamps without start: start at the first request`s whole second, duration to a second past the last', () => {
    const s = scenario({ type: 'trace', file: 'iso.csv', format: 'timestamps' });
    expect(s.start).toBe('2026-11-30T10:00:00Z');
    expect(s.startEpochMs).toBe(Date.UTC(2026, 10, 30, 10, 0, 0));
    const data = (s.traffic as TraceTrafficSpec).data as { at(i: number): number };
    // 10:00:00.750 -> 0.75 s; 10:00:05.250 -> 5.25 s; 10:02:10.5 -> 130.5 s.
    expect([data.at(0), data.at(1), data.at(2)]).toEqual([0.75, 5.25, 130.5]);
    expect(s.duration).toBe(131); // floor(130.5) + 1: the last request strictly inside
  });

  it('timeScale stretches the derived duration: 130.5 x 2 = 261 -> 262', () => {
    expect(scenario({ type: 'trace', file: 'iso.csv', format: 'timestamps', timeScale: 2 }).duration).toBe(262);
  });

  it('per-minute ISO minutes without start: start at the earliest minute, duration to the end of the last', () => {
    const s = scenario({ type: 'trace', file: 'minutes.csv', format: 'per-minute' });
    expect(s.start).toBe('2026-11-30T10:01:00Z');
    expect(s.duration).toBe(180); // minutes 0 and 2 from 10:01: three minutes
  });

  it('seconds from the start keep the default start; the duration still comes from the trace', () => {
    const s = scenario({ type: 'trace', file: 'secs.csv', format: 'timestamps' });
    expect(s.start).toBe('2026-01-05T00:00:00Z');
    expect(s.duration).toBe(100);
  });

  it('a given start and duration win over the trace`s', () => {
    const s = scenario({ type: 'trace', file: 'iso.csv', format: 'timestamps' }, { start: '2026-11-30T09:59:00Z', duration: '1h' });
    expect(s.start).toBe('2026-11-30T09:59:00Z');
    expect(s.duration).toBe(3600);
    expect(((s.traffic as TraceTrafficSpec).data as { at(i: number): number }).at(0)).toBe(60.75);
  });

  it('a window that misses the whole trace is an error, never a run with 0 requests', () => {
    // The old default start (2026-01-05) with a 1-hour duration: the trace is 329 days later.
    expectInputError(
      () => scenario({ type: 'trace', file: 'iso.csv', format: 'timestamps' }, { start: '2026-01-05T00:00:00Z', duration: '1h' }),
      ['s.json: duration: "1h" is not allowed', 'its first request is 28461600.75 s after the start (2026-01-05T00:00:00Z)', 'leave out start and duration'],
    );
  });

  it('no duration and no trace: duration is required', () => {
    expectInputError(() => scenario({ type: 'poisson', rps: 1 }), ['s.json: duration: missing, required', 'unless the traffic is a trace']);
  });
});

describe('a trace read once per thread', () => {
  const { duration: _d, ...noDuration } = baseScenario();
  const iso = 't\n2026-11-30T10:00:05.250Z\n2026-11-30T10:00:00.750Z\n';
  const resolveWith = (dir: string, extra: Record<string, unknown> = {}) =>
    resolveScenario({ ...noDuration, traffic: { type: 'trace', file: 't.csv', format: 'timestamps' }, ...extra }, join(dir, 's.json'));
  const times = (s: ReturnType<typeof resolveWith>) => (s.traffic as TraceTrafficSpec).data as TraceTimes;

  it('a second resolution of the same text against the same start takes the data read first, and the start the trace set', () => {
    const dir = folderWith({ 't.csv': iso });
    const first = resolveWith(dir);
    const again = resolveWith(dir, { name: 'other' });
    expect(times(again)).toBe(times(first));
    expect([again.start, again.startEpochMs, again.duration]).toEqual([first.start, first.startEpochMs, first.duration]);
    expect(again.start).toBe('2026-11-30T10:00:00Z');
    // Against another start the times are other seconds: read again.
    const later = resolveWith(dir, { start: '2026-11-30T10:00:00.5Z' });
    expect(times(later)).not.toBe(times(first));
    expect(times(later).at(0)).toBe(0.25);
  });

  it('an edited file is read again: the text is what the data is known by', () => {
    const dir = folderWith({ 't.csv': iso });
    const before = times(resolveWith(dir));
    writeFileSync(join(dir, 't.csv'), `${iso}2026-11-30T10:00:09Z\n`);
    const after = times(resolveWith(dir));
    expect([before.length, after.length]).toEqual([2, 3]);
  });

  it('hands another thread the data in shared memory, which it takes as read (job-pool.ts, sweep-worker.ts)', () => {
    const dir = folderWith({ 't.csv': iso });
    const data = times(resolveWith(dir));
    const read = traceReads().find((r) => r.buffer === data.buffer)!;
    expect(read.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(read.kind).toBe('timestamps');
    expect(read.startSet).toBe(Date.UTC(2026, 10, 30, 10, 0, 0));
    // And the file's version and text hash, so that a thread finding the file unchanged reads none of it.
    expect(read.text?.file).toBe(join(dir, 't.csv'));
    expect(read.text?.hash).toBe(sha256(iso));
    expect(read.text?.version).toMatch(/^\d+\u0000\d+$/);
    // A thread that has not read it yet: the copy of a key it lacks is adopted, views of the same memory.
    const fresh = new TraceTimes(new Float64Array(read.buffer));
    expect([fresh.at(0), fresh.at(1)]).toEqual([data.at(0), data.at(1)]);
    adoptTraceReads([read]); // already known in this thread: kept as it is
    expect(times(resolveWith(dir))).toBe(data);
  });
});
