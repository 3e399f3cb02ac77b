import { InputError } from '../errors.js';

/** Shard `index` of `count`: the tasks whose number modulo `count` is `index`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

const NATURAL = /^\d+$/;

function natural(text: string | undefined): number | undefined {
  if (text === undefined || !NATURAL.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

function checked(index: number, count: number, where: string, text: string): Shard {
  if (count < 1) throw new InputError(`${where}: ${JSON.stringify(text)} is not allowed: a shard count of at least 1`);
  if (index >= count) {
    throw new InputError(`${where}: ${JSON.stringify(text)} is not allowed: a shard index from 0 to ${count - 1}`);
  }
  return { index, count };
}

/** `--shard i/n`, 0 <= i < n. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = natural(match?.[1]);
  const count = natural(match?.[2]);
  if (index === undefined || count === undefined) {
    throw new InputError(`--shard: ${JSON.stringify(text)} is not allowed: i/n with 0 <= i < n, e.g. 0/4`);
  }
  return checked(index, count, '--shard', text);
}

/** `--shard-count n`. */
export function parseShardCount(text: string): number {
  const count = natural(text);
  if (count === undefined || count < 1) throw new InputError(`--shard-count: ${JSON.stringify(text)} is not allowed: an integer >= 1`);
  return count;
}

/**
 * The shard of this process when no `--shard` is given, from the environment of a batch
 * runner, or undefined to run every task:
 * - Cloud Run Jobs set `CLOUD_RUN_TASK_INDEX` and `CLOUD_RUN_TASK_COUNT` in every task;
 * - Kubernetes Indexed Jobs set `JOB_COMPLETION_INDEX`; the count comes from `--shard-count`
 *   (`shardCount`) or `SHARD_COUNT`, since Kubernetes does not pass `completions` to the pod.
 */
export function shardFromEnv(env: NodeJS.ProcessEnv, shardCount: number | undefined): Shard | undefined {
  const cloudRunIndex = env.CLOUD_RUN_TASK_INDEX;
  const cloudRunCount = env.CLOUD_RUN_TASK_COUNT;
  if (cloudRunIndex !== undefined || cloudRunCount !== undefined) {
    const index = natural(cloudRunIndex);
    const count = natural(cloudRunCount);
    const text = `${cloudRunIndex ?? ''}/${cloudRunCount ?? ''}`;
    if (index === undefined || count === undefined) {
      throw new InputError(`CLOUD_RUN_TASK_INDEX/CLOUD_RUN_TASK_COUNT: ${JSON.stringify(text)} is not allowed: two integers, 0 <= index < count`);
    }
    return checked(index, count, 'CLOUD_RUN_TASK_INDEX/CLOUD_RUN_TASK_COUNT', text);
  }
  const jobIndex = env.JOB_COMPLETION_INDEX;
  if (jobIndex !== undefined) {
    const index = natural(jobIndex);
    if (index === undefined) throw new InputError(`JOB_COMPLETION_INDEX: ${JSON.stringify(jobIndex)} is not allowed: an integer >= 0`);
    let count = shardCount;
    if (count === undefined && env.SHARD_COUNT !== undefined) {
      count = natural(env.SHARD_COUNT);
      if (count === undefined || count < 1) throw new InputError(`SHARD_COUNT: ${JSON.stringify(env.SHARD_COUNT)} is not allowed: an integer >= 1`);
    }
    if (count === undefined) {
      throw new InputError('JOB_COMPLETION_INDEX is set but the shard count is not: pass --shard-count N (the Job\'s completions) or set SHARD_COUNT');
    }
    return checked(index, count, 'JOB_COMPLETION_INDEX', `${index}/${count}`);
  }
  if (shardCount !== undefined) {
    throw new InputError('--shard-count: needs JOB_COMPLETION_INDEX in the environment (a Kubernetes Indexed Job); elsewhere use --shard i/n');
  }
  return undefined;
}

/** The tasks of a shard, ascending; all tasks without one. */
export function shardTasks(taskCount: number, shard: Shard | undefined): number[] {
  const tasks: number[] = [];
  const start = shard?.index ?? 0;
  const step = shard?.count ?? 1;
  for (let task = start; task < taskCount; task += step) tasks.push(task);
  return tasks;
}

/** `--out` with `{index}` and `{count}` replaced by the shard's numbers. */
export function shardOutPath(out: string, shard: Shard | undefined): string {
  if (shard === undefined) return out;
  return out.replaceAll('{index}', String(shard.index)).replaceAll('{count}', String(shard.count));
}
