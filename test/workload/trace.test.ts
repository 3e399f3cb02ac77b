import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/streams.js';
import { loadScenario, resolveScenario } from '../../src/scenario/load.js';
import { packageRoot } from '../../src/scenario/presets.js';
import type { TraceTrafficSpec, TrafficSpec } from '../../src/scenario/types.js';
import { type ArrivalProcess, createArrivals, meanRate, rateAt, rateProfile } from '../../src/workload/index.js';

const MONDAY = Date.UTC(2026, 0, 5);
const Z = 4;
const AZURE_SAMPLE = join(packageRoot(), 'workloads', 'traces', 'azure-functions-sample.csv');

/** Resolves `traffic` in a scenario file placed in a fresh folder that holds `files`. */
function traceScenario(traffic: Record<string, unknown>, files: Record<string, string>, extra: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'scalesim-trace-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return resolveScenario(
    {
      name: 'trace',
      duration: '1d',
      traffic,
      requests: { cpu: 0.01 },
      platforms: [{ name: 'vm', model: 'compute-engine' }],
      ...extra,
    },
    join(dir, 'scenario.json'),
  );
}

const traceOf = (...args: Parameters<typeof traceScenario>): TraceTrafficSpec =>
  traceScenario(...args).traffic as TraceTrafficSpec;

function all(process: ArrivalProcess, limit = 10_000_000): number[] {
  const out: number[] = [];
  for (let t = process.next(); t !== Infinity && out.length < limit; t = process.next()) out.push(t);
  return out;
}

function until(process: ArrivalProcess, horizon: number): number[] {
  const out: number[] = [];
  for (let t = process.next(); t < horizon; t = process.next()) out.push(t);
  return out;
}

const arrivals = (spec: TrafficSpec, seed = 1): ArrivalProcess => createArrivals(spec, streamFor(seed, 'arrivals'), MONDAY);

/** Arrivals per whole minute of width w. */
function perMinute(times: readonly number[], minutes: number, w = 60): number[] {
  const counts = new Array<number>(minutes).fill(0);
  for (const t of times) counts[Math.floor(t / w)]!++;
  return counts;
}

describe('trace: timestamps', () => {
  it('replays exactly the times of the column, sorted, then stops', () => {
    const csv = 'id,t\na,3.5\nb,0\nc,1.25\nd,1.25\ne,7200.125\n';
    const spec = traceOf({ type: 'trace', file: 'log.csv', format: 'timestamps', column: 't' }, { 'log.csv': csv });
    expect(all(arrivals(spec))).toEqual([0, 1.25, 1.25, 3.5, 7200.125]);
    const p = arrivals(spec);
    all(p);
    expect([p.next(), p.next()]).toEqual([Infinity, Infinity]);
  });

  it('reads the first column by default, ISO times relative to the scenario start, any seed', () => {
    const csv = 'when,x\n2026-01-05T10:00:00.5Z,1\n2026-01-05T10:00:02Z,2\n2026-01-05 11:00:00,3\n2026-01-05T12:00:00+01:00,4\n';
    const spec = traceOf({ type: 'trace', file: 'log.csv', format: 'timestamps' }, { 'log.csv': csv }, { start: '2026-01-05T10:00:00Z' });
    expect(all(arrivals(spec, 1))).toEqual([0.5, 2, 3600, 3600]);
    expect(all(arrivals(spec, 2))).toEqual([0.5, 2, 3600, 3600]);
  });

  it('keeps sub-millisecond digits of an ISO time', () => {
    const csv = 't\n2026-01-05T00:00:01.000250Z\n';
    const spec = traceOf({ type: 'trace', file: 'a.csv', format: 'timestamps' }, { 'a.csv': csv }, { start: '2026-01-05T00:00:00Z' });
    expect(all(arrivals(spec))[0]).toBeCloseTo(1.00025, 12);
  });

  it('timeScale stretches the replay; the rate profile counts the replayed times', () => {
    const csv = 't\n0.5\n10\n59.9\n60\n61\n';
    const spec = traceOf({ type: 'trace', file: 'a.csv', format: 'timestamps', timeScale: 2 }, { 'a.csv': csv });
    expect(all(arrivals(spec))).toEqual([1, 20, 119.8, 120, 122]);
    expect(rateProfile(spec, MONDAY).expected(0, 120)).toBe(4);
    expect(rateProfile(spec, MONDAY).expected(120, 1000)).toBe(2);
    expect(meanRate(spec, 0, 1000, MONDAY)).toBeCloseTo(5 / 1000, 15);
    // Simulated minutes are 120 s long here: three arrivals in the first, two in the second.
    expect(rateAt(spec, 5, MONDAY)).toBeCloseTo(3 / 120, 15);
    expect(rateAt(spec, 130, MONDAY)).toBeCloseTo(2 / 120, 15);
  });

  it('JSON of the resolved scenario summarises the data', () => {
    const spec = traceOf({ type: 'trace', file: 'a.csv', format: 'timestamps' }, { 'a.csv': 't\n2\n1\n' });
    const json = JSON.parse(JSON.stringify(spec));
    expect(json).toMatchObject({ type: 'trace', format: 'timestamps', timeScale: 1, data: { kind: 'timestamps', requests: 2, first: 1, last: 2 } });
    expect(json.file).toMatch(/a\.csv$/);
  });
});

