import { describe, expect, it } from 'vitest';
import { SUMMARY_FIELDS } from '../../src/metrics/summary.js';
import { summaryToCsv } from '../../src/output/summary-csv.js';
import { summaryRecord, twoPlatforms } from './summary-fixture.js';

describe('summaryToCsv', () => {
  it('writes a header with exactly SUMMARY_FIELDS in order, then one line per record', () => {
    const lines = summaryToCsv(twoPlatforms).split('\n');
    expect(lines[0]).toBe(SUMMARY_FIELDS.join(','));
    expect(lines).toHaveLength(4); // header, two records, '' after the final newline
    expect(lines[3]).toBe('');
    expect(lines[1]!.split(',')).toHaveLength(SUMMARY_FIELDS.length);
    expect(lines[1]!.startsWith('diurnal,cloud-run,cloud-run,ok,2,42,0,604800,12096000,')).toBe(true);
    expect(lines[2]!.startsWith('diurnal,vm,compute-engine,')).toBe(true);
  });

  it('gives identical bytes on repeated calls', () => {
    const first = summaryToCsv(twoPlatforms);
    expect(summaryToCsv(twoPlatforms)).toBe(first);
    expect(summaryToCsv(twoPlatforms.map((r) => ({ ...r })))).toBe(first);
  });

  it('ignores the key order of the record objects', () => {
    const reversed = Object.fromEntries(Object.entries(twoPlatforms[0]!).reverse()) as typeof twoPlatforms[0];
    expect(summaryToCsv([reversed])).toBe(summaryToCsv([twoPlatforms[0]!]));
  });

  it('writes NaN empty, infinity as inf, and float noise rounded', () => {
    const [, vm] = summaryToCsv(twoPlatforms).trimEnd().split('\n').slice(1).map((line) => line.split(','));
    const cell = (field: string) => vm![SUMMARY_FIELDS.indexOf(field as (typeof SUMMARY_FIELDS)[number])];
    expect(cell('cold_start_wait_mean_s')).toBe('');
    expect(cell('cost_per_million_usd')).toBe('inf');
    expect(cell('queue_wait_mean_s')).toBe('0.3');
    expect(cell('cost_discount_usd')).toBe('-0.0000123');
  });

  it('puts extra columns first, in the order given', () => {
    const csv = summaryToCsv(twoPlatforms, {
      columns: ['cloud-run.concurrency', 'traffic.meanRps'],
      values: [
        { 'cloud-run.concurrency': 40, 'traffic.meanRps': 20 },
        { 'traffic.meanRps': 20, 'cloud-run.concurrency': 40 },
      ],
    });
    const lines = csv.split('\n');
    expect(lines[0]).toBe(['cloud-run.concurrency', 'traffic.meanRps', ...SUMMARY_FIELDS].join(','));
    expect(lines[1]!.startsWith('40,20,diurnal,cloud-run,')).toBe(true);
    expect(lines[2]!.startsWith('40,20,diurnal,vm,')).toBe(true);
  });

  it('rejects extra values that do not match the records', () => {
    expect(() => summaryToCsv(twoPlatforms, { columns: ['a'], values: [{ a: 1 }] })).toThrow(/1 value rows for 2/);
    expect(() => summaryToCsv(twoPlatforms, { columns: ['a'], values: [{ a: 1 }, { b: 2 }] })).toThrow(/row 1/);
    expect(() => summaryToCsv(twoPlatforms, { columns: ['seed'], values: [{ seed: 1 }, { seed: 1 }] })).toThrow(
      /summary field/,
    );
  });

  it('quotes text that holds a comma or quote', () => {
    const csv = summaryToCsv([summaryRecord({ scenario: 'a,"b"' })]);
    expect(csv.split('\n')[1]!.startsWith('"a,""b""",cloud-run,')).toBe(true);
  });

  it('writes only the header when there are no records', () => {
    expect(summaryToCsv([])).toBe(SUMMARY_FIELDS.join(',') + '\n');
  });
});
