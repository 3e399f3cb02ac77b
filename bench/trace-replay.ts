import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { measureSim, median, type ProcessRun } from './whole-process.js';

/**
 * Replaying a request log (`sim init --from-logs` writes such a scenario): `sim run` of two days
 * of ISO timestamps, about a million rows, on both platforms, as a user runs it after `sim init`.
 * Every resolution of the scenario (the run, each billing alternative) and every worker thread
 * used to parse the CSV again; it is now read once and shared (src/scenario/trace-file.ts). No
 * goal of issue 12 covers it: the line is there so a slower trace path shows.
 */
export interface TraceReplayResult {
  readonly rows: number;
  readonly runs: readonly ProcessRun[];
  readonly medianWallSeconds: number;
  readonly medianCpuSeconds: number;
  readonly maxRssMiB: number;
}

/** Two days of diurnal arrivals (about 5.9 req/s on average), one ISO time per row, seeded: the same file every run. */
function traceCsv(): { text: string; rows: number } {
  const rng = seedrandom('bench-trace');
  const start = Date.UTC(2026, 10, 2);
  const lines = ['timestamp'];
  for (let t = 0; t < 2 * 86_400; ) {
    const hour = (t / 3600) % 24;
    const rate = 3 + 9 * Math.max(0, Math.cos(((hour - 14) / 24) * 2 * Math.PI));
    t += -Math.log(1 - rng()) / rate;
    lines.push(new Date(start + Math.round(t * 1e6) / 1e3).toISOString());
  }
  lines.pop(); // the last may fall past the two days
  return { text: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}

export function measureTraceReplay(repeat: number): TraceReplayResult {
  const dir = mkdtempSync(join(tmpdir(), 'scalesim-trace-bench-'));
  try {
    const { text, rows } = traceCsv();
    writeFileSync(join(dir, 'trace.csv'), text);
    const scenario = join(dir, 'trace.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        name: 'trace-replay',
        traffic: { type: 'trace', file: 'trace.csv', format: 'timestamps', column: 'timestamp' },
        requests: { cpu: { dist: 'lognormal', mean: '32ms', cv: 0.86 }, io: { dist: 'lognormal', mean: '32ms', cv: 0.86 }, responseBytes: 13_600 },
        platforms: [
          { name: 'cloud-run', model: 'cloud-run' },
          { name: 'vm', model: 'compute-engine' },
        ],
      }),
    );
    const runs: ProcessRun[] = [];
    for (let k = 0; k < repeat; k++) runs.push(measureSim(['run', scenario]));
    return {
      rows,
      runs,
      medianWallSeconds: median(runs.map((r) => r.wallSeconds)),
      medianCpuSeconds: median(runs.map((r) => r.cpuSeconds)),
      maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