describe('trace: per-minute', () => {
  const csv = 'minute,count\n0,3\n2,0\n1,250\n4,1\n';

  it('exactly `count` arrivals inside each minute, none after the last', () => {
    const spec = traceOf({ type: 'trace', file: 'm.csv', format: 'per-minute' }, { 'm.csv': csv });
    for (const seed of [1, 2, 3]) {
      const times = all(arrivals(spec, seed));
      expect(times).toHaveLength(254);
      expect(perMinute(times, 5)).toEqual([3, 250, 0, 0, 1]);
      expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
      expect(times[times.length - 1]).toBeLessThan(300);
    }
    expect(rateProfile(spec, MONDAY).expected(60, 120)).toBe(250);
    expect(rateProfile(spec, MONDAY).expected(60, 90)).toBe(125);
    expect(rateAt(spec, 90, MONDAY)).toBeCloseTo(250 / 60, 15);
    expect(rateAt(spec, 400, MONDAY)).toBe(0);
  });

  it('spreads a minute uniformly: positions within the minute fit 10 equal bins', () => {
    const spec = traceOf({ type: 'trace', file: 'm.csv', format: 'per-minute' }, { 'm.csv': 'minute,count\n0,20000\n7,30000\n' });
    const times = all(arrivals(spec, 4));
    expect(perMinute(times, 8)).toEqual([20000, 0, 0, 0, 0, 0, 0, 30000]);
    const bins = new Array<number>(10).fill(0);
    for (const t of times) bins[Math.floor(((t % 60) / 60) * 10)]!++;
    const chi2 = bins.reduce((a, n) => a + (n - 5000) ** 2 / 5000, 0);
    expect(chi2).toBeLessThan(9 + Z * Math.sqrt(18));
  });

  it('a count column by name, ISO minutes, and timeScale', () => {
    const text = 'minute,requests,other\n2026-01-05T00:01:00Z,2,x\n2026-01-05T00:00:00Z,5,y\n';
    const spec = traceOf({ type: 'trace', file: 'm.csv', format: 'per-minute', column: 'requests', timeScale: 0.5 }, { 'm.csv': text });
    const times = all(arrivals(spec));
    expect(perMinute(times, 2, 30)).toEqual([5, 2]);
  });
});

describe('trace: azure-functions', () => {
  // The sample's rows (workloads/traces/generate.mjs): http-api, cleanup (a timer firing in
  // every fifth minute from minute "1"), ingest, on-upload.
  const CLEANUP = '88dba4074314ef90adf0c321d3427960';
  const azure = (fn?: string): TraceTrafficSpec =>
    resolveScenario(
      {
        name: 'azure',
        duration: '2d',
        traffic: { type: 'trace', file: 'traces/azure-functions-sample.csv', format: 'azure-functions', ...(fn ? { function: fn } : {}) },
        requests: { cpu: 0.01 },
        platforms: [{ name: 'vm', model: 'compute-engine' }],
      },
      join(packageRoot(), 'workloads', 'x.json'),
    ).traffic as TraceTrafficSpec;

  /** Per-minute counts of a row of the sample, read independently of the code under test. */
  function rowCounts(index: number): number[] {
    const line = readFileSync(AZURE_SAMPLE, 'utf8').trim().split('\n')[index + 1]!;
    return line.split(',').slice(4).map(Number);
  }

  it('picks a row by HashFunction, the first row by default, and repeats the day', () => {
    const timer = azure(CLEANUP);
    expect(timer.repeatMinutes).toBe(1440);
    const times = until(arrivals(timer), 2 * 86_400);
    const expected = rowCounts(1);
    expect(expected.slice(0, 6)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(perMinute(times, 2880)).toEqual([...expected, ...expected]);

    const first = azure();
    expect(first.function).toBeNull();
    expect(perMinute(until(arrivals(first), 86_400), 1440)).toEqual(rowCounts(0));
  });

  it('"sum" adds every row', () => {
    const rows = [0, 1, 2, 3].map(rowCounts);
    const sum = rows[0]!.map((_, m) => rows.reduce((a, r) => a + r[m]!, 0));
    const spec = azure('sum');
    expect(perMinute(until(arrivals(spec), 86_400), 1440)).toEqual(sum);
    const total = sum.reduce((a, b) => a + b, 0);
    expect(rateProfile(spec, MONDAY).expected(0, 86_400)).toBe(total);
    expect(meanRate(spec, 0, 3 * 86_400, MONDAY)).toBeCloseTo(total / 86_400, 12);
  });
});

describe('ready trace and mmpp workloads', () => {
  it('load and produce arrivals', () => {
    for (const name of ['trace-timestamps', 'trace-per-minute', 'trace-azure', 'bursty-mmpp']) {
      const s = loadScenario(join(packageRoot(), 'workloads', `${name}.json`));
      const first = arrivals(s.traffic).next();
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThan(s.duration);
    }
  });
});
