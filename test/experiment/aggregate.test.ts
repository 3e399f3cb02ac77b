import { describe, expect, it } from 'vitest';
import { aggregateColumns, aggregateResults, AGGREGATED_FIELDS } from '../../src/experiment/aggregate.js';
import { parseCsvTable } from '../../src/experiment/csv-table.js';
import { SUMMARY_FIELDS } from '../../src/metrics/summary.js';

/** A results row: grid value, platform, replication and a latency; other metrics 1. */
function row(concurrency: string, platform: string, replication: number, latency: string): string[] {
  return [concurrency, ...SUMMARY_FIELDS.map((f) => {
    if (f === 'scenario') return 's';
    if (f === 'platform') return platform;
    if (f === 'model') return platform === 'vm' ? 'compute-engine' : 'cloud-run';
    if (f === 'seed') return '4';
    if (f === 'replication') return String(replication);
    if (f === 'latency_mean_s') return latency;
    return '1';
  })];
}

describe('aggregateResults', () => {
  const columns = ['cloud-run.concurrency', ...SUMMARY_FIELDS];
  const rows = [
    row('10', 'cloud-run', 0, '1'),
    row('10', 'vm', 0, '2'),
    row('10', 'cloud-run', 1, '2'),
    row('10', 'vm', 1, ''),
    row('10', 'cloud-run', 2, '6'),
    row('10', 'vm', 2, '4'),
    row('80', 'cloud-run', 0, '5'),
    row('80', 'vm', 0, '5'),
  ];
  const agg = parseCsvTable(aggregateResults({ columns, rows }), 'agg');
  const cell = (r: number, column: string): string => agg.rows[r]![agg.columns.indexOf(column)]!;

  it('has one row per (point, platform) in order of appearance, with mean and CI columns', () => {
    expect(agg.columns).toEqual(aggregateColumns(['cloud-run.concurrency']));
    expect(agg.columns).toHaveLength(1 + 5 + 2 * AGGREGATED_FIELDS.length);
    expect(agg.rows.map((r) => `${r[0]} ${cell(agg.rows.indexOf(r), 'platform')}`)).toEqual(['10 cloud-run', '10 vm', '80 cloud-run', '80 vm']);
    expect(cell(0, 'replications')).toBe('3');
    expect(cell(0, 'model')).toBe('cloud-run');
    expect(cell(0, 'seed')).toBe('4');
  });

  it('mean and t half-width: values 1, 2, 6 give mean 3, s = 2.6458, 4.303 s / sqrt(3) = 6.5726', () => {
    expect(Number(cell(0, 'latency_mean_s_mean'))).toBe(3);
    expect(Number(cell(0, 'latency_mean_s_ci95'))).toBeCloseTo((4.302653 * Math.sqrt(7)) / Math.sqrt(3), 4);
    expect(cell(0, 'cost_total_usd_ci95')).toBe('0'); // equal values
  });

  it('leaves undefined values out; one defined value gives an empty half-width', () => {
    expect(Number(cell(1, 'latency_mean_s_mean'))).toBe(3); // (2 + 4) / 2, the empty cell left out
    expect(cell(2, 'latency_mean_s_mean')).toBe('5');
    expect(cell(2, 'latency_mean_s_ci95')).toBe('');
  });
});
