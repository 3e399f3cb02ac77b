import { mkdir, stat } from 'node:fs/promises';
import { inputError } from '../errors.js';

/**
 * Creates `dir` and its missing parents (`mkdir -p`), for `--out DIR`. An existing directory is
 * fine. A path that exists as a file is the user's to fix, so it is an InputError (exit 2) that
 * names `where` (the flag); other failures (permissions, a full disk) propagate as they are.
 */
export async function ensureDir(dir: string, where = '--out'): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      const info = await stat(dir).catch(() => undefined);
      if (info?.isDirectory() === true) return; // created by someone else meanwhile
      throw inputError(where, '', dir, 'a directory (this path, or a parent of it, is a file)');
    }
    throw error;
  }
}
