import { describe, expect, it } from 'vitest';
import type { TrafficSpec } from '../../src/scenario/types.js';
import { peakToMean } from '../../src/workload/busiest-window.js';

/**
 * The busiest hour over the mean (src/workload/busiest-window.ts), against closed forms. The
 * hour around a diurnal peak averages the cosine to sin(x) / x with x = pi / 24 (half an hour
 * of a 24-hour period), so a weekday's busiest hour is base (1 + A sin(x) / x); the window
 * grid (5-minute steps from the start) holds the window centred on a whole-hour peak exactly.
 */
const MONDAY = Date.parse('2026-01-05T00:00:00Z');
const DAY = 86_400;
const diurnal: TrafficSpec = { type: 'diurnal', meanRps: 100, peakToTrough: 6, peakHour: 14, weekendFactor: 0.5 };
const x = Math.PI / 24;
const A = 5 / 7;
const busiestWeekdayHour = 1 + (A * Math.sin(x)) / x; // over the weekday's mean, base

describe('peakToMean', () => {
  it('diurnal: a weekday, a week, a weekend day, and the measured window after warm-up', () => {
    expect(peakToMean(diurnal, MONDAY, 0, DAY)).toBeCloseTo(busiestWeekdayHour, 12); // 1.7122
    // A week's mean is a weekday's times 6 / 7 (five weekdays and two half days over seven).
    expect(peakToMean(diurnal, MONDAY, 0, 7 * DAY)).toBeCloseTo((busiestWeekdayHour * 7) / 6, 12); // 1.9976
    // A Saturday alone is a weekday scaled down: the same ratio.
    expect(peakToMean(diurnal, MONDAY, 5 * DAY, 6 * DAY)).toBeCloseTo(busiestWeekdayHour, 12);
    // Without the first hour (a warm-up near the trough) the window's mean is higher, the ratio lower.
    const firstHour = 1 + (A * (Math.sin(-13 * 2 * x) - Math.sin(-14 * 2 * x))) / (2 * x);
    expect(peakToMean(diurnal, MONDAY, 3600, DAY)).toBeCloseTo((busiestWeekdayHour * 23) / (24 - firstHour), 12); // 1.6646
  });

  it('a spike: an hour at 100 req/s in a day at 10', () => {
    const spike: TrafficSpec = { type: 'piecewise', points: [[0, 10], [7200, 100], [10_800, 10]], interpolation: 'step', repeat: null };
    const mean = (10 * (DAY - 3600) + 100 * 3600) / DAY;
    expect(peakToMean(spike, MONDAY, 0, DAY)).toBeCloseTo(100 / mean, 12);
    // A spike shorter than the hour counts as its share of the hour.
    const short: TrafficSpec = { type: 'piecewise', points: [[0, 10], [7200, 100], [7500, 10]], interpolation: 'step', repeat: null };
    expect(peakToMean(short, MONDAY, 0, DAY)).toBeCloseTo((10 + 90 * (300 / 3600)) / ((10 * DAY + 90 * 300) / DAY), 12);
  });

  it('1 for flat traffic, for mmpp (its state path is random), and for a run no longer than the window', () => {
    expect(peakToMean({ type: 'poisson', rps: 3 }, MONDAY, 0, DAY)).toBe(1);
    const mmpp: TrafficSpec = { type: 'mmpp', states: [{ rps: 1, meanHolding: 60 }, { rps: 50, meanHolding: 10 }], start: 0, transitions: [[0, 1], [1, 0]] };
    expect(peakToMean(mmpp, MONDAY, 0, DAY)).toBe(1);
    expect(peakToMean(diurnal, MONDAY, 13 * 3600, 14 * 3600)).toBe(1);
    expect(peakToMean({ type: 'poisson', rps: 0 }, MONDAY, 0, DAY)).toBe(1);
  });
});
