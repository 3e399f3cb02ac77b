import { InputError } from '../errors.js';
import { METRIC_FIELDS, type MetricField } from '../experiment/breakeven.js';
import type { CsvTable } from '../experiment/csv-table.js';
import { paretoFrontier } from '../experiment/pareto.js';
import { TASK_COLUMN } from '../experiment/sweep-rows.js';
import { SUMMARY_FIELDS } from '../metrics/summary.js';
import { parseFormattedNumber } from '../output/format-number.js';
import { band, type Band } from './band.js';
import { platformColors } from './platform-colors.js';

/** The metrics charted against each grid parameter unless `--metric` says otherwise. */
export const DEFAULT_SWEEP_METRICS: readonly MetricField[] = ['cost_total_usd', 'latency_p95_s'];

/** The two axes of the cost-latency frontier (both to minimise). */
export const FRONTIER_METRICS = ['cost_total_usd', 'latency_p95_s'] as const satisfies readonly MetricField[];

export interface SweepAxis {
  /** The scenario path, as the results' column is named. */
  readonly path: string;
  /** Its values in order of first appearance (the sweep's order). */
  readonly values: readonly string[];
  /** Every value a finite number: charted on a linear axis, else as categories. */
  readonly numeric: boolean;
}

/** One (grid point, platform): every metric's mean and 95 % band over the replications. */
export interface SweepPoint {
  readonly platform: string;
  /** The grid values, one per axis, as written in the results. */
  readonly grid: readonly string[];
  readonly metrics: Readonly<Record<string, Band>>;
}

/** Where the cheaper of two platforms changes along a traffic axis (linear interpolation). */
export interface SweepCrossing {
  readonly axis: string;
  /** The other axes' values, `path=value` joined by `, ` (empty with one axis). */
  readonly others: string;
  readonly value: number;
  readonly lowerBelow: string;
  readonly lowerAbove: string;
}

/** The frontier among the points of one traffic level. */
export interface SweepFrontier {
  /** The traffic axes' values, `path=value` joined by `, ` (empty without a traffic axis). */
  readonly level: string;
  /** Indices into `points` of the level's points, and of its frontier by increasing cost. */
  readonly points: readonly number[];
  readonly frontier: readonly number[];
}

export interface SweepReportData {
  readonly kind: 'sweep';
  readonly axes: readonly SweepAxis[];
  readonly platforms: readonly string[];
  /** Each platform's colour in every chart. */
  readonly colors: Readonly<Record<string, string>>;
  readonly metrics: readonly string[];
  /** The most replications behind a point. */
  readonly replications: number;
  readonly points: readonly SweepPoint[];
  /**
   * The cost-latency Pareto frontier within each traffic level (each combination of the `traffic.`
   * axes' values; one level when no traffic axis varies): comparing the cost of 5 req/s with that
   * of 40 req/s says nothing about which setting is better.
   */
  readonly frontiers: readonly SweepFrontier[];
  readonly crossings: readonly SweepCrossing[];
}

/** Checks `--metric` names against the summary's numeric fields. */
export function parseSweepMetrics(names: readonly string[]): MetricField[] {
  if (names.length === 0) return [...DEFAULT_SWEEP_METRICS];
  return names.map((name) => {
    if (!(METRIC_FIELDS as readonly string[]).includes(name)) {
      throw new InputError(`--metric: ${JSON.stringify(name)} is not allowed: a numeric summary field, e.g. cost_total_usd, latency_p95_s, cost_per_million_usd, cold_start_fraction`);
    }
    return name as MetricField;
  });
}

/**
 * Shapes a sweep's results (grid columns, then the summary fields, one row per point, platform
 * and replication) for charts: each (point, platform) gets every metric's mean and 95 %
 * Student-t band over its replications, the frontier of cost against p95 latency, and, when a
 * `traffic.` axis varies and there are two platforms, where their mean total costs cross.
 */
