import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { packRows, timelineTime, type RowBatch } from '../../src/metrics/row-batch.js';
import type { TimelineRow } from '../../src/metrics/timeline-fields.js';
import { OrderedRows } from '../../src/output/ordered-rows.js';

const START = Date.UTC(2026, 0, 5);

/** A row of producer `p`, step `k`; `cpu_utilization` carries NaN now and then, as an idle step's may. */
function row(p: number, k: number): TimelineRow {
  return {
    platform: `p${p}`,
    t_s: k,
    time: timelineTime(START, k),
    arrivals: k,
    completions: 0.1 + k / 3, // not exactly representable in decimal: must come back bit for bit
    rejections: 0,
    timeouts: 0,
    failures: 0,
    in_flight_mean: 1 / 7,
    queued_mean: 0,
    instances_mean: 2,
    instances_starting_mean: 0,
    instances_busy_mean: 1,
    instances_idle_mean: 1,
    cpu_utilization: k % 5 === 0 ? NaN : k / 10,
    cost_usd: 1e-9 * k,
    cost_cumulative_usd: Infinity,
  };
}

const spills = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('scalesim-rows-'));

describe('OrderedRows', () => {
  it('hands three interleaved producers on in producer order, values bit for bit, whatever order they finish in', () => {
    const before = spills().length;
    const got: TimelineRow[] = [];
    const ordered = new OrderedRows(3, (r) => got.push(r));
    const rows = (p: number, from: number, to: number): TimelineRow[] => Array.from({ length: to - from }, (_, i) => row(p, from + i));
    const batch = (p: number, from: number, to: number): RowBatch => packRows(`p${p}`, START, rows(p, from, to));
    // Producer 2 first, then 1, then 0 (the head) interleaved; 2 finishes first, 0 last.
    ordered.add(2, batch(2, 0, 1500));
    ordered.add(1, batch(1, 0, 700));
    ordered.add(0, batch(0, 0, 10));
    expect(got).toHaveLength(10); // only the head passes through at once
    expect(spills().length).toBe(before + 1);
    ordered.add(2, batch(2, 1500, 3000));
    ordered.finish(2);
    ordered.add(1, batch(1, 700, 800));
    ordered.add(0, batch(0, 10, 20));
    ordered.finish(0); // plays back 1's rows; 1 becomes the head
    expect(got).toHaveLength(20 + 800);
    ordered.add(1, batch(1, 800, 900));
    ordered.finish(1); // plays back 2's
    ordered.close();
    const expected = [...rows(0, 0, 20), ...rows(1, 0, 900), ...rows(2, 0, 3000)];
    expect(got).toHaveLength(expected.length);
    expect(got).toEqual(expected); // toEqual treats NaN as equal to NaN
    expect(Object.is(got[20 + 5]!.cpu_utilization, NaN)).toBe(true);
    expect(spills().length).toBe(before); // temporary files removed
  });

  it('a single producer never touches the disk', () => {
    const before = spills().length;
    const got: TimelineRow[] = [];
    const ordered = new OrderedRows(1, (r) => got.push(r));
    ordered.add(0, packRows('p0', START, [row(0, 1), row(0, 2)]));
    expect(spills().length).toBe(before);
    ordered.finish(0);
    ordered.close();
    expect(got.map((r) => r.t_s)).toEqual([1, 2]);
  });

  it('close after an error removes what a waiting producer had spilled', () => {
    const before = new Set(spills());
    const ordered = new OrderedRows(2, () => {});
    ordered.add(1, packRows('p1', START, [row(1, 1)]));
    const made = spills().filter((d) => !before.has(d));
    expect(made).toHaveLength(1);
    ordered.close();
    expect(existsSync(`${tmpdir()}/${made[0]!}`)).toBe(false);
  });
});
