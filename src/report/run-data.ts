import type { SummaryRecord } from '../metrics/summary.js';
import type { SensitivityResult } from '../sensitivity/types.js';
import type { Verdict } from '../verdict/types.js';
import { platformColors } from './platform-colors.js';
import type { PlatformSeries } from './timeline-series.js';
import { roundSignificant } from './round-significant.js';
import type { TimelineCollector } from './timeline-series.js';

/** Latency quantiles a run report charts, with the summary field each comes from. */
export const LATENCY_QUANTILES = [
  ['p50', 'latency_p50_s'],
  ['p90', 'latency_p90_s'],
  ['p95', 'latency_p95_s'],
  ['p99', 'latency_p99_s'],
  ['p99.9', 'latency_p999_s'],
  ['max', 'latency_max_s'],
] as const;

/** Cost components of the summary, in the order they stack. */
export const COST_COMPONENTS = ['cpu', 'memory', 'idle', 'requests', 'network', 'fixed', 'discount'] as const;

export interface RunReportData {
  readonly kind: 'run';
  readonly scenario: string;
  readonly seed: number;
  readonly duration_s: number;
  /** Epoch milliseconds of simulated time 0, null without a timeline. */
  readonly start_epoch_ms: number | null;
  readonly platforms: readonly string[];
  /** Each platform's colour in every chart and on the verdict card. */
  readonly colors: Readonly<Record<string, string>>;
  /** The run's verdict (verdict.json), null for a run directory written before there was one. */
  readonly verdict: Verdict | null;
  /** `sim sensitivity`'s result when the directory holds sensitivity.json. */
  readonly sensitivity: SensitivityResult | null;
  /** The summary records; NaN (undefined) as null. */
  readonly summaries: readonly Record<string, string | number | null>[];
  readonly series: readonly PlatformSeries[];
}

/** What a report shows beside the records and the timeline, when there is one. */
export interface RunExtras {
  readonly verdict?: Verdict | null;
  readonly sensitivity?: SensitivityResult | null;
}

/** A run's summary records and downsampled timeline as the report's page script reads them. */
export function runReportData(records: readonly SummaryRecord[], timeline: TimelineCollector, extras: RunExtras = {}): RunReportData {
  const platforms = records.map((r) => r.platform);
  const duration = new Map(records.map((r) => [r.platform, r.duration_s]));
  const start = timeline.startEpochMs();
  return {
    kind: 'run',
    scenario: records[0]?.scenario ?? '',
    seed: records[0]?.seed ?? NaN,
    duration_s: Math.max(...records.map((r) => r.duration_s)),
    start_epoch_ms: Number.isFinite(start) ? start : null,
    platforms,
    colors: platformColors(platforms),
    verdict: extras.verdict ?? null,
    sensitivity: extras.sensitivity ?? null,
    // 12 significant digits, as summary.csv has them, so a report from a run directory and one
    // written by `sim run --report` carry the same summary.
    summaries: records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v !== 'number' ? v : Number.isFinite(v) ? roundSignificant(v, 12) : null]))),
    series: timeline.series((platform) => duration.get(platform) ?? NaN),
  };
}
