import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { SensitivityResult } from '../sensitivity/types.js';
import type { Verdict } from '../verdict/types.js';

/** The file a run directory's verdict is in (written by `sim run --out DIR`). */
export const VERDICT_FILE = 'verdict.json';
/** The file `sim sensitivity --out DIR` writes its result to. */
export const SENSITIVITY_FILE = 'sensitivity.json';

/**
 * A JSON file sim wrote, or null when it is absent (a run directory from before the verdict, or
 * one without a sensitivity analysis). The fields named in `required` are checked, so that a
 * wrong file gives one line naming it rather than a page that fails in the browser.
 */
async function readOptionalJson<T>(path: string, what: string, required: Record<string, 'string' | 'array' | 'object'>): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new InputError(`${path}: a directory: expected ${what}`);
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not JSON (${(error as Error).message}): expected ${what}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`${path}: not an object: expected ${what}`);
  for (const [field, kind] of Object.entries(required)) {
    const v = (value as Record<string, unknown>)[field];
    const ok = kind === 'array' ? Array.isArray(v) : kind === 'object' ? typeof v === 'object' && v !== null && !Array.isArray(v) : typeof v === kind;
    if (!ok) throw new InputError(`${path}: ${JSON.stringify(field)} is ${v === undefined ? 'missing' : `a ${Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v}`}: expected ${what}, whose "${field}" is a${kind === 'array' ? 'n' : ''} ${kind}`);
  }
  return value as T;
}

export function readVerdictJson(path: string): Promise<Verdict | null> {
  return readOptionalJson<Verdict>(path, 'the verdict as sim run --out DIR writes it', { headline: 'string', platforms: 'array', alternatives: 'array', lines: 'array' });
}

export function readSensitivityJson(path: string): Promise<SensitivityResult | null> {
  return readOptionalJson<SensitivityResult>(path, 'the result of sim sensitivity --out DIR', { scenario: 'string', baseline: 'object', rows: 'array', skipped: 'array', summary: 'string' });
}

/** A run directory's verdict.json and sensitivity.json, each null when absent. */
export async function readRunExtras(dir: string): Promise<{ verdict: Verdict | null; sensitivity: SensitivityResult | null }> {
  const [verdict, sensitivity] = await Promise.all([readVerdictJson(join(dir, VERDICT_FILE)), readSensitivityJson(join(dir, SENSITIVITY_FILE))]);
  return { verdict, sensitivity };
}
