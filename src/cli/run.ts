import { checkRun, DEFAULT_LIMITS } from '../experiment/preflight.js';
import { checkTraffic } from '../experiment/no-traffic.js';
import type { TimelineRow } from '../metrics/timeline-fields.js';
import { prepareOutputFile } from '../output/output-path.js';
import { RunDirectory } from '../output/run-directory.js';
import { summaryToCsv } from '../output/summary-csv.js';
import { summaryToTable } from '../output/summary-table.js';
import { runToJson, verdictToJson } from '../output/verdict-json.js';
import { runWithAlternatives } from '../verdict/alternatives.js';
import { planBreakeven, trafficBreakeven } from '../verdict/breakeven-hint.js';
import { buildVerdict } from '../verdict/build-verdict.js';
import { TimelineCollector } from '../report/timeline-series.js';
import { writeRunReport } from '../report/write-report.js';
import { loadScenario } from '../scenario/load.js';
import { runWarnings } from '../verdict/warnings.js';
import type { Format } from './formats.js';
import { terminalProgress } from './progress.js';

export { FORMATS, type Format } from './formats.js';

export interface RunCommandOptions {
  readonly seed: number;
  readonly set: readonly string[];
  readonly format: Format;
  readonly out?: string;
  readonly timelineStep: number;
  /** --free-tier: the same as `--set billing.freeTier=true`, applied after the other --set flags. */
  readonly freeTier?: boolean;
  /** Refuse runs estimated to take longer than this many wall-clock seconds (default 1 h). */
  readonly maxSeconds?: number;
  /** --report FILE: also write the run's HTML report (the timeline downsampled in memory, no --out needed). */
  readonly report?: string;
}

/**
 * `sim run`: load, check (preflight and output paths, before the work), simulate, judge,
 * render. The table ends with the verdict in words, JSON carries `{records, verdict}`, CSV the
 * records only. With --out DIR it also writes summary.csv, timeline.csv and verdict.json there
 * as one unit, with a manifest written last (output/run-directory.ts). Warnings about likely
 * mistakes go to stderr (and into the verdict); the run goes on.
 */
export async function runCommand(
  file: string,
  options: RunCommandOptions,
  stdout: (text: string) => void,
  stderr: (text: string) => void = (text) => process.stderr.write(text),
): Promise<void> {
  const sets = options.freeTier === true ? [...options.set, 'billing.freeTier=true'] : options.set;
  const scenario = loadScenario(file, sets);
  checkRun(scenario, { ...DEFAULT_LIMITS, maxSeconds: options.maxSeconds ?? DEFAULT_LIMITS.maxSeconds }, file, {
    ...(options.out !== undefined || options.report !== undefined ? { timelineStep: options.timelineStep } : {}),
  });
  checkTraffic(scenario, file);
  // Output paths are checked before the work: a typo must not cost the run.
  if (options.report !== undefined) await prepareOutputFile(options.report, '--report');
  const directory = options.out !== undefined ? await RunDirectory.open(options.out, '--out') : undefined;
  const timeline = directory?.timeline;
  // Likely mistakes in the file: said now, before the work; the run goes on.
  for (const warning of scenario.warnings ?? []) stderr(`sim: warning: ${file}: ${warning}\n`);
  const report = options.report !== undefined ? new TimelineCollector() : undefined;
  const onRow = (row: TimelineRow): void => {
    timeline?.write(row);
    report?.add(row);
  };
  const progress = terminalProgress(scenario.duration, scenario.platforms.length);
  // No SIGINT handler: the run is one synchronous loop, so Ctrl-C ends the process at once;
  // what it leaves is at most a temporary file, never a half-written summary or timeline.
  try {
    const runOptions = {
      seed: options.seed,
      ...(timeline || report ? { timelineStep: options.timelineStep, onTimelineRow: onRow } : {}),
      ...(progress ? { onProgress: progress } : {}),
    };
    // The alternatives are billed from the same run (same requests, same instances); the
    // resolver re-reads the file with one more --set for each.
    const { records, alternatives } = runWithAlternatives(scenario, runOptions, (more) => loadScenario(file, [...sets, ...more]));
    progress?.done();
    checkTraffic(scenario, file, Math.max(0, ...records.map((r) => r.requests_arrived)));
    const afterRun = runWarnings(records);
    for (const warning of afterRun) stderr(`sim: warning: ${warning}\n`);
    const warnings = [...(scenario.warnings ?? []), ...afterRun];
    const ranked = [...records].sort((a, b) => a.rank - b.rank);
    const pair = ranked.length >= 2 ? ([ranked[0]!.platform, ranked[1]!.platform] as const) : null;
    const plan = pair === null ? null : planBreakeven(scenario, file, sets, pair);
    const breakeven = pair === null ? null : await trafficBreakeven(plan, file, sets, options.seed, pair);
    const verdict = buildVerdict({ scenario, records, alternatives, breakeven, warnings });
    if (directory !== undefined) {
      await directory.finish(records, { scenario: { ...scenario, source: undefined }, seed: options.seed, timelineStep: options.timelineStep }, [
        { name: 'verdict.json', data: verdictToJson(verdict) },
      ]);
    }
    if (report !== undefined && options.report !== undefined) await writeRunReport(records, report, options.report, {}, { verdict });
    switch (options.format) {
      case 'table':
        stdout(`${summaryToTable(records)}\n${verdict.lines.join('\n')}\n`);
        break;
      case 'json':
        stdout(runToJson(records, verdict));
        break;
      case 'csv':
        stdout(summaryToCsv(records));
        break;
    }
  } catch (error) {
    progress?.done();
    directory?.abort();
    throw error;
  }
}
