import { Option, type Command } from 'commander';
import { ASSUMPTION_KINDS, type AssumptionKind } from '../scenario/assumption-kind.js';
import type { Judge } from '../sensitivity/judge.js';
import { parseWorkers } from './experiment-flags.js';
import { FORMATS } from './formats.js';
import { collect, parseChoice, parsePositiveDuration, parseSeed } from './parse-flags.js';
import { terminalProgressBar } from './sweep-progress.js';

export interface SensitivityFlags {
  readonly seed: string;
  readonly set: string[];
  readonly format: string;
  readonly out?: string;
  readonly workers?: string;
  readonly freeTier: boolean;
  readonly maxTime: string;
  /** Comma-separated kinds of assumption to vary (models/*.json `kind`); absent: all. */
  readonly kind?: string;
}

/**
 * `--kind unpublished,service`: the kinds of assumption to vary, each checked against
 * ASSUMPTION_KINDS (bad input exits 2 naming the value); absent, every kind.
 */
export function parseKinds(value: string | undefined): readonly AssumptionKind[] {
  if (value === undefined) return ASSUMPTION_KINDS;
  const kinds = value.split(',').map((k) => parseChoice('--kind', k.trim(), ASSUMPTION_KINDS));
  return ASSUMPTION_KINDS.filter((k) => kinds.includes(k));
}

/**
 * `sim sensitivity`: every flag checked before the first simulation (bad input exits 2), then
 * the runs on the worker pool with a progress bar on stderr, then the tornado in the chosen
 * format; with --out, sensitivity.json and sensitivity.csv written atomically.
 */
export async function sensitivityCommand(file: string, flags: SensitivityFlags, judge: Judge, stdout: (text: string) => void): Promise<void> {
  const seed = parseSeed(flags.seed);
  const format = parseChoice('--format', flags.format, FORMATS);
  const workers = parseWorkers(flags.workers);
  const maxSeconds = parsePositiveDuration('--max-time', flags.maxTime);
  const kinds = parseKinds(flags.kind);
  const sets = flags.freeTier ? [...flags.set, 'billing.freeTier=true'] : flags.set;
  const { assumptionRanges } = await import('../scenario/assumptions.js');
  const { DEFAULT_LIMITS } = await import('../experiment/preflight.js');
  const { createJobPool } = await import('../experiment/job-pool.js');
  const { runSensitivity } = await import('../sensitivity/run-sensitivity.js');
  const { sensitivityToCsv } = await import('../output/sensitivity-csv.js');
  const { sensitivityToJson } = await import('../output/sensitivity-json.js');
  const { sensitivityToTable } = await import('../output/sensitivity-table.js');
  const { ensureDir } = await import('../output/atomic-write.js');
  const { writeSensitivityFiles } = await import('../output/sensitivity-files.js');
  const catalog = assumptionRanges().filter((a) => kinds.includes(a.kind));
  // A bad --out fails now, not after the runs.
  if (flags.out !== undefined) await ensureDir(flags.out);
  const pool = createJobPool(workers, undefined, { warm: true });
  const progress = terminalProgressBar('sensitivity');
  let result;
  try {
    result = await runSensitivity(
      {
        file,
        sets,
        seed,
        catalog,
        judge,
        limits: { ...DEFAULT_LIMITS, maxSeconds },
        ...(progress !== undefined ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
      },
      pool,
    );
  } finally {
    progress?.stop();
    await pool.close();
  }
  if (flags.out !== undefined) await writeSensitivityFiles(flags.out, result);
  stdout(format === 'json' ? sensitivityToJson(result) : format === 'csv' ? sensitivityToCsv(result) : sensitivityToTable(result));
}

/** Adds `sim sensitivity` to the program. `loadJudge` gives the verdict's judge when the command runs (it loads the verdict code: not at start-up). */
export function registerSensitivity(program: Command, loadJudge: () => Promise<Judge>, stdout: (text: string) => void): void {
  program
    .command('sensitivity')
    .description('every assumption of models/ (unpublished rules, your service, your settings) at its low and high value, one at a time: a tornado of cost and p99, and whether the verdict holds')
    .argument('<scenario>', 'scenario file (JSON, or YAML ending .yaml/.yml)')
    .option('--seed <n>', 'run seed (non-negative integer); every variant uses it (common random numbers)', '1')
    .option('--set <path=value>', 'override a scenario field in every run, e.g. duration=1d (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--out <dir>', 'also write sensitivity.json and sensitivity.csv to this directory')
    .option('--workers <n>', 'worker threads (default: every core)')
    .option('--kind <kinds>', `vary only these kinds of assumption, comma-separated: ${ASSUMPTION_KINDS.join(', ')} (unpublished: rules Google does not publish; service: how your service behaves; setting: your choices) (default: all)`)
    .option('--free-tier', 'apply the monthly free tiers (same as --set billing.freeTier=true)', false)
    .option('--max-time <duration>', 'refuse when the runs are estimated to take longer than this', '1h')
    .action(async (file: string, flags: SensitivityFlags) => sensitivityCommand(file, flags, await loadJudge(), stdout));
}
