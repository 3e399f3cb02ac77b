import { describe, expect, it } from 'vitest';
import { LogSample } from '../../src/logs/log-sample.js';
import { serviceSamples } from '../../src/logs/service-samples.js';

/** [arrival, latency, status] in any order. */
function sampleOf(rows: [number, number, number][]): LogSample {
  const s = new LogSample();
  for (const [a, l, status] of rows) s.push(a, l, NaN, status);
  return s;
}

describe('latencies of requests that arrived alone', () => {
  // By hand, in arrival order:
  //   0    1.0 s  first in the logs: its idle gap is unknown            -> left out (cold)
  //   0.5  1.0 s  the first is in flight until 1.0                      -> 1 in flight
  //   3.0  0.2 s  nothing in flight                                     -> alone
  //   3.1  0.1 s  3.0 is in flight until 3.2                            -> 1 in flight
  //   3.5  0.3 s  status 500                                            -> left out (error)
  //   2000 0.1 s  nothing in flight for 1996 s > 900 s: maybe cold      -> left out (cold)
  const rows: [number, number, number][] = [[3.1, 0.1, 200], [0, 1, 200], [2000, 0.1, 200], [0.5, 1, 200], [3.5, 0.3, 500], [3, 0.2, 200]];

  it('keeps only the alone ones when there are enough', () => {
    const r = serviceSamples(sampleOf(rows), { minSamples: 1 });
    expect(Array.from(r.samples)).toEqual([0.2]);
    expect(r).toMatchObject({ level: 0, eligible: 3, leftOutCold: 2, leftOutErrors: 1, leftOutNoLatency: 0 });
    expect(r.aloneShare).toBeCloseTo(1 / 3, 15);
  });

  it('raises the level when too few arrived alone, and says so', () => {
    const r = serviceSamples(sampleOf(rows), { minSamples: 3 });
    expect(r.level).toBe(1);
    expect(Array.from(r.samples)).toEqual([1, 0.2, 0.1]);
  });

  it('a request without a latency is left out and counts for nobody`s concurrency', () => {
    const r = serviceSamples(sampleOf([[0, 0.1, 200], [1, NaN, 200], [1.05, 0.1, 200]]), { minSamples: 1 });
    expect(r.leftOutNoLatency).toBe(1);
    expect(Array.from(r.samples)).toEqual([0.1]);
  });
});
