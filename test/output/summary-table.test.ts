import { describe, expect, it } from 'vitest';
import { summaryToTable } from '../../src/output/summary-table.js';
import { summaryRecord, twoPlatforms } from './summary-fixture.js';

/** The cells of the row labelled `label` in `section` (labels repeat across sections). */
function cells(table: string, section: string, label: string): string[] {
  const lines = table.split('\n');
  const start = lines.indexOf(section);
  expect(start, `section ${section}`).toBeGreaterThanOrEqual(0);
  const line = lines.slice(start + 1).find((l) => l.startsWith(`  ${label} `));
  expect(line, `row ${label}`).toBeDefined();
  return line!.slice(label.length + 2).trim().split(/\s{2,}/);
}

describe('summaryToTable', () => {
  const table = summaryToTable(twoPlatforms);

  it('starts with scenario, seed and a human duration, then the platforms as columns', () => {
    const lines = table.split('\n');
    expect(lines[0]).toBe('scenario diurnal, seed 42, duration 7d');
    expect(lines[1]!.trim().split(/\s+/)).toEqual(['cloud-run', 'vm']);
    expect(cells(table, lines[0]!, 'model')).toEqual(['cloud-run', 'compute-engine']);
  });

  it('has every section and the key rows', () => {
    for (const section of ['Requests', 'Latency (ms)', 'Cold starts', 'Queue wait (ms)', 'Instances', 'Cost (USD)']) {
      expect(table.split('\n')).toContain(section);
    }
    expect(cells(table, 'Requests', 'arrived')).toEqual(['12,096,000', '12,096,000']);
    expect(cells(table, 'Requests', 'timed out')).toEqual(['20', '20']);
    expect(cells(table, 'Latency (ms)', 'p99.9')).toEqual(['2,100', '2,100']);
    expect(cells(table, 'Latency (ms)', 'mean')).toEqual(['81.2', '81.2']);
    expect(cells(table, 'Cold starts', 'cold-start requests (%)')).toEqual(['0.0204', '0.0']);
    expect(cells(table, 'Cold starts', 'wait p99 (ms)')).toEqual(['3,200', '-']);
    expect(cells(table, 'Queue wait (ms)', 'mean')).toEqual(['300', '300']);
    expect(cells(table, 'Instances', 'CPU utilisation (%)')).toEqual(['43.2', '43.2']);
    expect(cells(table, 'Cost (USD)', 'total')).toEqual(['123.46', '49.28']);
    expect(cells(table, 'Cost (USD)', 'per million requests')).toEqual(['10.21', 'inf']);
    expect(cells(table, 'Cost (USD)', 'discount')).toEqual(['-0.0000123', '-0.0000123']);
  });

  it('right-aligns every column', () => {
    const rows = table.split('\n').filter((line) => line.startsWith('  '));
    const ends = new Set(rows.map((line) => line.length));
    expect(ends.size).toBe(1);
  });

  it('is plain text unless asked for colour', () => {
    expect(table).not.toContain('\u001b[');
    expect(table.endsWith('\n')).toBe(true);
    const colored = summaryToTable(twoPlatforms, { color: true });
    expect(colored).toContain('\u001b[1mRequests\u001b[0m');
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(table);
  });

  it('is the same for the same records', () => {
    expect(summaryToTable(twoPlatforms.map((r) => ({ ...r })))).toBe(table);
  });

  it('names a replication and a duration that is not whole days', () => {
    const one = summaryToTable([summaryRecord({ replication: 3, duration_s: 5400 })]);
    expect(one.split('\n')[0]).toBe('scenario diurnal, seed 42, replication 3, duration 1h 30m');
  });

  it('says so when there is nothing to show', () => {
    expect(summaryToTable([])).toBe('No platforms to show.\n');
  });
});
