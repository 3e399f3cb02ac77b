import { describe, expect, it } from 'vitest';
import { SUMMARY_FIELDS, TEXT_SUMMARY_FIELDS, type SummaryRecord } from '../../src/metrics/summary.js';
import { parseFormattedNumber } from '../../src/output/format-number.js';
import { summaryToJson } from '../../src/output/summary-json.js';
import { twoPlatforms } from './summary-fixture.js';

/** Reads summaryToJson output back into records: null -> NaN, "inf" -> Infinity. */
function readBack(json: string): SummaryRecord[] {
  const parsed = JSON.parse(json) as Array<Record<string, string | number | null>>;
  return parsed.map((object) => {
    const record: Record<string, string | number> = {};
    for (const field of SUMMARY_FIELDS) {
      const value = object[field]!;
      record[field] = TEXT_SUMMARY_FIELDS.has(field) ? (value as string) : parseFormattedNumber(value);
    }
    return record as SummaryRecord;
  });
}

/** What the 12-significant-digit rule makes of a record's numbers. */
function rounded(record: SummaryRecord): SummaryRecord {
  const out: Record<string, string | number> = { ...record };
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = Number(value.toPrecision(12));
  }
  return out as SummaryRecord;
}

describe('summaryToJson', () => {
  it('round-trips the records', () => {
    const back = readBack(summaryToJson(twoPlatforms));
    expect(back).toHaveLength(2);
    // toEqual treats NaN as equal to NaN; queue_wait_mean_s was 0.1 + 0.2 and comes back 0.3.
    expect(back).toEqual(twoPlatforms.map(rounded));
    expect(back[0]!.queue_wait_mean_s).toBe(0.3);
    expect(back[1]!.cost_per_million_usd).toBe(Infinity);
    expect(back[1]!.cold_start_wait_mean_s).toBeNaN();
  });

  it('keeps the field order and is laid out like JSON.stringify with 2 spaces', () => {
    const json = summaryToJson(twoPlatforms);
    expect(Object.keys(JSON.parse(json)[0])).toEqual([...SUMMARY_FIELDS]);
    expect(json.endsWith('}\n]\n')).toBe(true);
    // Without the special numbers, the layout is JSON.stringify's exactly.
    const plain = [rounded(twoPlatforms[0]!)];
    expect(summaryToJson(plain)).toBe(JSON.stringify(plain, null, 2) + '\n');
  });

  it('gives identical bytes on repeated calls', () => {
    expect(summaryToJson(twoPlatforms)).toBe(summaryToJson(twoPlatforms.map((r) => ({ ...r }))));
  });

  it('writes NaN as null and infinity as "inf"', () => {
    const json = summaryToJson(twoPlatforms);
    expect(json).toContain('"cold_start_wait_mean_s": null,');
    expect(json).toContain('"cost_per_million_usd": "inf",');
  });

  it('puts extra columns first, even integer-like names', () => {
    const json = summaryToJson([twoPlatforms[0]!], { columns: ['z', '1'], values: [{ z: 'a', 1: 2 }] });
    expect(json.split('\n').slice(1, 4)).toEqual(['  {', '    "z": "a",', '    "1": 2,']);
  });

  it('writes an empty array for no records', () => {
    expect(summaryToJson([])).toBe('[]\n');
  });
});
