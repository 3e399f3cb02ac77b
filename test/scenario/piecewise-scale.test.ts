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
