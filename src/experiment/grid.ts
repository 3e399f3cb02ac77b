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

/** Values one `a..b` of a grid may stand for: a longer grid is a mistake, not a plan. */
export const MAX_RANGE_VALUES = 10_000;

/**
 * Parses `path=v1,v2,...`. A list that starts with `[` is read as a JSON array instead, for
 * values that hold commas: `--grid 'requests.cpu=[{"dist":"constant","value":0.01},0.02]'`
 * (strings are taken as they are, anything else as its JSON text). An item `a..b` of
 * integers stands for every integer from a to b: `vm.count=1,2,4..8` is 1,2,4,5,6,7,8 (the
 * verdict's commands for many VM counts, remedy-command.ts).
 */
export function parseGridFlag(text: string): GridAxis {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || path === '') {
    throw new InputError(`--grid ${JSON.stringify(text)}: not a grid: write <path>=<v1,v2,...>, e.g. cloud-run.concurrency=10,40,80`);
  }
  const list = text.slice(eq + 1).trim();
  const values = list.startsWith('[') ? jsonValues(path, list) : list === '' ? [] : list.split(',').flatMap((v) => expandRange(path, list, v.trim()));
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

/** An item of a grid's list: itself, or every integer of `a..b`. */
function expandRange(path: string, list: string, item: string): string[] {
  const m = /^(-?\d+)\.\.(-?\d+)$/.exec(item);
  if (m === null) return [item];
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a > b) {
    throw new InputError(`--grid ${path}=${list}: ${item} is not allowed: a range a..b of integers with a <= b, e.g. 3..8`);
  }
  if (b - a + 1 > MAX_RANGE_VALUES) {
    throw new InputError(`--grid ${path}=${list}: ${item} is ${(b - a + 1).toLocaleString('en-US')} values: at most ${MAX_RANGE_VALUES.toLocaleString('en-US')} in one range`);
  }
  return Array.from({ length: b - a + 1 }, (_, i) => String(a + i));
}

/** Values for a grid's list, consecutive integers written as `a..b` (three or more; parseGridFlag reads them back). */
export function gridList(values: readonly string[]): string {
  // Integers as written back by String(): "007" or "-0" stay as they are.
  const integer = (v: string): boolean => /^-?\d+$/.test(v) && String(Number(v)) === v;
  const parts: string[] = [];
  let i = 0;
  while (i < values.length) {
    let j = i;
    if (integer(values[i]!)) while (j + 1 < values.length && integer(values[j + 1]!) && Number(values[j + 1]) === Number(values[j]) + 1) j++;
    if (j - i >= 2) {
      parts.push(`${values[i]}..${values[j]}`);
      i = j + 1;
    } else {
      parts.push(values[i]!);
      i++;
    }
  }
  return parts.join(',');
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
