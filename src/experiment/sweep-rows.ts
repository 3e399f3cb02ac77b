import { SUMMARY_FIELDS, type SummaryRecord } from '../metrics/summary.js';
import { formatCsvRows } from '../output/csv-rows.js';
import { safeCsvText } from '../output/safe-cell.js';
import { summaryRows } from '../output/summary-rows.js';
import type { SweepPlan } from './sweep-plan.js';
import { taskOf } from './sweep-plan.js';

/** The first column of a shard's file: the task number, for `sim merge`. */
export const TASK_COLUMN = 'task';

/**
 * Columns of a sweep's results: `task` in a shard's file only, then one column per grid axis
 * named by its path, then `SUMMARY_FIELDS`. The unsharded file has no `task` column; `sim merge`
 * drops it, so merged shards and an unsharded run give the same bytes.
 */
export function sweepColumns(plan: SweepPlan, sharded: boolean): string[] {
  return [...(sharded ? [TASK_COLUMN] : []), ...plan.spec.axes.map((axis) => axis.path), ...SUMMARY_FIELDS];
}

/** The CSV lines (no header) of one task's records, one per platform. */
export function taskCsv(plan: SweepPlan, task: number, records: readonly SummaryRecord[], sharded: boolean): string {
  const { point } = taskOf(plan, task);
  const values = plan.points[point]!.values;
  const extra: Record<string, string | number> = Object.create(null);
  if (sharded) extra[TASK_COLUMN] = task;
  plan.spec.axes.forEach((axis, i) => {
    extra[axis.path] = values[i]!;
  });
  const columns = sweepColumns(plan, sharded);
  const { rows } = summaryRows(records, { columns: columns.slice(0, columns.length - SUMMARY_FIELDS.length), values: records.map(() => extra) });
  return formatCsvRows(columns, rows, { header: false });
}

/**
 * Whether `rows` (text cells) are what task `task` writes, judged by the cells that identify
 * it: task number, grid values, platform names in scenario order, replication and seed. Used
 * when resuming, to find where the finished tasks of a partial file end.
 */
export function rowsMatchTask(plan: SweepPlan, task: number, rows: readonly (readonly string[])[], sharded: boolean): boolean {
  const { point, replication } = taskOf(plan, task);
  const planned = plan.points[point]!;
  const platforms = planned.scenario.platforms;
  if (rows.length !== platforms.length) return false;
  const columns = sweepColumns(plan, sharded);
  const at = (name: string): number => columns.indexOf(name);
  const offset = sharded ? 1 : 0;
  return rows.every((row, j) => {
    if (row.length !== columns.length) return false;
    if (sharded && row[0] !== String(task)) return false;
    if (planned.values.some((value, i) => row[offset + i] !== safeCsvText(value))) return false;
    return (
      row[at('platform')] === platforms[j]!.name &&
      row[at('replication')] === String(replication) &&
      row[at('seed')] === String(plan.spec.seed) &&
      row[at('scenario')] === safeCsvText(planned.scenario.name)
    );
  });
}

/** Number of rows task `task` writes: one per platform of its point. */
export function taskRowCount(plan: SweepPlan, task: number): number {
  return plan.points[taskOf(plan, task).point]!.scenario.platforms.length;
}
