import { tooDeepOffset } from '../scenario/json-text.js';
import { InputError } from '../errors.js';

/**
 * One `--grid <path>=<v1,v2,...>` flag: a scenario path (as `--set` takes it) and the values it
 * takes, as text. Values stay text end to end: they go to `--set` as written and appear in the
 * output column named after the path exactly as typed (`40`, `1d`, `20ms`).
 */
export interface GridAxis {
  readonly path: string;
  readonly values: readonly string[];
}

/** One point of the grid: a value for every axis, in axis order. */
export type GridPoint = readonly string[];

/**
 * Parses `path=v1,v2,...`. A list that starts with `[` is read as a JSON array instead, for
 * values that hold commas: `--grid 'requests.cpu=[{"dist":"constant","value":0.01},0.02]'`
 * (strings are taken as they are, anything else as its JSON text).
 */
export function parseGridFlag(text: string): GridAxis {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || path === '') {
    throw new InputError(`--grid ${JSON.stringify(text)}: not a grid: write <path>=<v1,v2,...>, e.g. cloud-run.concurrency=10,40,80`);
  }
  const list = text.slice(eq + 1).trim();
  const values = list.startsWith('[') ? jsonValues(path, list) : list === '' ? [] : list.split(',').map((v) => v.trim());
  if (values.length === 0) throw new InputError(`--grid ${path}: no values: give at least one, e.g. ${path}=1,2,4`);
  const empty = values.indexOf('');
  if (empty >= 0) throw new InputError(`--grid ${path}=${list}: value ${empty + 1} is empty: a comma-separated list of values`);
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new InputError(`--grid ${path}=${list}: ${JSON.stringify(value)} appears twice: each value once`);
    seen.add(value);
  }
  return { path, values };
}

function jsonValues(path: string, list: string): string[] {
  let parsed: unknown;
  try {
    if (tooDeepOffset(list) >= 0) throw new Error('too deep');
    parsed = JSON.parse(list);
  } catch {
    throw new InputError(`--grid ${path}=${list}: not a JSON array: write [v1, v2, ...] or v1,v2,...`);
  }
  if (!Array.isArray(parsed)) throw new InputError(`--grid ${path}=${list}: not a JSON array: write [v1, v2, ...] or v1,v2,...`);
  return parsed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

/** Checks that no path is given twice (the second would silently win over the first). */
export function checkAxes(axes: readonly GridAxis[]): void {
  const seen = new Set<string>();
  for (const axis of axes) {
    if (seen.has(axis.path)) throw new InputError(`--grid ${axis.path}: given twice: one --grid per path`);
    seen.add(axis.path);
  }
}

/**
 * The cartesian product of the axes in a fixed order: axes as given, the last varying
 * fastest (like nested loops). No axes give one point with no values.
 */
export function gridPoints(axes: readonly GridAxis[]): GridPoint[] {
  let points: string[][] = [[]];
  for (const axis of axes) points = points.flatMap((point) => axis.values.map((value) => [...point, value]));
  return points;
}

/** The `--set` overrides that make a point: `path=value` per axis. */
export function pointSets(axes: readonly GridAxis[], point: GridPoint): string[] {
  return axes.map((axis, i) => `${axis.path}=${point[i]!}`);
}
