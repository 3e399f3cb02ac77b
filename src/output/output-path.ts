import { randomBytes } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { inputError } from '../errors.js';
import { ensureDir, reasonOf } from './ensure-dir.js';
import { removeStaleTemps } from './stale-temps.js';

/**
 * Output paths are checked before any simulation, so that a typo costs nothing: the path is
 * not empty, a file output is not a directory (and a directory output not a file), missing
 * parents are created, a file can be created there (a probe file is written and removed), and
 * temporary files that dead processes of this host left there are removed. Every refusal is
 * an InputError (exit 2) naming the flag and the path.
 */
export async function prepareOutputFile(path: string, flag: string): Promise<void> {
  if (path.trim() === '') throw inputError(flag, '', path, 'a file path');
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory() === true) throw inputError(flag, '', path, 'a file path, and this is a directory');
  if (basename(path) === '.' || basename(path) === '..' || path.endsWith('/')) throw inputError(flag, '', path, 'a file path, not a directory');
  const dir = dirname(path);
  await ensureDir(dir, flag, path);
  await probe(dir, path, flag);
}

/** The same for a directory output (`sim run --out DIR`). */
export async function prepareOutputDir(dir: string, flag: string): Promise<void> {
  if (dir.trim() === '') throw inputError(flag, '', dir, 'a directory path');
  await ensureDir(dir, flag);
  await probe(dir, dir, flag);
}

/** Refuses an output that would overwrite one of the command's inputs. */
export function refuseOverwritingInput(out: string, inputs: readonly string[], flag: string): void {
  const target = resolve(out);
  const hit = inputs.find((input) => resolve(input) === target);
  if (hit !== undefined) throw inputError(flag, '', out, `a path other than the input ${hit} (it would be overwritten)`);
}

async function probe(dir: string, shown: string, flag: string): Promise<void> {
  const probePath = join(dir, `.sim-probe.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    const handle = await open(probePath, 'wx');
    await handle.close();
  } catch (error) {
    throw inputError(flag, '', shown, `a place where files can be written (${resolve(dir)}: ${reasonOf(error)})`);
  }
  await rm(probePath, { force: true });
  await removeStaleTemps(dir);
}
