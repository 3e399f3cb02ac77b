import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { paretoFrontier } from '../../src/experiment/pareto.js';
import { meets, parseSlo, sloValue } from '../../src/experiment/slo.js';
import type { SummaryRecord } from '../../src/metrics/summary.js';

describe('parseSlo', () => {
  it.each([
    ['p99<300ms', 'latency_p99_s', 0.3, false],
    ['p95 <= 1.5s', 'latency_p95_s', 1.5, true],
    ['mean<100ms', 'latency_mean_s', 0.1, false],
    ['p999<2s', 'latency_p999_s', 2, false],
    ['p99.9<2s', 'latency_p999_s', 2, false],
    ['P50<50MS', 'latency_p50_s', 0.05, false],
    ['reject<0.1%', 'reject_fraction', 0.001, false],
    ['reject<=0.001', 'reject_fraction', 0.001, true],
  ])('%s', (text, metric, limit, inclusive) => {
    const slo = parseSlo(text);
    expect(slo.metric).toBe(metric);
    expect(slo.limit).toBeCloseTo(limit, 12);
    expect(slo.inclusive).toBe(inclusive);
  });

  it.each(['p99<300', 'p98<300ms', 'p99>300ms', 'reject<5ms', 'reject<150%', 'p99<', 'latency<1s'])('rejects %j', (text) => {
    expect(() => parseSlo(text)).toThrow(InputError);
  });

  it('reject counts rejected, timed out and failed requests over those that arrived', () => {
    const r = { requests_arrived: 1000, requests_rejected: 3, requests_timed_out: 1, requests_failed: 1 } as SummaryRecord;
    expect(sloValue('reject_fraction', r)).toBe(0.005);
    expect(meets(parseSlo('reject<0.5%'), 0.005)).toBe(false);
    expect(meets(parseSlo('reject<=0.5%'), 0.005)).toBe(true);
    expect(meets(parseSlo('p99<1s'), NaN)).toBe(false);
  });
});

describe('paretoFrontier', () => {
  it('keeps the points no other beats on both costs, cheapest first', () => {
    const points = [
      { name: 'a', cost: 1, p99: 9 },
      { name: 'b', cost: 2, p99: 5 },
      { name: 'c', cost: 3, p99: 6 }, // beaten by b
      { name: 'd', cost: 2, p99: 7 }, // same cost as b, slower
      { name: 'e', cost: 4, p99: 1 },
      { name: 'f', cost: NaN, p99: 0 },
    ];
    expect(paretoFrontier(points, (p) => p.cost, (p) => p.p99).map((p) => p.name)).toEqual(['a', 'b', 'e']);
  });
});
