import type { TimelineRow } from '../metrics/timeline-fields.js';
import { BucketSeries, type ChannelKind } from './bucket-series.js';
import { roundSignificant } from './round-significant.js';

/**
 * What a run report charts over time, per platform, from timeline rows: counts per step become
 * rates per second, gauges stay time-weighted means, and the cost of a step becomes dollars
 * per hour. `instances_peak` is the largest step mean in a bucket, so a spike shorter than a
 * bucket still shows.
 */
export const SERIES_CHANNELS = [
  ['arrivals_per_s', 'mean'],
  ['completions_per_s', 'mean'],
  ['lost_per_s', 'mean'],
  ['in_flight', 'mean'],
  ['queued', 'mean'],
  ['instances', 'mean'],
  ['instances_peak', 'max'],
  ['starting', 'mean'],
  ['busy', 'mean'],
  ['idle', 'mean'],
  ['cpu_utilization', 'mean'],
  ['cost_per_hour_usd', 'mean'],
  ['cost_cumulative_usd', 'last'],
] as const satisfies readonly (readonly [string, ChannelKind])[];

export type SeriesChannel = (typeof SERIES_CHANNELS)[number][0];

/** One platform's downsampled timeline, by column: `t_s` and one array per channel. */
export interface PlatformSeries {
  readonly platform: string;
  /** Seconds per point (the bucket width). */
  readonly bucket_s: number;
  readonly t_s: number[];
  readonly values: Record<SeriesChannel, (number | null)[]>;
}

/** The channel values of one row of `dt` seconds. */
function channelValues(row: TimelineRow, dt: number): number[] {
  const perSecond = (n: number): number => (dt > 0 ? n / dt : 0);
  return [
    perSecond(row.arrivals),
    perSecond(row.completions),
    perSecond(row.rejections + row.timeouts + row.failures),
    row.in_flight_mean,
    row.queued_mean,
    row.instances_mean,
    row.instances_mean,
    row.instances_starting_mean,
    row.instances_busy_mean,
    row.instances_idle_mean,
    row.cpu_utilization,
    perSecond(row.cost_usd) * 3600,
    row.cost_cumulative_usd,
  ];
}

/**
 * Gathers timeline rows as a run writes them (or as read back from timeline.csv) and
 * downsamples each platform's rows to at most `maxPoints` points. A row's length is the gap to
 * that platform's next row; the last row's ends at the run's end, given to `series`.
 */
export class TimelineCollector {
  private readonly platforms = new Map<string, { series: BucketSeries; pending: TimelineRow | undefined }>();
  private firstRow: TimelineRow | undefined;

  constructor(readonly maxPoints: number = 2000) {}

  add(row: TimelineRow): void {
    this.firstRow ??= row;
    let entry = this.platforms.get(row.platform);
    if (entry === undefined) {
      entry = { series: new BucketSeries(SERIES_CHANNELS.map(([, kind]) => kind), this.maxPoints), pending: undefined };
      this.platforms.set(row.platform, entry);
    }
    if (entry.pending !== undefined) {
      const dt = row.t_s - entry.pending.t_s;
      entry.series.add(entry.pending.t_s, dt, channelValues(entry.pending, dt));
    }
    entry.pending = row;
  }

  /** Epoch milliseconds of simulated time 0 (from the first row's `time`), or NaN without rows. */
  startEpochMs(): number {
    if (this.firstRow === undefined) return NaN;
    return Date.parse(this.firstRow.time) - this.firstRow.t_s * 1000;
  }

  /** Platforms in order of first appearance. */
  platformNames(): string[] {
    return [...this.platforms.keys()];
  }

  /** Each platform's series; `endOf(platform)` gives the end of its run (its `duration_s`). */
  series(endOf: (platform: string) => number): PlatformSeries[] {
    return [...this.platforms.entries()].map(([platform, entry]) => {
      if (entry.pending !== undefined) {
        const end = endOf(platform);
        // Without a known end, the last row is taken to be as long as a bucket's first width (1 s).
        const dt = Number.isFinite(end) && end > entry.pending.t_s ? end - entry.pending.t_s : 1;
        entry.series.add(entry.pending.t_s, dt, channelValues(entry.pending, dt));
        entry.pending = undefined;
      }
      const points = entry.series.points();
      const values = Object.fromEntries(
        SERIES_CHANNELS.map(([name], i) => [name, points.map((p) => nullable(roundSignificant(p.values[i]!, 5)))]),
      ) as Record<SeriesChannel, (number | null)[]>;
      return { platform, bucket_s: entry.series.bucketWidth, t_s: points.map((p) => p.t), values };
    });
  }
}

function nullable(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
