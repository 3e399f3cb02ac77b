import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureSim, type ProcessRun } from './whole-process.js';

/**
 * The month (issue 12 item 5): 30 days of the quickstart workload at 100 requests a second on
 * average, both platforms (about 524 million simulated requests), as `sim run` runs it (worker
 * threads by default), whole process: wall, CPU and peak RSS; then again with `--out` and a 60 s
 * timeline step. Several minutes each: opt-in (`npm run bench -- --month`).
 */
export const MONTH_ARGS = ['run', 'workloads/diurnal.json', '--set', 'duration=30d', '--set', 'traffic.meanRps=100', '--format', 'csv'];

export const MONTH_GOALS = { wallSeconds: 180, wallSecondsWithOut: 210, maxRssMiB: 250 };

export interface MonthResult {
  readonly plain: ProcessRun & { readonly requests: number };
  readonly withOut: ProcessRun & { readonly requests: number };
}

export function measureMonth(): MonthResult {
  const dir = mkdtempSync(join(tmpdir(), 'scalesim-month-'));
  try {
    process.stderr.write('bench: month ...');
    const plain = measureSim(MONTH_ARGS);
    process.stderr.write(` ${plain.wallSeconds.toFixed(1)} s; with --out ...`);
    const withOut = measureSim([...MONTH_ARGS, '--out', join(dir, 'run'), '--timeline-step', '60s']);
    process.stderr.write(` ${withOut.wallSeconds.toFixed(1)} s\n`);
    return { plain: { ...plain, requests: requests(plain.stdout) }, withOut: { ...withOut, requests: requests(withOut.stdout) } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Requests arrived, summed over the platforms of `sim run --format csv`. */
function requests(csv: string): number {
  const lines = csv.trim().split('\n');
  const at = lines[0]!.split(',').indexOf('requests_arrived');
  return lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[at]), 0);
}
