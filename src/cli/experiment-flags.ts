import { availableParallelism } from 'node:os';
import { InputError } from '../errors.js';
import { parseGridFlag, type GridAxis } from '../experiment/grid.js';

/** An integer flag with a lower bound: `--replications 5`, `--workers 4`. */
export function parseInteger(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new InputError(`${flag}: ${JSON.stringify(value)} is not allowed: an integer >= ${min}`);
  }
  return n;
}

/** `--workers`: default every core this process may use. */
export function parseWorkers(value: string | undefined): number {
  return value === undefined ? availableParallelism() : parseInteger('--workers', value, 1);
}

/** The `--grid` flags, in the order given. */
export function parseGrids(values: readonly string[]): GridAxis[] {
  return values.map(parseGridFlag);
}
