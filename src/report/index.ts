export { BucketSeries, type BucketPoint, type ChannelKind } from './bucket-series.js';
export { band, type Band } from './band.js';
export { readRunDirectory, readSummaryCsv, readTimelineCsv } from './read-run.js';
export { runReportData, type RunReportData } from './run-data.js';
export { DEFAULT_SWEEP_METRICS, parseSweepMetrics, sweepReportData, trafficCrossings, type SweepReportData } from './sweep-data.js';
export { TimelineCollector, type PlatformSeries } from './timeline-series.js';
export { DEFAULT_MAX_POINTS, writeReport, writeRunReport, type ReportOptions, type ReportOutcome } from './write-report.js';
