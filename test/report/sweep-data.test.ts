import { describe, expect, it } from 'vitest';
import { parseSweepMetrics, sweepReportData } from '../../src/report/sweep-data.js';
import { sweepResults } from './fixtures.js';

describe('sweepReportData', () => {
  it('gives each (point, platform) the mean and 95 % band over its replications', () => {
    const data = sweepReportData(sweepResults([1, 5, 20], 3), parseSweepMetrics([]), 'results.csv');
    expect(data.axes).toEqual([{ path: 'traffic.meanRps', values: ['1', '5', '20'], numeric: true }]);
    expect(data.platforms).toEqual(['cloud-run', 'vm']);
    expect(data.replications).toBe(3);
    expect(data.points).toHaveLength(6);
    const vm5 = data.points.find((p) => p.platform === 'vm' && p.grid[0] === '5')!;
    expect(vm5.metrics.cost_total_usd!.mean).toBeCloseTo(1, 12);
    expect(vm5.metrics.cost_total_usd!.n).toBe(3);
    // values 0.99, 1, 1.01: s = 0.01, half = 4.303 x 0.01 / sqrt(3)
    expect(vm5.metrics.cost_total_usd!.hi - 1).toBeCloseTo((4.303 * 0.01) / Math.sqrt(3), 4);
  });

  it('finds where the cheaper platform changes along a traffic axis', () => {
    const data = sweepReportData(sweepResults([1, 5, 20], 2), ['cost_total_usd'], 'results.csv');
    expect(data.crossings).toHaveLength(1);
    const c = data.crossings[0]!;
    expect(c.axis).toBe('traffic.meanRps');
    expect(c.lowerBelow).toBe('cloud-run');
    expect(c.lowerAbove).toBe('vm');
    expect(c.value).toBeCloseTo(10, 9);
  });

  it('puts on the frontier only the points no other beats on cost and p95', () => {
    const data = sweepReportData(sweepResults([1, 5, 20], 1), ['cost_total_usd'], 'results.csv');
    const frontier = data.frontier.map((k) => data.points[k]!);
    // cloud-run at 1 rps is the cheapest; vm (p95 0.2 s) is the fastest, cheapest at any rps: 1.0.
    expect(frontier.map((p) => [p.platform, p.grid[0]])).toEqual([
      ['cloud-run', '1'],
      ['vm', '1'],
    ]);
  });

  it('draws no band with a single replication', () => {
    const data = sweepReportData(sweepResults([1, 2], 1), ['cost_total_usd'], 'results.csv');
    for (const p of data.points) expect(p.metrics.cost_total_usd!.lo).toBe(p.metrics.cost_total_usd!.hi);
  });

  it('reads a shard file, whose first column is the task number', () => {
    const table = sweepResults([1, 2], 1);
    const sharded = { columns: ['task', ...table.columns], rows: table.rows.map((r, i) => [String(i >> 1), ...r]) };
    expect(sweepReportData(sharded, ['cost_total_usd'], 's.csv').axes.map((a) => a.path)).toEqual(['traffic.meanRps']);
  });

  it('refuses a file that is not a sweep\'s results, and an unknown metric', () => {
    expect(() => sweepReportData({ columns: ['a', 'b'], rows: [['1', '2']] }, ['cost_total_usd'], 'x.csv')).toThrow(/x.csv: not a sweep's results/);
    expect(() => parseSweepMetrics(['platform'])).toThrow(/--metric: "platform" is not allowed/);
    expect(() => parseSweepMetrics(['p95'])).toThrow(/--metric/);
  });
});
