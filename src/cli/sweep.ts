import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { parseShard, parseShardCount, shardFromEnv } from '../experiment/shard.js';
import { collect, parsePositiveDuration, parseSeed } from './parse-flags.js';
import { parseGrids, parseInteger, parseWorkers } from './experiment-flags.js';
import { terminalProgressBar } from './sweep-progress.js';

/** `sim sweep` flags as commander gives them. */
export interface SweepFlags {
  readonly grid: string[];
  readonly set: string[];
  readonly replications: string;
  readonly seed: string;
  readonly workers?: string;
  readonly shard?: string;
  readonly shardCount?: string;
  readonly aggregate: boolean;
  readonly out: string;
  readonly maxTime: string;
}

/**
 * `sim sweep`: parse and check every flag, validate every grid point, then run (resuming a
 * partial file of the same command) and say what was written. All bad input exits 2 before
 * the first simulation.
 */
export async function sweepCommand(file: string, flags: SweepFlags, stdout: (text: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const axes = parseGrids(flags.grid);
  const replications = parseInteger('--replications', flags.replications, 1);
  const seed = parseSeed(flags.seed);
  const workers = parseWorkers(flags.workers);
  const shardCount = flags.shardCount !== undefined ? parseShardCount(flags.shardCount) : undefined;
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : shardFromEnv(env, shardCount);
  if (flags.shard !== undefined && shardCount !== undefined) {
    throw new InputError('--shard-count: not with --shard i/n, which already gives the count');
  }
  if (shard !== undefined && flags.shard === undefined && !flags.out.includes('{index}')) {
    throw new InputError(`--out: ${JSON.stringify(flags.out)} is not allowed with a shard from the environment: put {index} in the path (e.g. shard-{index}.csv) so that the tasks do not write the same file`);
  }
  const maxSeconds = parsePositiveDuration('--max-time', flags.maxTime);
  const { runSweep } = await import('../experiment/sweep.js');
  const progress = terminalProgressBar('sweep');
  try {
    const outcome = await runSweep({
      spec: { file, sets: flags.set, axes, replications, seed },
      out: flags.out,
      workers,
      ...(shard !== undefined ? { shard } : {}),
      aggregate: flags.aggregate,
      maxSeconds,
      ...(progress !== undefined ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
    });
    progress?.stop();
    const discarded =
      outcome.discarded > 0
        ? `; ${outcome.discarded} rows of the partial file discarded and run again (${outcome.corrupted} did not match their checksum)`
        : '';
    const resumed = outcome.resumed > 0 || outcome.discarded > 0 ? ` (${outcome.resumed} resumed from the partial file${discarded})` : '';
    const shardText = shard !== undefined ? ` of shard ${shard.index}/${shard.count}` : '';
    const files = [outcome.out, ...(outcome.aggregate !== undefined ? [outcome.aggregate] : [])].join(' and ');
    stdout(`sweep: ${outcome.tasks} runs${shardText}${resumed}; wrote ${files}\n`);
  } catch (error) {
    progress?.stop();
    throw error;
  }
}

/** Adds `sim sweep` to the program. */
export function registerSweep(program: Command, stdout: (text: string) => void): void {
  program
    .command('sweep')
    .description('run a scenario over a grid of settings x replications, in parallel; one CSV row per (point, platform, replication)')
    .argument('<scenario>', 'scenario file (JSON, or YAML ending .yaml/.yml)')
    .option('--grid <path=v1,v2,...>', 'a scenario path and its values, e.g. cloud-run.concurrency=10,40,80 or vm.count=1..8 (every integer from 1 to 8) (repeatable; the last varies fastest)', collect, [])
    .option('--set <path=value>', 'override a scenario field at every point (repeatable)', collect, [])
    .option('--replications <n>', 'independent replications per point (replication i sees the same requests at every point)', '1')
    .option('--seed <n>', 'sweep seed (non-negative integer)', '1')
    .option('--workers <n>', 'worker threads (default: every core)')
    .option('--shard <i/n>', 'run only the tasks whose number modulo n is i (default: from CLOUD_RUN_TASK_INDEX/COUNT or JOB_COMPLETION_INDEX)')
    .option('--shard-count <n>', 'the shard count for a Kubernetes Indexed Job (JOB_COMPLETION_INDEX gives the index)')
    .option('--aggregate', 'also write <out>.agg.csv: mean and 95 % CI per point and platform', false)
    .option('--max-time <duration>', 'refuse sweeps estimated to take longer than this (wall-clock, shared by the workers)', '1h')
    .requiredOption('--out <file>', 'results CSV ({index} and {count} are replaced by the shard\'s numbers)')
    .action((file: string, flags: SweepFlags) => sweepCommand(file, flags, stdout));
}
