/**
 * Units of the scenario file. Durations: a number is seconds, a string carries its unit
 * (`250us`, `100ms`, `1.5s`, `15m`, `24h`, `7d`). Memory: a number is GiB, a string carries
 * its unit (`512Mi`, `4Gi`, `1G`; binary Ki/Mi/Gi/Ti, decimal k/M/G/T as in Kubernetes and
 * Cloud Run). Bytes: a number is bytes, a string `16KiB`, `1MB`, `512B`.
 *
 * Each parser returns undefined for text it cannot read, so that callers (schema checks,
 * `--set`) can report the JSON path; `parse*OrThrow` build the standard InputError.
 */
import { inputError } from '../errors.js';

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;

const DURATION_UNITS: Readonly<Record<string, number>> = {
  us: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
};

const MEMORY_UNITS_GIB: Readonly<Record<string, number>> = {
  Ki: 1 / 1024 ** 2,
  Mi: 1 / 1024,
  Gi: 1,
  Ti: 1024,
  k: 1e3 / 1024 ** 3,
  M: 1e6 / 1024 ** 3,
  G: 1e9 / 1024 ** 3,
  T: 1e12 / 1024 ** 3,
};

const BYTE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
};

/** Regular expression source for a duration string (used by the schema and JSON Schema). */
export const DURATION_PATTERN = String.raw`^\s*${NUMBER}\s*(?:us|ms|s|m|h|d)\s*$`;
/** Regular expression source for a memory string. */
export const MEMORY_PATTERN = String.raw`^\s*${NUMBER}\s*(?:Ki|Mi|Gi|Ti|k|M|G|T)B?\s*$`;
/** Regular expression source for a byte-size string. */
export const BYTES_PATTERN = String.raw`^\s*${NUMBER}\s*(?:B|KiB|MiB|GiB|kB|KB|MB|GB)\s*$`;

export const DURATION_ALLOWED =
  'a duration: seconds as a number >= 0, or a string with a unit us, ms, s, m, h or d (e.g. "100ms", "1.5s", "15m", "24h", "7d")';
export const MEMORY_ALLOWED =
  'a memory size: GiB as a number > 0, or a string with a unit Ki, Mi, Gi, Ti (binary) or k, M, G, T (decimal) (e.g. "512Mi", "4Gi", "1G")';
export const BYTES_ALLOWED =
  'a size in bytes: a number >= 0, or a string with a unit B, KiB, MiB, GiB, kB, MB or GB (e.g. 16384, "16KiB")';

function parseWithUnits(
  value: unknown,
  units: Readonly<Record<string, number>>,
  plainNumberFactor: number,
  stripSuffix?: RegExp,
): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? value * plainNumberFactor : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const match = new RegExp(String.raw`^\s*(${NUMBER})\s*([A-Za-z]+)\s*$`).exec(value);
  if (match === null) return undefined;
  let unit = match[2]!;
  if (stripSuffix !== undefined && !(unit in units)) unit = unit.replace(stripSuffix, '');
  const factor = units[unit];
  if (factor === undefined) return undefined;
  const result = Number(match[1]) * factor;
  return Number.isFinite(result) ? result : undefined;
}

/** Seconds from a number (seconds) or a string with a unit; undefined if unreadable or < 0. */
export function parseDuration(value: unknown): number | undefined {
  return parseWithUnits(value, DURATION_UNITS, 1);
}

/** GiB from a number (GiB) or a string with a unit; undefined if unreadable or < 0. */
export function parseMemory(value: unknown): number | undefined {
  // "512MiB" and "4GB" are read as "512Mi" and "4G".
  return parseWithUnits(value, MEMORY_UNITS_GIB, 1, /B$/);
}

/** Bytes from a number or a string with a unit; undefined if unreadable or < 0. */
export function parseBytes(value: unknown): number | undefined {
  return parseWithUnits(value, BYTE_UNITS, 1);
}

/** Seconds, or an InputError naming where, the path, the value and the accepted forms. */
export function parseDurationOrThrow(value: unknown, where: string, path: string): number {
  const seconds = parseDuration(value);
  if (seconds === undefined) throw inputError(where, path, value, DURATION_ALLOWED);
  return seconds;
}

/** GiB, or an InputError naming where, the path, the value and the accepted forms. */
export function parseMemoryOrThrow(value: unknown, where: string, path: string): number {
  const gib = parseMemory(value);
  if (gib === undefined) throw inputError(where, path, value, MEMORY_ALLOWED);
  return gib;
}

/** Bytes, or an InputError naming where, the path, the value and the accepted forms. */
export function parseBytesOrThrow(value: unknown, where: string, path: string): number {
  const bytes = parseBytes(value);
  if (bytes === undefined) throw inputError(where, path, value, BYTES_ALLOWED);
  return bytes;
}
