import { InputError } from '../errors.js';
import { writeFileAtomic } from '../output/atomic-write.js';
import { prepareOutputFile } from '../output/output-path.js';
import { checkExperiment, DEFAULT_LIMITS } from './preflight.js';
import { formatCsvRows } from '../output/csv-rows.js';
import { aggregateResults } from './aggregate.js';
import { parseCsvTable } from './csv-table.js';
import { createJobPool } from './job-pool.js';
import { openPartialFile, type TaskLayout } from './partial-file.js';
import { ScenarioResolver } from './scenario-source.js';
import { shardOutPath, shardTasks, type Shard } from './shard.js';
import { sweepMeta } from './sweep-meta.js';
import { planSweep, taskJob, type SweepSpec } from './sweep-plan.js';
import { rowsMatchTask, sweepColumns, taskCsv, taskRowCount } from './sweep-rows.js';

export interface SweepOptions {
  readonly spec: SweepSpec;
  /** Results file; `{index}` and `{count}` are replaced by the shard's numbers. */
  readonly out: string;
  /** Worker threads; 1 runs in this thread. */
  readonly workers: number;
  /** Run only this shard's tasks, with a `task` column, for `sim merge`. */
  readonly shard?: Shard;
  /** Also write `<out minus .csv>.agg.csv`: mean and 95 % CI per (point, platform). */
  readonly aggregate?: boolean;
  /** Refuse sweeps estimated to take longer than this many wall-clock seconds. @default 3600 */
  readonly maxSeconds?: number;
  /** Called once before any run with the tasks already done (resumed), then after each task. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SweepOutcome {
  readonly out: string;
  readonly aggregate?: string;
  /** Tasks this shard (or the whole sweep) holds. */
  readonly tasks: number;
  /** Of which were already finished in a partial file. */
  readonly resumed: number;
  /** Rows of the partial file dropped and run again: a checksum mismatch and every row after it. */
  readonly discarded: number;
  /** Of those, rows whose checksum did not match (edited, or torn). */
  readonly corrupted: number;
}

/** `results.csv` -> `results.agg.csv`; a name without `.csv` gets `.agg.csv` appended. */
export function aggregatePath(out: string): string {
  return out.endsWith('.csv') ? `${out.slice(0, -4)}.agg.csv` : `${out}.agg.csv`;
}

/**
 * A parameter sweep: every grid point (validated first) times `replications`, each task
 * (point, replication) run on the job pool, results written in task order to a partial file
 * that becomes `out` when all are done. Rerunning an interrupted sweep resumes it (see
 * partial-file.ts). Output bytes do not depend on `workers`, on interruptions or on sharding
 * (after `sim merge`).
 */
export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const resolver = new ScenarioResolver();
  const plan = planSweep(options.spec, resolver);
  const shard = options.shard;
  if (options.aggregate === true && shard !== undefined) {
    throw new InputError('--aggregate: not with --shard (a shard holds only some replications of a point): run sim merge --aggregate on the shards');
  }
  const out = shardOutPath(options.out, shard);
  const sharded = shard !== undefined;
  // Every point is checked before the first simulation, and before the task list is built
  // (120 million replications would not fit in memory as a list).
  const shardTaskCount = shard === undefined ? plan.taskCount : Math.max(0, Math.ceil((plan.taskCount - shard.index) / shard.count));
  checkExperiment(
    {
      points: plan.points.map((point) => ({ scenario: point.scenario, label: pointLabel(options.spec, point.values) })),
      runsPerPoint: plan.spec.replications,
      workers: options.workers,
      tasks: shardTaskCount,
      share: plan.taskCount === 0 ? 1 : shardTaskCount / plan.taskCount,
    },
    { ...DEFAULT_LIMITS, ...(options.maxSeconds !== undefined ? { maxSeconds: options.maxSeconds } : {}) },
    options.spec.file,
  );
  await prepareOutputFile(out, '--out');
  if (options.aggregate === true) await prepareOutputFile(aggregatePath(out), '--aggregate');
  const tasks = shardTasks(plan.taskCount, shard);
  const columns = sweepColumns(plan, sharded);
  const header = formatCsvRows(columns, []);
  const layout: TaskLayout = {
    rowCount: (i) => (i < tasks.length ? taskRowCount(plan, tasks[i]!) : undefined),
    matches: (i, rows) => rowsMatchTask(plan, tasks[i]!, rows, sharded),
  };

  const partial = await openPartialFile(out, sweepMeta(plan, shard, columns), header, layout);
  const pending = tasks.slice(partial.resumed);
  const pool = createJobPool(Math.max(1, Math.min(options.workers, pending.length)), resolver);
  let done = partial.resumed;
  options.onProgress?.(done, tasks.length);
  try {
    await pool.run(
      pending.map((task) => taskJob(plan, task)),
      (i, records) => {
        partial.append(taskCsv(plan, pending[i]!, records, sharded));
        options.onProgress?.(++done, tasks.length);
      },
    );
  } catch (error) {
    partial.close();
    throw error;
  } finally {
    await pool.close();
  }

  let aggregate: string | undefined;
  try {
    const results = partial.results();
    if (options.aggregate === true) {
      aggregate = aggregatePath(out);
      await writeFileAtomic(aggregate, aggregateResults(parseCsvTable(results, partial.path), partial.path));
    }
    await partial.finish(results, sharded ? `${out}.meta.json` : undefined);
  } catch (error) {
    partial.close();
    throw error;
  }
  return {
    out,
    tasks: tasks.length,
    resumed: partial.resumed,
    discarded: partial.discarded,
    corrupted: partial.corrupted,
    ...(aggregate !== undefined ? { aggregate } : {}),
  };
}

/** A grid point for messages: the scenario file and the point's grid flags. */
export function pointLabel(spec: { readonly file: string; readonly axes: readonly { readonly path: string }[] }, values: readonly string[]): string {
  return spec.axes.length === 0 ? spec.file : `${spec.file}: --grid ${spec.axes.map((axis, i) => `${axis.path}=${values[i]!}`).join(' ')}`;
}
