import { InputError } from '../errors.js';
import { parseDuration } from '../scenario/units.js';

/** Collects a repeatable option (`--set a=1 --set b=2`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--seed`: a non-negative integer. */
export function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw new InputError(`--seed: ${JSON.stringify(value)} is not allowed: a non-negative integer`);
  }
  return n;
}

/** A positive duration flag such as `--timeline-step 60s`, at least `min` (text `minText`) when given. */
export function parsePositiveDuration(flag: string, value: string, min?: { seconds: number; text: string }): number {
  const seconds = parseDuration(/^[\d.]+$/.test(value) ? Number(value) : value);
  if (seconds === undefined) {
    throw new InputError(`${flag}: ${JSON.stringify(value)} is not allowed: a duration such as 1s, 60s, 15m or 1h`);
  }
  if (!(seconds > 0)) throw new InputError(`${flag}: ${JSON.stringify(value)} is not allowed: a duration greater than 0`);
  if (min !== undefined && seconds < min.seconds) throw new InputError(`${flag}: ${JSON.stringify(value)} is not allowed: a duration of at least ${min.text}`);
  return seconds;
}

/** One of a fixed set of words. */
export function parseChoice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(`${flag}: ${JSON.stringify(value)} is not allowed: one of ${allowed.join(', ')}`);
  }
  return value as T;
}
