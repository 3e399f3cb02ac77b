import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/progress.js';
import { noTrafficReason } from '../../src/experiment/no-traffic.js';
import { resolveScenario } from '../../src/scenario/load.js';
import { costPerMonth } from '../../src/verdict/cost-per-month.js';
import { trafficPeriod } from '../../src/verdict/traffic-period.js';
import { formatPercentText, formatServedText } from '../../src/verdict/words.js';

const base = { name: 's', duration: '1h', requests: { cpu: '30ms' }, platforms: [{ name: 'vm', model: 'compute-engine', count: 1 }] };

describe('cost_per_month_usd: the run scaled to 730 h', () => {
  it('a week of $41.21 is 41.21 x 730 / 168 = $179.07 a month; a day of $8.17 is 8.17 x 730 / 24 = $248.50', () => {
    expect(costPerMonth(41.21, 7 * 86_400)).toBeCloseTo(179.0673, 4);
    expect(costPerMonth(8.17, 86_400)).toBeCloseTo(248.5042, 4);
    expect(costPerMonth(1, 0)).toBeNaN();
  });
});

describe("the traffic's own period, for `extrapolated`", () => {
  it.each<[string, Record<string, unknown>, number | null]>([
    ['poisson: none', { type: 'poisson', rps: 1 }, null],
    ['diurnal with quieter weekends: a week', { type: 'diurnal', meanRps: 1, peakToTrough: 2, peakHour: 14, weekendFactor: 0.5 }, 7 * 86_400],
    ['diurnal alike every day: a day', { type: 'diurnal', meanRps: 1, peakToTrough: 2, peakHour: 14, weekendFactor: 1 }, 86_400],
    ['piecewise with repeat: the repeat', { type: 'piecewise', points: [[0, 1], ['30m', 2]], repeat: '1h' }, 3600],
    ['piecewise without repeat: none', { type: 'piecewise', points: [[0, 1]] }, null],
    ['sum: the longest part', { type: 'sum', components: [{ type: 'poisson', rps: 1 }, { type: 'diurnal', meanRps: 1, peakToTrough: 2, peakHour: 3, weekendFactor: 1 }] }, 86_400],
  ])('%s', (_, traffic, period) => {
    expect(trafficPeriod(resolveScenario({ ...base, traffic }, '').traffic)).toBe(period);
  });
});

describe('the progress line (issue 11 item 8)', () => {
  const state = { platform: 'cloud-run', index: 0, count: 2, simulated: 302_400, total: 604_800, requests: 6_000_000, elapsed: 15, platformElapsed: 15 };
  it('percent over all platforms, platform i of n, the rate labelled, an ETA', () => {
    // Half of the first of two platforms: 25 % done in 15 s, 45 s left.
    expect(progressLine(state)).toBe('platform 1 of 2 (cloud-run): 25.0 % simulated, about 45s left, 3d 12h of 7d, 6,000,000 requests at 400,000 simulated requests/s');
  });
  it('no absurd first sample: no rate and no ETA before a second of wall-clock time', () => {
    const first = progressLine({ ...state, simulated: 3024, requests: 30, elapsed: 0.002, platformElapsed: 0.002 });
    expect(first).toBe('platform 1 of 2 (cloud-run): 0.3 % simulated, 50m 24s of 7d, 30 requests at simulated requests/s: measuring');
  });
});

describe('a share served is never rounded up to 100 %', () => {
  it.each([
    [0.69, '69.0 %'],
    [0.9691, '96.9 %'],
    [0.9995, '99.95 %'],
    [0.99993, '99.993 %'],
    [0.9999993, '>= 99.9999 %'],
    [1, '100 %'],
  ])('%d -> %s', (fraction, text) => expect(formatServedText(fraction)).toBe(text));
});

describe('a share lost is never shown as none', () => {
  it.each([
    [0.31, '31 %'],
    [0.0012, '0.12 %'],
    [0.000006, '0.0006 %'],
    [0.0000006, '0.0001 %'],
    [0.0000003, '< 0.0001 %'],
    [0, '0 %'],
  ])('%d -> %s', (fraction, text) => expect(formatPercentText(fraction)).toBe(text));
});

describe('warnings and refusals (issue 11 item 7)', () => {
  it('a bare number above 10 s for a CPU or I/O mean is warned about', () => {
    const s = resolveScenario({ ...base, traffic: { type: 'poisson', rps: 1 }, requests: { cpu: { dist: 'lognormal', mean: 30, cv: 1 }, io: 50 } }, '');
    expect(s.warnings).toEqual(['requests.cpu.mean: 30 means 30 s; did you mean "30ms"?', 'requests.io: 50 means 50 s; did you mean "50ms"?']);
    expect(resolveScenario({ ...base, traffic: { type: 'poisson', rps: 1 }, requests: { cpu: '30ms', io: 2 } }, '').warnings).toEqual([]);
  });

  it('no request at all: the reason names the rate, or where the trace lies', () => {
    const zero = resolveScenario({ ...base, traffic: { type: 'poisson', rps: 0 } }, '');
    expect(noTrafficReason(zero)).toMatch(/^traffic: its rate is 0 over the run's 1h from 2026-01-05T00:00:00Z/);
    expect(noTrafficReason(resolveScenario({ ...base, traffic: { type: 'poisson', rps: 1 } }, ''))).toBeNull();
  });

  it('a trace of date-times takes start from its first one when the scenario gives none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalesim-trace-start-'));
    writeFileSync(join(dir, 't.csv'), 't\n2019-07-15T10:00:05.250Z\n2019-07-15T10:00:06Z\n2019-07-15T10:30:00Z\n');
    const file = join(dir, 's.json');
    const s = resolveScenario({ ...base, traffic: { type: 'trace', file: 't.csv', format: 'timestamps' } }, file);
    expect(s.start).toBe('2019-07-15T10:00:05Z'); // its whole second (trace-window.ts)
    expect(noTrafficReason(s)).toBeNull();
    // An explicit start is kept.
    const early = resolveScenario({ ...base, start: '2019-07-15T09:30:00Z', traffic: { type: 'trace', file: 't.csv', format: 'timestamps' } }, file);
    expect(early.start).toBe('2019-07-15T09:30:00Z');
    // Times in seconds from the start: the default start.
    writeFileSync(join(dir, 'u.csv'), 't\n0.5\n2\n');
    expect(resolveScenario({ ...base, traffic: { type: 'trace', file: 'u.csv', format: 'timestamps' } }, file).start).toBe('2026-01-05T00:00:00Z');
  });
});
