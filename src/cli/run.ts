import { checkRun, DEFAULT_LIMITS } from '../experiment/preflight.js';
import { runScenario } from '../experiment/run.js';
import type { TimelineRow } from '../metrics/timeline-fields.js';
import { prepareOutputFile } from '../output/output-path.js';
import { RunDirectory } from '../output/run-directory.js';
import { summaryToCsv } from '../output/summary-csv.js';
import { summaryToJson } from '../output/summary-json.js';
import { summaryToTable } from '../output/summary-table.js';
import { TimelineCollector } from '../report/timeline-series.js';
import { writeRunReport } from '../report/write-report.js';
import { loadScenario } from '../scenario/load.js';
import { terminalProgress } from './progress.js';

export const FORMATS = ['table', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

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
 * `sim run`: load, check (preflight and output paths), simulate, render. With --out DIR it
 * also writes summary.csv and timeline.csv there as one unit with a manifest written last
 * (output/run-directory.ts).
 */
export async function runCommand(file: string, options: RunCommandOptions, stdout: (text: string) => void): Promise<void> {
  const scenario = loadScenario(file, options.freeTier === true ? [...options.set, 'billing.freeTier=true'] : options.set);
  checkRun(scenario, { ...DEFAULT_LIMITS, maxSeconds: options.maxSeconds ?? DEFAULT_LIMITS.maxSeconds }, file, {
    ...(options.out !== undefined || options.report !== undefined ? { timelineStep: options.timelineStep } : {}),
  });
  // Output paths are checked before the work: a typo must not cost the run.
  if (options.report !== undefined) await prepareOutputFile(options.report, '--report');
  const directory = options.out !== undefined ? await RunDirectory.open(options.out, '--out') : undefined;
  const timeline = directory?.timeline;
  const report = options.report !== undefined ? new TimelineCollector() : undefined;
  const onRow = (row: TimelineRow): void => {
    timeline?.write(row);
    report?.add(row);
  };
  const progress = terminalProgress(scenario.duration);
  // No SIGINT handler: the run is one synchronous loop, so Ctrl-C ends the process at once;
  // what it leaves is at most a temporary file, never a half-written summary or timeline.
  try {
    const records = runScenario(scenario, {
      seed: options.seed,
      ...(timeline || report ? { timelineStep: options.timelineStep, onTimelineRow: onRow } : {}),
      ...(progress ? { onProgress: progress } : {}),
    });
    progress?.done();
    if (directory !== undefined) {
      await directory.finish(records, { scenario: { ...scenario, source: undefined }, seed: options.seed, timelineStep: options.timelineStep });
    }
    if (report !== undefined && options.report !== undefined) await writeRunReport(records, report, options.report);
    switch (options.format) {
      case 'table':
        stdout(summaryToTable(records));
        break;
      case 'json':
        stdout(summaryToJson(records));
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
