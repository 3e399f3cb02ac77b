import { describe, expect, it } from 'vitest';
import { peakedWeek } from '../../src/init/peaked-week.js';
import { parseDuration } from '../../src/scenario/units.js';
import { PiecewiseProfile } from '../../src/workload/piecewise-profile.js';

const WEEK = 7 * 86_400;

/** The week (or day) as the scenario runs it: its points read back as a piecewise traffic. */
function profile(points: [string, number][], repeat = WEEK): PiecewiseProfile {
  return new PiecewiseProfile({ type: 'piecewise', points: points.map(([t, r]) => [parseDuration(t)!, r]), interpolation: 'linear', repeat });
}

describe('peakedWeek: a daily triangle for a peak a cosine cannot reach', () => {
  it('keeps the mean, peaks at the peak hour, and carries nothing outside the triangle', () => {
    // 50,000 requests a day (0.5787 req/s), peak 5 req/s at 14:00, weekend factor 0.5: weekday
    // mean 0.5787 x 7 / 6 = 0.6752 req/s, width 48 x 0.6752 / 5 = 6.481 h.
    const mean = 50_000 / 86_400;
    const weekday = (mean * 7) / 6;
    const week = peakedWeek(weekday, 5, 14, 0.5);
    expect(week.widthHours).toBeCloseTo((48 * weekday) / 5, 12);
    const p = profile(week.points);
    // Times are written to 0.0001 h (at most 0.00005 h off, against a half-width of 3.24 h) and
    // rates to 6 digits: the week's mean within 1e-4 of the one asked for.
    expect(Math.abs(p.periodMass / WEEK / mean - 1)).toBeLessThan(1e-4);
    for (let d = 0; d < 7; d++) {
      const top = d < 5 ? 5 : 2.5;
      expect(p.rate((d * 24 + 14) * 3600)).toBeCloseTo(top, 9);
      // Half-way down either side.
      expect(p.rate((d * 24 + 14 + week.widthHours / 4) * 3600)).toBeCloseTo(top / 2, 3);
      expect(p.rate((d * 24 + 14 - week.widthHours / 4) * 3600)).toBeCloseTo(top / 2, 3);
      // Outside the triangle: nothing (2:00, and just past its end).
      expect(p.rate((d * 24 + 2) * 3600)).toBe(0);
      expect(p.rate((d * 24 + 14 + week.widthHours / 2 + 0.01) * 3600)).toBe(0);
    }
  });

  it('wraps a late peak across midnight and Sunday\'s into Monday', () => {
    // Weekday mean 1, peak 4 at 23:00: 12 h wide, from 17:00 to 05:00 the next day.
    const week = peakedWeek(1, 4, 23, 0.5);
    expect(week.widthHours).toBe(12);
    const p = profile(week.points);
    expect(Math.abs(p.periodMass / WEEK - (5 + 2 * 0.5) / 7) / ((5 + 2 * 0.5) / 7)).toBeLessThan(1e-4);
    // Monday 00:00 is an hour past Sunday's peak of 2: 2 x (1 - 1/6).
    expect(p.rate(0)).toBeCloseTo(2 * (5 / 6), 5);
    expect(week.points[0]).toEqual(['0h', Number((2 * (5 / 6)).toPrecision(6))]);
    // Tuesday 02:00 is 3 h past Monday's peak of 4: 4 x (1 - 3/6).
    expect(p.rate((24 + 2) * 3600)).toBeCloseTo(2, 5);
    expect(p.rate((24 + 12) * 3600)).toBe(0);
    // Times strictly increase within the week, as the schema asks.
    const hours = week.points.map(([t]) => Number.parseFloat(t));
    for (let i = 1; i < hours.length; i++) expect(hours[i]).toBeGreaterThan(hours[i - 1]!);
    expect(hours[hours.length - 1]).toBeLessThanOrEqual(168);
  });

  it('at twice the mean is a day-wide triangle, the limit of the cosine; below it, refused', () => {
    const week = peakedWeek(3, 6, 12, 1);
    expect(week.widthHours).toBe(24);
    const p = profile(week.points);
    expect(p.periodMass / WEEK).toBeCloseTo(3, 9);
    expect(p.rate(0)).toBe(0);
    expect(p.rate(12 * 3600)).toBe(6);
    expect(() => peakedWeek(3, 5.9, 12, 1)).toThrow(RangeError);
    expect(() => peakedWeek(0, 5, 12, 1)).toThrow(RangeError);
  });

  it('one day when every day is alike, a late peak wrapping into its own start', () => {
    // Weekday mean 1, peak 4 at 23:00: 12 h wide, 17:00 to 05:00, repeated every day.
    const day = peakedWeek(1, 4, 23, 1, 1);
    expect(day.widthHours).toBe(12);
    const p = profile(day.points, 86_400);
    expect(Math.abs(p.periodMass / 86_400 - 1)).toBeLessThan(1e-4);
    expect(p.rate(0)).toBeCloseTo(4 * (5 / 6), 5);
    expect(p.rate(23 * 3600)).toBeCloseTo(4, 9);
    expect(p.rate(12 * 3600)).toBe(0);
    // The same rate at every hour as the week of the same numbers, to the 6 digits the points
    // are written with (a midnight is a point of the day, interpolated in the week).
    const week = profile(peakedWeek(1, 4, 23, 1).points);
    for (let h = 0; h < 24 * 7; h += 1.5) expect(Math.abs(p.rate(h * 3600) - week.rate(h * 3600))).toBeLessThan(4 * 1e-5);
    const hours = day.points.map(([t]) => Number.parseFloat(t));
    for (let i = 1; i < hours.length; i++) expect(hours[i]).toBeGreaterThan(hours[i - 1]!);
    expect(hours[hours.length - 1]).toBeLessThanOrEqual(24);
  });
});