export function sweepReportData(results: CsvTable, metrics: readonly MetricField[], where: string): SweepReportData {
  const offset = results.columns[0] === TASK_COLUMN ? 1 : 0;
  const gridEnd = results.columns.indexOf('scenario');
  const summary = results.columns.slice(gridEnd);
  if (gridEnd < 0 || summary.length !== SUMMARY_FIELDS.length || summary.some((c, i) => c !== SUMMARY_FIELDS[i])) {
    throw new InputError(`${where}: not a sweep's results: the columns should be the grid columns, then ${SUMMARY_FIELDS.slice(0, 3).join(', ')}, ... (a run directory holds summary.csv and timeline.csv instead)`);
  }
  if (results.rows.length === 0) throw new InputError(`${where}: no rows: a sweep's results with at least one run`);
  const paths = results.columns.slice(offset, gridEnd);
  const at = (name: string): number => results.columns.indexOf(name);
  const charted = [...new Set<string>([...metrics, ...FRONTIER_METRICS])];

  const groups = new Map<string, { platform: string; grid: string[]; rows: (readonly string[])[] }>();
  const platforms: string[] = [];
  for (const row of results.rows) {
    const grid = paths.map((_, i) => row[offset + i]!);
    const platform = row[at('platform')]!;
    if (!platforms.includes(platform)) platforms.push(platform);
    const key = JSON.stringify([...grid, platform]);
    let group = groups.get(key);
    if (group === undefined) {
      group = { platform, grid, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  const points: SweepPoint[] = [...groups.values()].map((g) => ({
    platform: g.platform,
    grid: g.grid,
    metrics: Object.fromEntries(charted.map((m) => [m, band(g.rows.map((row) => parseFormattedNumber(row[at(m)]!)))])),
  }));

  const axes: SweepAxis[] = paths.map((path, i) => {
    const values = [...new Set(points.map((p) => p.grid[i]!))];
    return { path, values, numeric: values.every((v) => v.trim() !== '' && Number.isFinite(Number(v))) };
  });
  const frontiers = trafficLevelFrontiers(axes, points);

  return {
    kind: 'sweep',
    axes,
    platforms,
    colors: platformColors(platforms),
    metrics: [...metrics],
    replications: Math.max(...[...groups.values()].map((g) => g.rows.length)),
    points,
    frontiers,
    crossings: trafficCrossings(axes, platforms, points),
  };
}

/** Groups the points by the values of the `traffic.` axes and finds each group's frontier. */
export function trafficLevelFrontiers(axes: readonly SweepAxis[], points: readonly SweepPoint[]): SweepFrontier[] {
  const traffic = axes.flatMap((axis, i) => (axis.path.startsWith('traffic.') ? [i] : []));
  const levels = new Map<string, { point: SweepPoint; index: number }[]>();
  points.forEach((point, index) => {
    const level = traffic.map((i) => `${axes[i]!.path}=${point.grid[i]}`).join(', ');
    const members = levels.get(level) ?? [];
    members.push({ point, index });
    levels.set(level, members);
  });
  return [...levels].map(([level, members]) => ({
    level,
    points: members.map(({ index }) => index),
    frontier: paretoFrontier(
      members,
      ({ point }) => point.metrics.cost_total_usd!.mean,
      ({ point }) => point.metrics.latency_p95_s!.mean,
    ).map(({ index }) => index),
  }));
}

/**
 * For each `traffic.` axis with numeric values and exactly two platforms: along that axis, at
 * each combination of the other axes, the values between which the platform with the lower
 * mean total cost changes, and the crossing by linear interpolation of the cost difference.
 */
export function trafficCrossings(axes: readonly SweepAxis[], platforms: readonly string[], points: readonly SweepPoint[]): SweepCrossing[] {
  if (platforms.length !== 2) return [];
  const [a, b] = platforms as [string, string];
  const crossings: SweepCrossing[] = [];
  axes.forEach((axis, i) => {
    if (!axis.path.startsWith('traffic.') || !axis.numeric) return;
    const lines = new Map<string, Map<number, { a?: number; b?: number }>>();
    for (const p of points) {
      const others = axes.flatMap((o, j) => (j === i ? [] : [`${o.path}=${p.grid[j]}`])).join(', ');
      const x = Number(p.grid[i]);
      let line = lines.get(others);
      if (line === undefined) lines.set(others, (line = new Map()));
      const entry = line.get(x) ?? {};
      entry[p.platform === a ? 'a' : 'b'] = p.metrics.cost_total_usd!.mean;
      line.set(x, entry);
    }
    for (const [others, line] of lines) {
      const diffs = [...line.entries()]
        .filter(([, c]) => c.a !== undefined && c.b !== undefined && Number.isFinite(c.a - c.b))
        .map(([x, c]) => ({ x, d: c.a! - c.b! }))
        .sort((p, q) => p.x - q.x);
      for (let k = 1; k < diffs.length; k++) {
        const lo = diffs[k - 1]!;
        const hi = diffs[k]!;
        if (lo.d === 0 || Math.sign(lo.d) === Math.sign(hi.d)) continue;
        const value = hi.d === 0 ? hi.x : lo.x + ((hi.x - lo.x) * lo.d) / (lo.d - hi.d);
        crossings.push({ axis: axis.path, others, value, lowerBelow: lo.d < 0 ? a : b, lowerAbove: lo.d < 0 ? b : a });
      }
    }
  });
  return crossings;
}
