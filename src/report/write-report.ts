import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import type { MetricField } from '../experiment/breakeven.js';
import { parseCsvTable } from '../experiment/csv-table.js';
import type { SummaryRecord } from '../metrics/summary.js';
import { verdictToJson } from '../output/verdict-json.js';
import type { SensitivityResult } from '../sensitivity/types.js';
import type { Verdict } from '../verdict/types.js';
import { writeFileAtomic } from '../output/atomic-write.js';
import { prepareOutputFile, refuseOverwritingInput } from '../output/output-path.js';
import { chartLibraries } from './chart-library.js';
import { reportHtml } from './html-page.js';
import { readRunDirectory } from './read-run.js';
import { readRunExtras, readSensitivityJson, SENSITIVITY_FILE } from './read-run-extras.js';
import { runReportData, type RunExtras } from './run-data.js';
import { sensitivityReportData } from './sensitivity-data.js';
import { DEFAULT_SWEEP_METRICS, sweepReportData } from './sweep-data.js';
import type { TimelineCollector } from './timeline-series.js';
import { DEFAULT_MAX_POINTS } from './max-points.js';

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
  readonly kind: 'run' | 'sweep' | 'sensitivity';
  readonly out: string;
  readonly bytes: number;
}

export { DEFAULT_MAX_POINTS } from './max-points.js';

/**
 * Writes the report of a run from its records, its timeline as gathered during the run and its
 * verdict (`sim run --report`, which passes the verdict object itself).
 */
export async function writeRunReport(records: readonly SummaryRecord[], timeline: TimelineCollector, out: string, options: ReportOptions = {}, extras: RunExtras = {}): Promise<ReportOutcome> {
  // The verdict as verdict.json holds it (12 significant digits, NaN as null), so that this page
  // and `sim report DIR` of the same run are the same bytes.
  const verdict = extras.verdict ? (JSON.parse(verdictToJson(extras.verdict)) as Verdict) : null;
  const data = runReportData(records, timeline, { ...extras, verdict });
  const html = reportHtml(data, await chartLibraries(), options.title ?? `scalesim run: ${data.scenario}`);
  await writeFileAtomic(out, html);
  return { kind: 'run', out, bytes: Buffer.byteLength(html) };
}

/**
 * `sim report`: a run directory (summary.csv and timeline.csv, and verdict.json and
 * sensitivity.json when there, from `sim run --out DIR` and `sim sensitivity --out DIR`), a
 * directory with only sensitivity.json, that file itself, or a sweep's results CSV (from
 * `sim sweep --out FILE`) becomes one self-contained HTML file.
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
    const extras = await readRunExtras(dir);
    // A directory of `sim sensitivity --out DIR` alone holds no run to chart.
    if (extras.sensitivity !== null && !(await stat(join(dir, 'summary.csv')).catch(() => null))) return writeSensitivityReport(extras.sensitivity, out, options);
    const { records, timeline } = await readRunDirectory(dir, options.maxPoints ?? DEFAULT_MAX_POINTS);
    return writeRunReport(records, timeline, out, options, extras);
  }
  if (basename(input) === SENSITIVITY_FILE) {
    return writeSensitivityReport((await readSensitivityJson(input))!, out, options);
  }
  const table = parseCsvTable(await readFile(input, 'utf8'), input);
  const data = sweepReportData(table, options.metrics ?? DEFAULT_SWEEP_METRICS, input);
  const html = reportHtml(data, await chartLibraries(), options.title ?? `scalesim sweep: ${basename(input)}`);
  await writeFileAtomic(out, html);
  return { kind: 'sweep', out, bytes: Buffer.byteLength(html) };
}

async function writeSensitivityReport(result: SensitivityResult, out: string, options: ReportOptions): Promise<ReportOutcome> {
  const data = sensitivityReportData(result);
  const html = reportHtml(data, await chartLibraries(), options.title ?? `scalesim sensitivity: ${data.scenario}`);
  await writeFileAtomic(out, html);
  return { kind: 'sensitivity', out, bytes: Buffer.byteLength(html) };
}
