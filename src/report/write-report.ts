import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { InputError } from '../errors.js';
import type { MetricField } from '../experiment/breakeven.js';
import { parseCsvTable } from '../experiment/csv-table.js';
import type { SummaryRecord } from '../metrics/summary.js';
import { writeFileAtomic } from '../output/atomic-write.js';
import { prepareOutputFile, refuseOverwritingInput } from '../output/output-path.js';
import { chartLibraries } from './chart-library.js';
import { reportHtml } from './html-page.js';
import { readRunDirectory } from './read-run.js';
import { runReportData } from './run-data.js';
import { DEFAULT_SWEEP_METRICS, sweepReportData } from './sweep-data.js';
import type { TimelineCollector } from './timeline-series.js';

export interface ReportOptions {
  /** The page's title; by default names the scenario or the results file. */
  readonly title?: string;
  /** Points per platform a run's timeline is downsampled to, at most. @default 2000 */
  readonly maxPoints?: number;
  /** Metrics charted against each grid parameter of a sweep. @default cost_total_usd, latency_p95_s */
  readonly metrics?: readonly MetricField[];
}

/** What a report was made from, and its size. */
export interface ReportOutcome {
  readonly kind: 'run' | 'sweep';
  readonly out: string;
  readonly bytes: number;
}

export const DEFAULT_MAX_POINTS = 2000;

/** Writes the report of a run from its records and its timeline as gathered during the run (`sim run --report`). */
export async function writeRunReport(records: readonly SummaryRecord[], timeline: TimelineCollector, out: string, options: ReportOptions = {}): Promise<ReportOutcome> {
  const data = runReportData(records, timeline);
  const html = reportHtml(data, await chartLibraries(), options.title ?? `scalesim run: ${data.scenario}`);
  await writeFileAtomic(out, html);
  return { kind: 'run', out, bytes: Buffer.byteLength(html) };
}

/**
 * `sim report`: a run directory (summary.csv and timeline.csv, from `sim run --out DIR`) or a
 * sweep's results CSV (from `sim sweep --out FILE`) becomes one self-contained HTML file.
 */
export async function writeReport(input: string, out: string, options: ReportOptions = {}): Promise<ReportOutcome> {
  const info = await stat(input).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new InputError(`${input}: no such file or directory: a run directory (sim run --out DIR) or a sweep's results CSV (sim sweep --out FILE)`);
    throw error;
  });
  refuseOverwritingInput(out, [input], '--out');
  await prepareOutputFile(out, '--out');
  // A run's summary.csv stands for its directory.
  if (info.isDirectory() || basename(input) === 'summary.csv') {
    const dir = info.isDirectory() ? input : dirname(input);
    const { records, timeline } = await readRunDirectory(dir, options.maxPoints ?? DEFAULT_MAX_POINTS);
    return writeRunReport(records, timeline, out, options);
  }
  const table = parseCsvTable(await readFile(input, 'utf8'), input);
  const data = sweepReportData(table, options.metrics ?? DEFAULT_SWEEP_METRICS, input);
  const html = reportHtml(data, await chartLibraries(), options.title ?? `scalesim sweep: ${basename(input)}`);
  await writeFileAtomic(out, html);
  return { kind: 'sweep', out, bytes: Buffer.byteLength(html) };
}
