import { InputError } from '../errors.js';
import { SUMMARY_FIELDS, TEXT_SUMMARY_FIELDS } from '../metrics/summary.js';
import { checkNumberColumns, formatCsvTable, parseCsvTable, type CsvTable } from './csv-table.js';
import { metaDifference, SWEEP_META_FORMAT, type SweepMeta } from './sweep-meta.js';
import { TASK_COLUMN } from './sweep-rows.js';

/** A shard's results file as read: its path, text, and its `<path>.meta.json` when present. */
export interface ShardFile {
  readonly path: string;
  readonly text: string;
  readonly meta?: unknown;
}

/**
 * Interleaves the rows of shard files (`sim sweep --shard i/n`) back into task order and drops
 * the `task` column: the result has the same bytes as the unsharded sweep. Checks that the
 * files have the same header, that no task appears twice, and that none is missing: with the
 * shards' meta files, against the sweep's task count and shard count (which also catches a
 * missing shard at the end), else that the tasks run from 0 without a gap.
 */
export function mergeShards(files: readonly ShardFile[]): CsvTable {
  if (files.length === 0) throw new InputError('merge: no shard files given');
  const tables = files.map((file) => ({ file, table: parseCsvTable(file.text, file.path) }));
  const first = tables[0]!;
  const header = first.table.columns;
  if (header[0] !== TASK_COLUMN) {
    throw new InputError(`${first.file.path}: not a shard's results: the first column is ${JSON.stringify(header[0])}, not "${TASK_COLUMN}" (written by sim sweep --shard)`);
  }
  for (const { file, table } of tables) {
    if (table.columns.join('\u0000') !== header.join('\u0000')) {
      throw new InputError(`${file.path}: its header differs from ${first.file.path}'s: the shards come from different sweeps`);
    }
  }

  for (const { file, table } of tables) {
    if (table.rows.length === 0 && !holdsNoTasks(file.meta)) {
      throw new InputError(`${file.path}: no rows, only a header: a shard's results hold one row per platform of each of its tasks`);
    }
    checkNumberColumns(table, NUMERIC_FIELDS, file.path);
  }

  const byTask = new Map<number, { path: string; rows: (readonly string[])[] }>();
  for (const { file, table } of tables) {
    let current = -1;
    table.rows.forEach((row, i) => {
      const cell = row[0]!;
      const task = /^\d+$/.test(cell) ? Number(cell) : NaN;
      if (!Number.isSafeInteger(task)) throw new InputError(`${file.path}: row ${i + 2}: task ${JSON.stringify(cell)} is not allowed: an integer >= 0`);
      if (task !== current) {
        const seen = byTask.get(task);
        if (seen !== undefined) {
          throw new InputError(`${file.path}: task ${task} is also in ${seen.path === file.path ? 'an earlier row of this file' : seen.path}: each task once`);
        }
        byTask.set(task, { path: file.path, rows: [] });
        current = task;
      }
      byTask.get(task)!.rows.push(row.slice(1));
    });
  }

  const taskCount = expectedTaskCount(files, byTask);
  for (let task = 0; task < taskCount; task++) {
    if (!byTask.has(task)) throw new InputError(`task ${task} is in none of the files: a shard is missing or unfinished`);
  }
  const rows: (readonly string[])[] = [];
  for (let task = 0; task < taskCount; task++) rows.push(...byTask.get(task)!.rows);
  return { columns: header.slice(1), rows };
}

/** `mergeShards` as CSV text. */
export function mergeShardsCsv(files: readonly ShardFile[]): string {
  return formatCsvTable(mergeShards(files));
}

/** The summary fields that hold numbers. */
const NUMERIC_FIELDS = SUMMARY_FIELDS.filter((f) => !TEXT_SUMMARY_FIELDS.has(f));

/** Whether a shard's meta says it has no tasks at all (shard index >= tasks: more shards than tasks). */
function holdsNoTasks(meta: unknown): boolean {
  const m = meta as Partial<SweepMeta> | undefined;
  return m?.format === SWEEP_META_FORMAT && m.shard != null && typeof m.tasks === 'number' && m.shard.index >= m.tasks;
}

function expectedTaskCount(files: readonly ShardFile[], byTask: ReadonlyMap<number, unknown>): number {
  const metas = files.filter((file) => file.meta !== undefined);
  const highest = Math.max(-1, ...byTask.keys());
  if (metas.length === 0) return highest + 1;
  const reference = metas[0]!;
  const wanted = reference.meta as SweepMeta;
  if (wanted?.format !== SWEEP_META_FORMAT) throw new InputError(`${reference.path}.meta.json: not a sweep's meta file`);
  for (const file of metas) {
    const differs = metaDifference(wanted, file.meta, ['shard']);
    if (differs !== undefined) throw new InputError(`${file.path}: from a different sweep than ${reference.path} (${differs} differs)`);
  }
  const shards = new Map<number, string>();
  const count = wanted.shard?.count;
  for (const file of metas) {
    const shard = (file.meta as SweepMeta).shard;
    if (shard === null) continue;
    if (shard.count !== count) throw new InputError(`${file.path}: shard ${shard.index}/${shard.count} of a different shard count than ${reference.path}'s ${count}`);
    const other = shards.get(shard.index);
    if (other !== undefined) throw new InputError(`${file.path}: shard ${shard.index}/${shard.count} is also ${other}`);
    shards.set(shard.index, file.path);
  }
  if (count !== undefined && metas.length === files.length) {
    for (let index = 0; index < count; index++) {
      if (!shards.has(index)) throw new InputError(`shard ${index}/${count} is missing (no file with its ${TASK_COLUMN}s)`);
    }
  }
  if (highest >= wanted.tasks) throw new InputError(`task ${highest} is beyond the sweep's ${wanted.tasks} tasks`);
  return wanted.tasks;
}
