import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../../src/metrics/timeline-fields.js';
import { TimelineCollector } from '../../src/report/timeline-series.js';

function row(platform: string, t: number, overrides: Partial<TimelineRow> = {}): TimelineRow {
  return {
    platform,
    t_s: t,
    time: new Date(Date.UTC(2026, 0, 5) + t * 1000).toISOString(),
    arrivals: 10,
    completions: 10,
    rejections: 1,
    timeouts: 0,
    failures: 1,
    in_flight_mean: 2,
    queued_mean: 0,
    instances_mean: 3,
    instances_starting_mean: 1,
    instances_busy_mean: 1.5,
    instances_idle_mean: 0.5,
    cpu_utilization: 0.25,
    cost_usd: 0.001,
    cost_cumulative_usd: 0.001 * (t / 10 + 1),
    ...overrides,
  };
}

describe('TimelineCollector', () => {
  it('turns counts per step into rates, and a step cost into dollars per hour', () => {
    const c = new TimelineCollector();
    for (let t = 0; t < 30; t += 10) {
      c.add(row('cloud-run', t));
      c.add(row('vm', t));
    }
    const [cr, vm] = c.series(() => 30);
    expect(cr!.platform).toBe('cloud-run');
    expect(vm!.platform).toBe('vm');
    expect(cr!.values.arrivals_per_s[0]).toBe(1);
    expect(cr!.values.lost_per_s[0]).toBe(0.2);
    expect(cr!.values.cost_per_hour_usd[0]).toBe(0.36);
    expect(cr!.values.instances[0]).toBe(3);
    expect(cr!.values.starting[0]).toBe(1);
    // The last row lasts until the run's end (30 s), like the others.
    expect(cr!.values.arrivals_per_s.at(-1)).toBe(1);
    expect(cr!.values.cost_cumulative_usd.at(-1)).toBe(0.003);
    expect(c.startEpochMs()).toBe(Date.UTC(2026, 0, 5));
  });

  it('downsamples a day at 1 s to at most maxPoints points per platform', () => {
    const c = new TimelineCollector(500);
    for (let t = 0; t < 86_400; t++) c.add(row('cloud-run', t, { arrivals: t < 43_200 ? 2 : 4, cost_usd: 0 }));
    const [s] = c.series(() => 86_400);
    expect(s!.t_s.length).toBeLessThanOrEqual(500);
    expect(s!.t_s.length).toBeGreaterThan(250);
    expect(s!.values.arrivals_per_s[0]).toBe(2);
    expect(s!.values.arrivals_per_s.at(-1)).toBe(4);
    expect(s!.bucket_s * s!.t_s.length).toBeGreaterThanOrEqual(86_400);
  });

  it('writes an undefined value as null, for JSON', () => {
    const c = new TimelineCollector();
    c.add(row('vm', 0, { in_flight_mean: NaN }));
    expect(c.series(() => 1)[0]!.values.in_flight).toEqual([null]);
  });
});
