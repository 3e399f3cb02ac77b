import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenario/load.js';
import type { TrafficSpec } from '../../src/scenario/types.js';
import { meanRate } from '../../src/workload/mean-rate.js';
import { baseScenario } from './helpers.js';

const withTraffic = (traffic: unknown, sets: string[] = []) => resolveScenario({ ...baseScenario(), traffic }, 'x.json', sets);

describe('a piecewise traffic\'s scale', () => {
  const traffic = { type: 'piecewise', points: [[0, 2], ['30m', 6.5]], interpolation: 'linear', repeat: '1h' };

  it('multiplies every rate of the points, once, where the scenario is read', () => {
    const plain = withTraffic(traffic).traffic;
    const doubled = withTraffic(traffic, ['traffic.scale=2.5']).traffic;
    expect(plain).toMatchObject({ type: 'piecewise', points: [[0, 2], [1800, 6.5]], scale: 1 });
    expect(doubled).toMatchObject({ type: 'piecewise', points: [[0, 5], [1800, 16.25]], scale: 2.5 });
    // A linear triangle 2 -> 6.5 -> 2 each hour: mean 4.25 req/s; scaled, 10.625.
    expect(meanRate(plain, 0, 3600, 0)).toBeCloseTo(4.25, 12);
    expect(meanRate(doubled, 0, 3600, 0)).toBeCloseTo(10.625, 12);
  });

  it('at its default of 1 leaves the rates as written, bit for bit', () => {
    const odd = { ...traffic, points: [[0, 0.1], ['30m', 1 / 3]] };
    const t = withTraffic(odd).traffic as Extract<TrafficSpec, { type: 'piecewise' }>;
    expect(t.points.map(([, r]) => r)).toEqual([0.1, 1 / 3]);
  });
});

describe('the scale of a sum and of an MMPP', () => {
  it('an MMPP multiplies every state\'s rps; its time fractions stay', () => {
    const mmpp = { type: 'mmpp', states: [{ rps: 4, meanHolding: '9m' }, { rps: 60, meanHolding: '1m' }] };
    const t = withTraffic(mmpp, ['traffic.scale=1.5']).traffic;
    expect(t).toMatchObject({ type: 'mmpp', states: [{ rps: 6, meanHolding: 540 }, { rps: 90, meanHolding: 60 }], scale: 1.5 });
    // Time fractions 0.9 and 0.1: mean 0.9 x 4 + 0.1 x 60 = 9.6 req/s, and 1.5 times that.
    expect(meanRate(withTraffic(mmpp).traffic, 0, 3600, 0)).toBeCloseTo(9.6, 9);
    expect(meanRate(t, 0, 3600, 0)).toBeCloseTo(14.4, 9);
  });

  it('a sum passes its scale down to every component, nested sums and profiles included', () => {
    const sum = {
      type: 'sum',
      components: [
        { type: 'poisson', rps: 2 },
        { type: 'diurnal', meanRps: 10, peakToTrough: 3, peakHour: 12 },
        { type: 'sum', components: [{ type: 'piecewise', points: [[0, 1], ['1h', 3]], repeat: '2h' }] },
      ],
    };
    const t = withTraffic(sum, ['traffic.scale=3']).traffic;
    expect(t).toMatchObject({
      type: 'sum',
      scale: 3,
      components: [
        { type: 'poisson', rps: 6 },
        { type: 'diurnal', meanRps: 30 },
        { type: 'sum', scale: 3, components: [{ type: 'piecewise', points: [[0, 3], [3600, 9]], scale: 3 }] },
      ],
    });
    // Over a whole week (the diurnal's mean is over a week): 2 + 10 + 2, then three times that.
    expect(meanRate(t, 0, 7 * 86_400, 0) / meanRate(withTraffic(sum).traffic, 0, 7 * 86_400, 0)).toBeCloseTo(3, 9);
  });

  it('a sum with a trace passes its scale to the trace, which multiplies its requests per minute', () => {
    const sum = { type: 'sum', components: [{ type: 'poisson', rps: 2 }, { type: 'trace', file: 'traces/timestamps.csv', format: 'timestamps', column: 't' }] };
    // Read beside the bundled workloads, where the trace is.
    const where = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'workloads', 'x.json');
    const plain = resolveScenario({ ...baseScenario(), traffic: sum }, where).traffic;
    const doubled = resolveScenario({ ...baseScenario(), traffic: sum }, where, ['traffic.scale=2']).traffic;
    expect(plain).toMatchObject({ type: 'sum', scale: 1 });
    expect(doubled).toMatchObject({ type: 'sum', scale: 2, components: [{ type: 'poisson', rps: 4 }, { type: 'trace', scale: 2 }] });
    expect(meanRate(doubled, 0, 3600, 0) / meanRate(plain, 0, 3600, 0)).toBeCloseTo(2, 9);
  });
});
