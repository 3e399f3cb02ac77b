import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/streams.js';
import { resolveScenario } from '../../src/scenario/load.js';
import { MinuteCounts } from '../../src/scenario/trace-data.js';
import type { TraceTrafficSpec, TrafficSpec } from '../../src/scenario/types.js';
import { type ArrivalProcess, createArrivals, rateAt, rateProfile } from '../../src/workload/index.js';
import { minuteCountArrivals } from '../../src/workload/trace-arrivals.js';
import { planBreakeven } from '../../src/verdict/breakeven-hint.js';

/**
 * A trace's `scale` (src/workload/trace-arrivals.ts): below 1 each logged request is kept with
 * that probability; above 1 every one is kept and each minute gains (scale - 1) times its count
 * at uniform places; a count that is not whole is rounded at random with the same mean. The
 * counts are checked exactly where the rule fixes them, and within Z standard deviations of
 * their binomial mean where it draws them.
 */
const Z = 4;
const MONDAY = Date.UTC(2026, 0, 5);

function traceScenario(traffic: Record<string, unknown>, csv: string, sets: string[] = [], platforms: unknown[] = [{ name: 'vm', model: 'compute-engine' }]) {
  const dir = mkdtempSync(join(tmpdir(), 'scalesim-trace-scale-'));
  writeFileSync(join(dir, 'log.csv'), csv);
  return resolveScenario({ name: 'trace', duration: '1d', traffic: { file: 'log.csv', ...traffic }, requests: { cpu: 0.01 }, platforms }, join(dir, 'scenario.json'), sets);
}

const traceOf = (traffic: Record<string, unknown>, csv: string, sets: string[] = []): TraceTrafficSpec => traceScenario(traffic, csv, sets).traffic as TraceTrafficSpec;

const timestamps = (times: readonly number[]): string => `t\n${times.join('\n')}\n`;

function all(process: ArrivalProcess): number[] {
  const out: number[] = [];
  for (let t = process.next(); t !== Infinity; t = process.next()) out.push(t);
  return out;
}

const arrivals = (spec: TrafficSpec, seed = 1): ArrivalProcess => createArrivals(spec, streamFor(seed, 'arrivals'), MONDAY);

function perMinute(times: readonly number[], minutes: number): number[] {
  const counts = new Array<number>(minutes).fill(0);
  for (const t of times) counts[Math.floor(t / 60)]!++;
  return counts;
}

const ascending = (times: readonly number[]): boolean => times.every((t, i) => i === 0 || t >= times[i - 1]!);

/** Whether every element of `part` is in `whole`, as many times at least (both ascending). */
function subMultiset(part: readonly number[], whole: readonly number[]): boolean {
  let j = 0;
  for (const x of part) {
    while (j < whole.length && whole[j]! < x) j++;
    if (j === whole.length || whole[j] !== x) return false;
    j++;
  }
  return true;
}

