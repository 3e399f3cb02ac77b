import type { Command } from 'commander';
import { DEFAULT_MAX_POINTS } from '../report/max-points.js';
import { parseInteger } from './experiment-flags.js';
import { collect } from './parse-flags.js';

/** `sim report` flags as commander gives them. */
export interface ReportFlags {
  readonly out: string;
  readonly metric: string[];
  readonly maxPoints: string;
  readonly title?: string;
}

/** Size for people: 1.2 MB, 830 KB. */
function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}

/**
 * `sim report`: a run directory (with its verdict and a sensitivity result when there), a
 * sensitivity result alone, or a sweep's results CSV to one self-contained HTML page (charts
 * and tables, no network needed). Bad input exits 2 before anything is written.
 */
export async function reportCommand(input: string, flags: ReportFlags, stdout: (text: string) => void): Promise<void> {
  const { parseSweepMetrics } = await import('../report/sweep-data.js');
  const { writeReport } = await import('../report/write-report.js');
  const metrics = parseSweepMetrics(flags.metric);
  const maxPoints = parseInteger('--max-points', flags.maxPoints, 10);
  const outcome = await writeReport(input, flags.out, { metrics, maxPoints, ...(flags.title !== undefined ? { title: flags.title } : {}) });
  stdout(`report: ${outcome.kind} ${input}; wrote ${outcome.out} (${formatBytes(outcome.bytes)})\n`);
}

/** Adds `sim report` to the program. */
export function registerReport(program: Command, stdout: (text: string) => void): void {
  program
    .command('report')
    .description('one self-contained HTML page: the verdict, then charts and tables, from a run directory (sim run --out DIR), sim sensitivity --out DIR, or a sweep\'s results CSV')
    .argument('<results>', 'a run directory (summary.csv, timeline.csv; verdict.json and sensitivity.json when there), a sensitivity.json, or a sweep results CSV')
    .requiredOption('--out <file>', 'the HTML file to write, e.g. report.html')
    .option('--metric <field>', 'sweeps: a summary field charted against each grid parameter (repeatable; default cost_total_usd and latency_p95_s)', collect, [])
    .option('--max-points <n>', 'runs: at most this many points per platform over time (the timeline is averaged into buckets)', String(DEFAULT_MAX_POINTS))
    .option('--title <text>', 'the page title')
    .action((input: string, flags: ReportFlags) => reportCommand(input, flags, stdout));
}
