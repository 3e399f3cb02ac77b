import { describe, expect, it } from 'vitest';
import { packRows, ROW_NUMBERS, timelineTime, unpackRows } from '../../src/metrics/row-batch.js';
import { TIMELINE_FIELDS, type TimelineRow } from '../../src/metrics/timeline-fields.js';

const START = Date.UTC(2026, 0, 5, 0, 0, 0);

/** A row whose every numeric field differs from the others (a field read from the wrong column shows), with NaN, -0 and Infinity. */
function row(k: number): TimelineRow {
  const values = Object.fromEntries(TIMELINE_FIELDS.map((f, i) => [f, k * 100 + i + 1 / 3])) as Record<string, number>;
  return {
    ...(values as unknown as TimelineRow),
    platform: 'cloud-run',
    t_s: k * 0.25,
    time: timelineTime(START, k * 0.25),
    rejections: k === 3 ? -0 : values.rejections!,
    cpu_utilization: k % 2 === 0 ? NaN : values.cpu_utilization!,
    cost_cumulative_usd: k === 5 ? Infinity : values.cost_cumulative_usd!,
  };
}

describe('RowBatch', () => {
  it('gives back every row as it was, field for field, its time made again from t_s', () => {
    const rows = Array.from({ length: 50 }, (_, k) => row(k));
    const batch = packRows('cloud-run', START, rows);
    expect(batch.numbers.length).toBe(rows.length * ROW_NUMBERS);
    expect(ROW_NUMBERS).toBe(TIMELINE_FIELDS.length - 2);
    const back: TimelineRow[] = [];
    unpackRows(batch, (r) => back.push(r));
    expect(back).toEqual(rows); // NaN equals NaN here; -0 does not equal 0
    expect(Object.is(back[3]!.rejections, -0)).toBe(true);
    // The fields in TIMELINE_FIELDS order, as timeline.csv writes them.
    expect(Object.keys(back[0]!)).toEqual([...TIMELINE_FIELDS]);
  });

  it('survives structured cloning (a worker thread`s message) and refuses another platform`s row', () => {
    const batch = structuredClone(packRows('cloud-run', START, [row(1), row(2)]));
    const back: TimelineRow[] = [];
    unpackRows(batch, (r) => back.push(r));
    expect(back).toEqual([row(1), row(2)]);
    expect(() => packRows('vm', START, [row(1)])).toThrow(/cloud-run among vm/);
  });

  it('makes the time sampleTimeline makes', () => {
    expect(timelineTime(START, 1.5)).toBe('2026-01-05T00:00:01.500Z');
  });
});