describe("a timestamps trace's scale", () => {
  // 40,000 logged times over 10 minutes, bunched: minute m holds 1000 (m + 1) times (m < 8).
  const logged: number[] = [];
  for (let m = 0; m < 8; m++) for (let k = 0; k < 1000 * (m + 1) - 500 * m; k++) logged.push(60 * m + (k % 7) * 0.125 + k / 1e4);
  logged.sort((a, b) => a - b);
  const csv = timestamps(logged);

  it('at 1 draws nothing and resolves without a scale, as before it had one', () => {
    const spec = traceOf({ type: 'trace', format: 'timestamps' }, csv);
    expect('scale' in spec).toBe(false);
    const never = () => {
      throw new Error('drawn');
    };
    expect(all(createArrivals(spec, never, MONDAY))).toEqual(logged);
  });

  it('below 1 keeps each logged request with that probability, in place', () => {
    const spec = traceOf({ type: 'trace', format: 'timestamps', scale: 0.3 }, csv);
    const n = logged.length;
    for (const seed of [1, 2]) {
      const kept = all(arrivals(spec, seed));
      expect(ascending(kept)).toBe(true);
      expect(subMultiset(kept, logged)).toBe(true);
      expect(Math.abs(kept.length - 0.3 * n)).toBeLessThan(Z * Math.sqrt(n * 0.3 * 0.7));
      // Each minute thinned alike: its share within Z sd of 0.3 of its count.
      const before = perMinute(logged, 8);
      perMinute(kept, 8).forEach((c, m) => expect(Math.abs(c - 0.3 * before[m]!)).toBeLessThan(Z * Math.sqrt(before[m]! * 0.21)));
    }
    // The profile: exactly 0.3 of the logged count and rate.
    expect(rateProfile(spec, MONDAY).expected(0, 600)).toBeCloseTo(0.3 * n, 9);
    expect(rateAt(spec, 30, MONDAY)).toBeCloseTo((0.3 * 1000) / 60, 12);
  });

  it('above 1 keeps every logged request and adds (scale - 1) x each minute\'s count in that minute', () => {
    // 1.5 x 1000 is whole; 1.5 x 7 = 10.5 and 1.5 x 1 = 1.5 are rounded to one side or the other.
    const small = [...Array.from({ length: 1000 }, (_, k) => 5 + k * 0.05), 130, 131, 132, 133, 134, 135, 136, 200];
    const spec = traceOf({ type: 'trace', format: 'timestamps', scale: 2.5 }, timestamps(small));
    for (const seed of [1, 2, 3]) {
      const times = all(arrivals(spec, seed));
      expect(ascending(times)).toBe(true);
      expect(subMultiset(small, times)).toBe(true);
      const counts = perMinute(times, 4);
      expect(counts[0]).toBe(2500);
      expect(counts[1]).toBe(0);
      expect([17, 18]).toContain(counts[2]);
      expect([2, 3]).toContain(counts[3]);
      expect(times[times.length - 1]).toBeLessThan(240);
    }
    // The profile: the logged count plus 1.5 x each minute's count spread over the minute.
    const profile = rateProfile(spec, MONDAY);
    expect(profile.expected(0, 240)).toBeCloseTo(2.5 * small.length, 9);
    // [120, 150): the 7 logged at 130..136, and half of minute 2's 10.5 added.
    expect(profile.expected(120, 150)).toBeCloseTo(7 + 5.25, 9);
    expect(rateAt(spec, 190, MONDAY)).toBeCloseTo(2.5 / 60, 12);
  });

  it('rounds a minute\'s added count at random with the right mean', () => {
    // One logged request a minute for 10,000 minutes at scale 1.5: each minute gains 0 or 1, 1 with
    // probability 0.5, so the total is 10,000 + Binomial(10,000, 0.5).
    const one = Array.from({ length: 10_000 }, (_, m) => 60 * m + 30);
    const spec = traceOf({ type: 'trace', format: 'timestamps', scale: 1.5 }, timestamps(one));
    const times = all(arrivals(spec, 5));
    expect(Math.abs(times.length - 15_000)).toBeLessThan(Z * Math.sqrt(10_000 * 0.25));
    expect(perMinute(times, 10_000).every((c) => c === 1 || c === 2)).toBe(true);
    expect(rateProfile(spec, MONDAY).expected(0, 600_000)).toBeCloseTo(15_000, 6);
  });

  it('places the added requests uniformly within their minute: 10 equal bins', () => {
    // 20,000 logged at 0.5 s, doubled: the 20,000 added spread over [0, 60).
    const spec = traceOf({ type: 'trace', format: 'timestamps', scale: 2 }, timestamps(new Array<number>(20_000).fill(0.5)));
    const added = all(arrivals(spec, 4)).filter((t) => t !== 0.5);
    expect(added.length).toBe(20_000);
    const bins = new Array<number>(10).fill(0);
    for (const t of added) bins[Math.floor(t / 6)]!++;
    const chi2 = bins.reduce((a, n) => a + (n - 2000) ** 2 / 2000, 0);
    // Chi-square with 9 degrees of freedom: mean 9, sd sqrt(18).
    expect(chi2).toBeLessThan(9 + Z * Math.sqrt(18));
  });
});

