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

  it('finds the frontier within each traffic level, not across levels', () => {
    const data = sweepReportData(sweepResults([1, 5, 20], 1), ['cost_total_usd'], 'results.csv');
    const byLevel = data.frontiers.map((f) => [f.level, f.points.length, f.frontier.map((k) => data.points[k]!.platform)]);
    // cloud-run costs 0.1 x rps at p95 0.25 s, vm 1.0 at p95 0.2 s: at 1 and 5 req/s cloud-run is
    // cheaper and vm faster (both on the frontier); at 20 req/s vm ($1 < $2) beats cloud-run on both.
    // Across levels, cloud-run at 1 req/s would have pushed every other level's points off.
    expect(byLevel).toEqual([
      ['traffic.meanRps=1', 2, ['cloud-run', 'vm']],
      ['traffic.meanRps=5', 2, ['cloud-run', 'vm']],
      ['traffic.meanRps=20', 2, ['vm']],
    ]);
  });

  it('has one frontier over every point without a traffic axis', () => {
    const table = sweepResults([1, 2], 1);
    const renamed = { columns: ['cloud-run.concurrency', ...table.columns.slice(1)], rows: table.rows };
    const data = sweepReportData(renamed, ['cost_total_usd'], 'results.csv');
    expect(data.frontiers).toHaveLength(1);
    expect(data.frontiers[0]!.level).toBe('');
    expect(data.frontiers[0]!.points).toHaveLength(4);
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
