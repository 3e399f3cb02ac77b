import { TIMELINE_FIELDS, type TimelineField, type TimelineRow } from './timeline-fields.js';

type NumericField = Exclude<TimelineField, 'platform' | 'time'>;

/** The numeric columns of a timeline row, in TIMELINE_FIELDS order: every one but `platform` and `time`. */
const NUMERIC_FIELDS = TIMELINE_FIELDS.filter((f): f is NumericField => f !== 'platform' && f !== 'time');

/** Numbers per row in a RowBatch. */
export const ROW_NUMBERS = NUMERIC_FIELDS.length;

/**
 * Timeline rows of one platform as one array of numbers, row after row in NUMERIC_FIELDS order:
 * how sampleTimeline hands them on, how they cross from a worker thread to the main thread
 * (sim run's platforms) and how they wait in a spill file (ordered-rows.ts). A row's `time` is
 * not carried: it is the run's start plus the row's `t_s` (timelineTime), made when the row is
 * (unpackRows), only where rows are read.
 *
 * Why: rows as objects, each with its date text, were made in the simulating thread,
 * structured-cloned field by field to the main thread, and those of the platform not at the
 * head cloned again into the spill file: a week at the default 1 s step (1.2 million rows over
 * two platforms) cost about 9 s of CPU in `sim run --report` beside 24 s for the simulations
 * (the quickstart, 2026-12-02). A Float64Array crosses as its bytes.
 */
export interface RowBatch {
  readonly platform: string;
  /** Epoch milliseconds of simulated time 0, from which each row's `time` is made. */
  readonly startEpochMs: number;
  readonly numbers: Float64Array;
}

/** A timeline row's `time`: the ISO 8601 instant `t_s` seconds after `startEpochMs`. */
export function timelineTime(startEpochMs: number, t_s: number): string {
  return new Date(startEpochMs + t_s * 1000).toISOString();
}

/** Rows per RowBatch that sampleTimeline hands on (a worker thread posts each as one message). */
export const ROWS_PER_BATCH = 1024;

/**
 * Writes rows into RowBatches of ROWS_PER_BATCH rows, handing each to `emit` when full and the
 * last, shorter one on `flush`.
 */
export class RowBatchWriter {
  private numbers = new Float64Array(ROWS_PER_BATCH * ROW_NUMBERS);
  private at = 0;

  constructor(
    readonly platform: string,
    readonly startEpochMs: number,
    private readonly emit: (batch: RowBatch) => void,
  ) {}

  /** One row's numbers, in TIMELINE_FIELDS order (unpackRows names them). */
  row(
    t_s: number,
    arrivals: number,
    completions: number,
    rejections: number,
    timeouts: number,
    failures: number,
    inFlightMean: number,
    queuedMean: number,
    instancesMean: number,
    startingMean: number,
    busyMean: number,
    idleMean: number,
    cpuUtilization: number,
    costUsd: number,
    costCumulativeUsd: number,
  ): void {
    const n = this.numbers;
    let at = this.at;
    n[at++] = t_s;
    n[at++] = arrivals;
    n[at++] = completions;
    n[at++] = rejections;
    n[at++] = timeouts;
    n[at++] = failures;
    n[at++] = inFlightMean;
    n[at++] = queuedMean;
    n[at++] = instancesMean;
    n[at++] = startingMean;
    n[at++] = busyMean;
    n[at++] = idleMean;
    n[at++] = cpuUtilization;
    n[at++] = costUsd;
    n[at++] = costCumulativeUsd;
    this.at = at;
    if (at === n.length) this.flush();
  }

  /** Hands on the rows written since the last batch, if any. */
  flush(): void {
    if (this.at === 0) return;
    const numbers = this.at === this.numbers.length ? this.numbers : this.numbers.slice(0, this.at);
    this.numbers = new Float64Array(ROWS_PER_BATCH * ROW_NUMBERS);
    this.at = 0;
    this.emit({ platform: this.platform, startEpochMs: this.startEpochMs, numbers });
  }
}

/** `rows` (all of `platform`, each `time` being timelineTime of its t_s) as a RowBatch. */
export function packRows(platform: string, startEpochMs: number, rows: readonly TimelineRow[]): RowBatch {
  const numbers = new Float64Array(rows.length * ROW_NUMBERS);
  let at = 0;
  for (const row of rows) {
    if (row.platform !== platform) throw new Error(`row batch: a row of ${row.platform} among ${platform}'s`);
    for (let f = 0; f < ROW_NUMBERS; f++) numbers[at++] = row[NUMERIC_FIELDS[f]!];
  }
  return { platform, startEpochMs, numbers };
}

/** Calls `visit` with each row of `batch` in order, as sampleTimeline made it. */
export function unpackRows(batch: RowBatch, visit: (row: TimelineRow) => void): void {
  const { platform, startEpochMs, numbers: n } = batch;
  for (let at = 0; at < n.length; at += ROW_NUMBERS) {
    // Written out in NUMERIC_FIELDS order (test/metrics/row-batch.test.ts checks it): one object shape for every row.
    visit({
      platform,
      t_s: n[at]!,
      time: timelineTime(startEpochMs, n[at]!),
      arrivals: n[at + 1]!,
      completions: n[at + 2]!,
      rejections: n[at + 3]!,
      timeouts: n[at + 4]!,
      failures: n[at + 5]!,
      in_flight_mean: n[at + 6]!,
      queued_mean: n[at + 7]!,
      instances_mean: n[at + 8]!,
      instances_starting_mean: n[at + 9]!,
      instances_busy_mean: n[at + 10]!,
      instances_idle_mean: n[at + 11]!,
      cpu_utilization: n[at + 12]!,
      cost_usd: n[at + 13]!,
      cost_cumulative_usd: n[at + 14]!,
    });
  }
}
