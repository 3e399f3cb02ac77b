import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TIMELINE_FIELDS, type TimelineRow } from '../../src/metrics/timeline-fields.js';
import { TimelineWriter } from '../../src/output/timeline-writer.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scalesim-timeline-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const START_MS = Date.UTC(2026, 0, 5);

function row(platform: string, t: number): TimelineRow {
  return {
    platform,
    t_s: t,
    time: new Date(START_MS + t * 1000).toISOString(),
    arrivals: t % 7,
    completions: t % 5,
    rejections: 0,
    timeouts: 0,
    failures: 0,
    in_flight_mean: 0.1 + 0.2,
    queued_mean: 0,
    instances_mean: 2,
    instances_starting_mean: 0,
    instances_busy_mean: 1.25,
    instances_idle_mean: 0.75,
    cpu_utilization: t === 0 ? NaN : 0.5,
    cost_usd: 0.0000134,
    cost_cumulative_usd: 0.0000134 * (t + 1),
  };
}

describe('TimelineWriter', () => {
  it('writes the header and N rows, across several batches', async () => {
    const path = join(dir, 'timeline.csv');
    const writer = new TimelineWriter(path);
    const n = 5000;
    for (let t = 0; t < n; t += 1) writer.write(row('cloud-run', t));
    expect(writer.rowsWritten).toBe(n);
    expect(existsSync(path)).toBe(false);
    await writer.close();

    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe(TIMELINE_FIELDS.join(','));
    expect(lines).toHaveLength(n + 2); // header, n rows, '' after the final newline
    expect(lines[1]).toBe('cloud-run,0,2026-01-05T00:00:00.000Z,0,0,0,0,0,0.3,0,2,0,1.25,0.75,,0.0000134,0.0000134');
    expect(lines[n]!.startsWith('cloud-run,4999,2026-01-05T01:23:19.000Z,')).toBe(true);
    expect(readdirSync(dir)).toEqual(['timeline.csv']);
  });

  it('writes only the header when there are no rows', async () => {
    const path = join(dir, 'empty.csv');
    const writer = new TimelineWriter(path);
    await writer.close();
    expect(readFileSync(path, 'utf8')).toBe(TIMELINE_FIELDS.join(',') + '\n');
  });

  it('gives identical bytes for identical rows', async () => {
    const paths = [join(dir, 'a.csv'), join(dir, 'b.csv')];
    for (const path of paths) {
      const writer = new TimelineWriter(path);
      for (let t = 0; t < 3000; t += 1) writer.write(row(t % 2 === 0 ? 'cloud-run' : 'vm', t));
      await writer.close();
    }
    expect(readFileSync(paths[0]!)).toEqual(readFileSync(paths[1]!));
  });

  it('leaves nothing behind when aborted', () => {
    const path = join(dir, 'timeline.csv');
    const writer = new TimelineWriter(path);
    for (let t = 0; t < 5000; t += 1) writer.write(row('vm', t));
    writer.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});
