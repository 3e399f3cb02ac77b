import * as aq from 'arquero';
import { InputError } from '../errors.js';
import { SUMMARY_FIELDS } from '../metrics/summary.js';
import { formatCsvRows, type CsvRow } from '../output/csv-rows.js';
import { parseFormattedNumber } from '../output/format-number.js';
import { checkNumberColumns, type CsvTable } from './csv-table.js';
import { ci95HalfWidth } from './student-t.js';

/** The summary fields averaged over replications: every numeric one but seed and replication. */
export const AGGREGATED_FIELDS = SUMMARY_FIELDS.slice(SUMMARY_FIELDS.indexOf('replication') + 1);

/** Identifying columns copied from a group's first row. */
const CARRIED = ['scenario', 'model', 'seed'] as const;

/**
 * Columns of the aggregate: the grid columns, `scenario, platform, model, seed, replications`,
 * then `<field>_mean` and `<field>_ci95` for every aggregated field.
 */
export function aggregateColumns(gridColumns: readonly string[]): string[] {
  return [
    ...gridColumns,
    'scenario',
    'platform',
    'model',
    'seed',
    'replications',
    ...AGGREGATED_FIELDS.flatMap((field) => [`${field}_mean`, `${field}_ci95`]),
  ];
}

/**
 * Mean and 95 % Student-t confidence half-width over the replications of each (point,
 * platform) of a sweep's results: half-width = t(0.975; n - 1) s / sqrt(n), with s the sample
 * standard deviation of the n replications' values. Replications are independent runs (own
 * random streams), so this is the textbook interval for the expected value of a metric at that
 * point, e.g. the mean latency over the run's length. Rows are grouped by the grid columns
 * (those before `scenario`) and the platform, in order of first appearance, so the aggregate
 * is as deterministic as the results. Undefined values (empty cells, e.g. a latency with no
 * requests) are left out of a group's mean; fewer than two defined values give an empty
 * half-width.
 */
export function aggregateResults(results: CsvTable, where = 'results'): string {
  const gridCount = results.columns.indexOf('scenario');
  const summaryStart = results.columns.slice(gridCount);
  if (gridCount < 0 || summaryStart.length !== SUMMARY_FIELDS.length || summaryStart.some((c, i) => c !== SUMMARY_FIELDS[i])) {
    throw new InputError(`not a sweep's results: the columns should be the grid columns, then ${SUMMARY_FIELDS.slice(0, 3).join(', ')}, ...`);
  }
  checkNumberColumns(results, AGGREGATED_FIELDS, where);
  const gridColumns = results.columns.slice(0, gridCount);
  const index = (name: string): number => results.columns.indexOf(name);

  // Plain column names inside arquero (k0.., m0..), whatever the grid paths look like.
  const keys = [...gridColumns.map((_, i) => `k${i}`), 'platform'];
  const data: Record<string, unknown[]> = {};
  gridColumns.forEach((_, i) => {
    data[`k${i}`] = results.rows.map((row) => row[i]!);
  });
  data.platform = results.rows.map((row) => row[index('platform')]!);
  data.row = results.rows.map((_, i) => i);
  AGGREGATED_FIELDS.forEach((field, i) => {
    const at = index(field);
    data[`m${i}`] = results.rows.map((row) => parseFormattedNumber(row[at]!));
  });

  const rollup: Record<string, unknown> = { first: aq.op.min('row'), n: aq.op.count() };
  AGGREGATED_FIELDS.forEach((_, i) => {
    rollup[`mean${i}`] = aq.op.mean(`m${i}`);
    rollup[`sd${i}`] = aq.op.stdev(`m${i}`);
    rollup[`valid${i}`] = aq.op.valid(`m${i}`);
  });
  const groups = aq
    .table(data)
    .groupby(...keys)
    .rollup(rollup as Parameters<aq.ColumnTable['rollup']>[0])
    .objects() as Record<string, number>[];

  const columns = aggregateColumns(gridColumns);
  const rows: CsvRow[] = groups.map((group) => {
    const first = results.rows[group.first!]!;
    const row: Record<string, string | number> = Object.create(null);
    gridColumns.forEach((column, i) => {
      row[column] = first[i]!;
    });
    for (const column of CARRIED) row[column] = first[index(column)]!;
    row.platform = first[index('platform')]!;
    row.replications = group.n!;
    AGGREGATED_FIELDS.forEach((field, i) => {
      row[`${field}_mean`] = group[`mean${i}`] ?? NaN;
      row[`${field}_ci95`] = ci95HalfWidth(group[`sd${i}`] ?? NaN, group[`valid${i}`] ?? 0);
    });
    return row;
  });
  return formatCsvRows(columns, rows);
}
