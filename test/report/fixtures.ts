import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../../src/experiment/run.js';
import type { CsvTable } from '../../src/experiment/csv-table.js';
import { SUMMARY_FIELDS, type SummaryRecord } from '../../src/metrics/summary.js';
import { ensureDir, writeFileAtomic } from '../../src/output/atomic-write.js';
import { summaryToCsv } from '../../src/output/summary-csv.js';
import { TimelineWriter } from '../../src/output/timeline-writer.js';
import { verdictToJson } from '../../src/output/verdict-json.js';
import { loadScenario } from '../../src/scenario/load.js';
import { buildVerdict } from '../../src/verdict/build-verdict.js';
import { runWarnings } from '../../src/verdict/warnings.js';
import type { SensitivityResult } from '../../src/sensitivity/types.js';
import type { Verdict } from '../../src/verdict/types.js';

/** Results of a sweep over traffic.meanRps: cloud-run costs 0.1 x rps, vm a flat 1.0 (crossing at 10). */
export function sweepResults(rps: readonly number[], replications: number): CsvTable {
  const columns = ['traffic.meanRps', ...SUMMARY_FIELDS];
  const rows: string[][] = [];
  for (const x of rps) {
    for (let r = 0; r < replications; r++) {
      for (const platform of ['cloud-run', 'vm']) {
        const noise = (r - (replications - 1) / 2) * 0.01;
        const values: Record<string, string> = {
          'traffic.meanRps': String(x),
          scenario: 'diurnal',
          platform,
          model: platform === 'vm' ? 'compute-engine' : 'cloud-run',
          seed: '1',
          replication: String(r),
          cost_total_usd: String((platform === 'vm' ? 1 : 0.1 * x) + noise),
          latency_p95_s: String((platform === 'vm' ? 0.2 : 0.25) + noise),
        };
        rows.push(columns.map((c) => values[c] ?? '0'));
      }
    }
  }
  return { columns, rows };
}

/**
 * What `sim run workloads/diurnal.json --out DIR` writes, for a short run, in-process through the
 * library (no dist build, so no race with test/cli): 3 hours from midnight at a mean of 5 req/s,
 * no warm-up, so the first requests wait on Cloud Run cold starts.
 */
export async function writeRunDirectory(dir: string, sets: readonly string[] = [], options: { verdict?: boolean } = {}): Promise<SummaryRecord[]> {
  const scenario = loadScenario(join(ROOT, 'workloads/diurnal.json'), ['duration=3h', 'warmup=0', 'traffic.meanRps=5', ...sets]);
  await ensureDir(dir);
  const timeline = new TimelineWriter(join(dir, 'timeline.csv'));
  const records = runScenario(scenario, { seed: 7, timelineStep: 1, onTimelineRow: (row) => timeline.write(row) });
  await timeline.close();
  await writeFileAtomic(join(dir, 'summary.csv'), summaryToCsv(records));
  // The verdict as sim run --out writes it, by the real producer.
  if (options.verdict === true) await writeFileAtomic(join(dir, 'verdict.json'), verdictToJson(buildVerdict({ scenario, records, warnings: runWarnings(records) })));
  return records;
}

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A verdict and a sensitivity result that follow the contracts in src/verdict/types.ts and
 * src/sensitivity/types.ts to the letter, with figures in the scale of writeRunDirectory's run
 * (per-month costs are its 3-hour totals times 730 / 3).
 */
export const VERDICT_FIXTURE = join(ROOT, 'test/report/fixtures/verdict.json');
export const SENSITIVITY_FIXTURE = join(ROOT, 'test/report/fixtures/sensitivity.json');

export function verdictFixture(): Verdict {
  return JSON.parse(readFileSync(VERDICT_FIXTURE, 'utf8')) as Verdict;
}

export function sensitivityFixture(): SensitivityResult {
  return JSON.parse(readFileSync(SENSITIVITY_FIXTURE, 'utf8')) as SensitivityResult;
}
