import type { SummaryField, SummaryRecord } from '../metrics/summary.js';
import { formatDuration } from './format-duration.js';
import { formatCount, formatFixed, formatMilliseconds, formatPercent, formatUsd } from './format-human.js';

export interface SummaryTableOptions {
  /** Bold header and section titles, dim `-` for undefined values (ANSI codes). @default false */
  readonly color?: boolean;
}

/** The numeric fields: all but the identifying strings. */
type MetricField = Exclude<SummaryField, 'scenario' | 'platform' | 'model' | 'status'>;

/** A metric row: its label and how one field is shown. */
interface TableRow {
  readonly label: string;
  readonly field: MetricField;
  readonly format: (value: number) => string;
}

interface TableSection {
  readonly title: string;
  readonly rows: readonly TableRow[];
}

const row = (label: string, field: MetricField, format: (value: number) => string): TableRow => ({
  label,
  field,
  format,
});
const twoDecimals = (x: number): string => formatFixed(x, 2);

/** What the table shows, in order. Units go in the labels so that cells are bare numbers. */
const SECTIONS: readonly TableSection[] = [
  {
    title: 'Requests',
    rows: [
      row('arrived', 'requests_arrived', formatCount),
      row('completed', 'requests_completed', formatCount),
      row('rejected', 'requests_rejected', formatCount),
      row('timed out', 'requests_timed_out', formatCount),
      row('failed', 'requests_failed', formatCount),
      row('unfinished', 'requests_unfinished', formatCount),
    ],
  },
  {
    title: 'Latency (ms)',
    rows: [
      row('mean', 'latency_mean_s', formatMilliseconds),
      row('p50', 'latency_p50_s', formatMilliseconds),
      row('p90', 'latency_p90_s', formatMilliseconds),
      row('p95', 'latency_p95_s', formatMilliseconds),
      row('p99', 'latency_p99_s', formatMilliseconds),
      row('p99.9', 'latency_p999_s', formatMilliseconds),
      row('max', 'latency_max_s', formatMilliseconds),
    ],
  },
  {
    title: 'Cold starts',
    rows: [
      row('instance starts', 'instance_starts', formatCount),
      row('cold-start requests', 'cold_start_requests', formatCount),
      row('cold-start requests (%)', 'cold_start_fraction', formatPercent),
      row('wait mean (ms)', 'cold_start_wait_mean_s', formatMilliseconds),
      row('wait p99 (ms)', 'cold_start_wait_p99_s', formatMilliseconds),
    ],
  },
  {
    title: 'Queue wait (ms)',
    rows: [
      row('mean', 'queue_wait_mean_s', formatMilliseconds),
      row('p99', 'queue_wait_p99_s', formatMilliseconds),
      row('backlog growth (req/s)', 'backlog_growth_per_s', twoDecimals),
    ],
  },
  {
    title: 'Instances',
    rows: [
      row('mean', 'instances_mean', twoDecimals),
      row('max', 'instances_max', formatCount),
      row('starting mean', 'instances_starting_mean', twoDecimals),
      row('busy mean', 'instances_busy_mean', twoDecimals),
      row('idle mean', 'instances_idle_mean', twoDecimals),
      row('CPU utilisation (%)', 'cpu_utilization_mean', formatPercent),
    ],
  },
  {
    title: 'Cost (USD)',
    rows: [
      row('total', 'cost_total_usd', formatUsd),
      row('per million requests', 'cost_per_million_usd', formatUsd),
      row('per month (730 h)', 'cost_per_month_usd', formatUsd),
      row('cpu', 'cost_cpu_usd', formatUsd),
      row('memory', 'cost_memory_usd', formatUsd),
      row('idle', 'cost_idle_usd', formatUsd),
      row('requests', 'cost_requests_usd', formatUsd),
      row('network', 'cost_network_usd', formatUsd),
      row('fixed', 'cost_fixed_usd', formatUsd),
      row('discount', 'cost_discount_usd', formatUsd),
    ],
  },
];

const INDENT = '  ';
const GAP = '  ';
const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

/**
 * The summary for a terminal: one column per platform (right-aligned), one row per metric,
 * grouped in sections, under a line naming scenario, seed and duration. A pure function of its
 * arguments; ends with a newline. Shown precision is for reading, CSV and JSON keep the digits.
 *
 *     scenario diurnal, seed 42, duration 7d
 *                                cloud-run              vm
 *       model                    cloud-run  compute-engine
 *     Requests
 *       arrived                 12,096,000      12,096,000
 */
export function summaryToTable(records: readonly SummaryRecord[], options: SummaryTableOptions = {}): string {
  const color = options.color ?? false;
  if (records.length === 0) return 'No platforms to show.\n';
  const style = (code: string, text: string): string => (color ? `${code}${text}${RESET}` : text);

  // Lines as a label plus cells; `undefined` cells mark a section title line.
  const body: Array<{ label: string; cells?: string[]; title?: boolean }> = [
    { label: '', cells: records.map((r) => r.platform) },
    { label: INDENT + 'model', cells: records.map((r) => r.model) },
    { label: INDENT + 'status', cells: records.map((r) => r.status) },
    { label: INDENT + 'rank', cells: records.map((r) => formatCount(r.rank)) },
  ];
  for (const section of SECTIONS) {
    body.push({ label: section.title, title: true });
    for (const { label, field, format } of section.rows) {
      body.push({ label: INDENT + label, cells: records.map((r) => format(r[field])) });
    }
  }

  const labelWidth = Math.max(...body.map((line) => line.label.length));
  const widths = records.map((_, i) => Math.max(...body.map((line) => line.cells?.[i]?.length ?? 0)));

  const lines = [style(BOLD, headerLine(records))];
  body.forEach((line, index) => {
    if (line.cells === undefined) {
      lines.push(style(BOLD, line.label));
      return;
    }
    const cells = line.cells.map((cell, i) => {
      const padded = cell.padStart(widths[i]!);
      if (index === 0) return style(BOLD, padded);
      return cell === '-' ? style(DIM, padded) : padded;
    });
    lines.push((line.label.padEnd(labelWidth) + GAP + cells.join(GAP)).trimEnd());
  });
  return lines.join('\n') + '\n';
}

/** "scenario diurnal, seed 42, duration 7d"; values that differ between records are joined by "/". */
function headerLine(records: readonly SummaryRecord[]): string {
  const distinct = (values: Array<string | number>): string => [...new Set(values.map(String))].join('/');
  const parts = [
    `scenario ${distinct(records.map((r) => r.scenario))}`,
    `seed ${distinct(records.map((r) => r.seed))}`,
  ];
  if (records.some((r) => r.replication !== 0)) parts.push(`replication ${distinct(records.map((r) => r.replication))}`);
  parts.push(`duration ${distinct(records.map((r) => formatDuration(r.duration_s)))}`);
  return parts.join(', ');
}
