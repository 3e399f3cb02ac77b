import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/streams.js';
import type { TrafficSpec } from '../../src/scenario/types.js';
import { diurnalArrivals } from '../../src/workload/diurnal-arrivals.js';
import { DiurnalProfile } from '../../src/workload/diurnal-profile.js';
import { exponentialGap } from '../../src/workload/exponential-gap.js';

type Diurnal = Extract<TrafficSpec, { type: 'diurnal' }>;

const DAY = 86_400;
const WEEK = 7 * DAY;

/** Profiles with the shapes that stress the bounds: steep and flat waves, a trough at zero, weekend above and at zero. */
const PROFILES: { spec: Diurnal; start: number }[] = [
  { spec: { type: 'diurnal', meanRps: 100, peakToTrough: 6, peakHour: 14, weekendFactor: 0.5 }, start: Date.UTC(2026, 0, 5) },
  { spec: { type: 'diurnal', meanRps: 3, peakToTrough: Infinity, peakHour: 0, weekendFactor: 1 }, start: Date.UTC(2026, 0, 7, 13, 17, 0, 250) },
  { spec: { type: 'diurnal', meanRps: 1, peakToTrough: 3, peakHour: 20.5, weekendFactor: 2.5 }, start: Date.UTC(2025, 11, 31, 23, 59, 59, 999) },
  { spec: { type: 'diurnal', meanRps: 50, peakToTrough: 1, peakHour: 9, weekendFactor: 0 }, start: Date.UTC(2026, 2, 1) },
  { spec: { type: 'diurnal', meanRps: 7, peakToTrough: 1000, peakHour: 23.99, weekendFactor: 0.1 }, start: Date.UTC(2026, 0, 4, 23, 59, 30) },
];

describe('DiurnalProfile.below: the thinning test decided from minute bounds', () => {
  it('answers exactly x < rate(t) at random times, near minute, day and week edges, with x at and around the rate', () => {
    const rng = seedrandom.alea('squeeze');
    let checks = 0;
    const wrong: string[] = [];
    for (const { spec, start } of PROFILES) {
      const profile = new DiurnalProfile(spec, start);
      const times: number[] = [];
      for (let i = 0; i < 20_000; i++) times.push(rng() * 3 * WEEK);
      // Edges: whole minutes, days and weeks of simulated time and of the calendar, give or take an ulp.
      const offset = (((start - Date.UTC(1970, 0, 5)) / 1000) % WEEK + WEEK) % WEEK;
      for (let k = 0; k < 3 * 7 * 24; k++) {
        for (const edge of [k * 3600, k * 3600 - offset + WEEK, (k * DAY) / 24 + 60 * Math.floor(rng() * 60)]) {
          if (edge < 0) continue;
          for (const e of [edge, edge * (1 + Number.EPSILON), edge * (1 - Number.EPSILON), edge + 1e-9, edge - 1e-9]) if (e >= 0) times.push(e);
        }
      }
      for (const t of times) {
        const r = profile.rate(t);
        for (const x of [r, r * (1 - 1e-15), r * (1 + 1e-15), r * (1 - 1e-3), r * (1 + 1e-3), rng() * profile.peakRate, 0]) {
          if (profile.below(x, t) !== x < r) wrong.push(`t=${t} x=${x} rate=${r}`);
          checks++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checks).toBeGreaterThan(500_000);
  });

  it('gives the same arrivals as thinning against rate(), and skips rate() for all but a few candidates in 1,000', () => {
    for (const { spec, start } of PROFILES) {
      // Two weeks of arrivals at 0.5 req/s: every minute of the week, each day's edges twice.
      const slow: Diurnal = { ...spec, meanRps: 0.5 };
      const plain = new DiurnalProfile(slow, start);
      const counting = new CountingProfile(slow, start);
      const peak = plain.peakRate;
      const rng = streamFor(1, 'arrivals');
      let time = 0;
      let candidates = 0;
      let differ = 0;
      const arrivals = diurnalArrivals(counting, streamFor(1, 'arrivals'));
      while (time < 2 * WEEK) {
        // The loop as it was before the squeeze.
        for (;;) {
          candidates++;
          time += exponentialGap(rng) / peak;
          if (rng() * peak < plain.rate(time)) break;
        }
        if (arrivals.next() !== time) differ++;
      }
      expect(differ).toBe(0);
      // A candidate reaches rate() only between its minute's bounds: about 1 in 1,000 where the
      // wave is steepest (a minute moves the rate by up to 0.2 % of the peak), plus the
      // minutes at a weekday / weekend edge.
      expect(counting.calls / candidates).toBeLessThan(0.005);
      expect(counting.calls).toBeGreaterThan(0); // the exact test still runs where it must
    }
  });
});

class CountingProfile extends DiurnalProfile {
  calls = 0;
  override rate(t: number): number {
    this.calls++;
    return super.rate(t);
  }
}