describe("a per-minute trace's scale", () => {
  it("multiplies each minute's count, rounded at random to a neighbour", () => {
    const spec = traceOf({ type: 'trace', format: 'per-minute', scale: 0.25 }, 'minute,count\n0,3\n2,0\n1,250\n4,1\n');
    for (const seed of [1, 2, 3]) {
      const counts = perMinute(all(arrivals(spec, seed)), 5);
      expect([0, 1]).toContain(counts[0]);
      expect([62, 63]).toContain(counts[1]);
      expect(counts[2]).toBe(0);
      expect(counts[3]).toBe(0);
      expect([0, 1]).toContain(counts[4]);
    }
    expect(rateProfile(spec, MONDAY).expected(0, 300)).toBeCloseTo(0.25 * 254, 9);
    expect(rateAt(spec, 90, MONDAY)).toBeCloseTo(62.5 / 60, 12);
  });

  it('keeps the mean: 1,000 minutes of 1 request at scale 0.3', () => {
    const rows = Array.from({ length: 1000 }, (_, m) => `${m},1`).join('\n');
    const spec = traceOf({ type: 'trace', format: 'per-minute', scale: 0.3 }, `minute,count\n${rows}\n`);
    const n = all(arrivals(spec, 9)).length;
    expect(Math.abs(n - 300)).toBeLessThan(Z * Math.sqrt(1000 * 0.3 * 0.7));
  });

  it('a repeating trace scaled to nearly nothing still ends (10,000 empty periods in a row)', () => {
    const counts = new MinuteCounts(new Uint32Array([1, 0, 0]));
    expect(all(minuteCountArrivals(counts, 1, 3, streamFor(1, 'arrivals'), 1e-12))).toEqual([]);
    // At 0.5 it keeps going: about one period in two has its request.
    const p = minuteCountArrivals(counts, 1, 3, streamFor(1, 'arrivals'), 0.5);
    let n = 0;
    for (let t = p.next(); t < 180 * 2000; t = p.next()) n++;
    expect(Math.abs(n - 1000)).toBeLessThan(Z * Math.sqrt(2000 * 0.25));
  });
});

describe('a scaled trace in a scenario', () => {
  const csv = timestamps(Array.from({ length: 600 }, (_, k) => k));

  it('--set traffic.scale multiplies the file\'s scale; a sum with a trace passes its own down', () => {
    expect(traceOf({ type: 'trace', format: 'timestamps', scale: 2 }, csv, ['traffic.scale=3'])).toMatchObject({ scale: 3 });
    const dir = mkdtempSync(join(tmpdir(), 'scalesim-trace-scale-'));
    writeFileSync(join(dir, 'log.csv'), csv);
    const sum = { type: 'sum', scale: 2, components: [{ type: 'poisson', rps: 1 }, { type: 'trace', file: 'log.csv', format: 'timestamps', scale: 1.5 }] };
    const t = resolveScenario({ name: 's', duration: '10m', traffic: sum, requests: { cpu: 0.01 }, platforms: [{ name: 'vm', model: 'compute-engine' }] }, join(dir, 's.json')).traffic;
    expect(t).toMatchObject({ type: 'sum', scale: 2, components: [{ type: 'poisson', rps: 2 }, { type: 'trace', scale: 3 }] });
  });

  it('has a break-even: the verdict varies traffic.scale, in req/s the logged rate times it', () => {
    const platforms = [
      { name: 'cloud-run', model: 'cloud-run' },
      { name: 'vm', model: 'compute-engine' },
    ];
    const scenario = traceScenario({ type: 'trace', format: 'timestamps' }, csv, [], platforms);
    const plan = planBreakeven(scenario, 'log.json', [], 1, ['cloud-run', 'vm'])!;
    expect(plan).toMatchObject({ parameter: 'traffic.scale', low: 0.1, high: 10, unit: 'scale' });
    // 600 requests in the run's day: 600 / 86,400 req/s on average at scale 1.
    expect(plan.rpsPerUnit).toBeCloseTo(600 / 86_400, 15);
  });
});
