import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { inputError } from '../errors.js';

/** Words for the errno codes a user can act on. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'a read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOENT':
      return 'no files can be created there';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return code ?? String(error);
  }
}

/**
 * Creates `dir` and its missing parents (`mkdir -p`), for `--out DIR`. An existing directory is
 * fine. A path that exists as a file, or below a file, is the user's to fix, so it is an
 * InputError (exit 2) that names `where` (the flag), as is a directory that cannot be created
 * (permissions, a read-only or virtual file system such as /proc). `shown` is the value the
 * message quotes (the file whose folder this is).
 *
 * The parents are created one at a time rather than with `mkdir({recursive: true})`: on a
 * virtual file system where mkdir fails with ENOENT under an existing parent (`/proc/x`),
 * Node 20's recursive mkdir retries forever.
 */
export async function ensureDir(dir: string, where = '--out', shown: string = dir): Promise<void> {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      if (error.code === 'ENOTDIR') return 'below-file' as const;
      throw inputError(where, '', shown, `a directory that can be created (${at}: ${reasonOf(error)})`);
    });
    if (info === 'below-file' || (info !== undefined && !info.isDirectory())) {
      throw inputError(where, '', shown, 'a directory (this path, or a parent of it, is a file)');
    }
    if (info !== undefined) break;
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const path of missing.reverse()) {
    try {
      await mkdir(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        const info = await stat(path).catch(() => undefined);
        if (info?.isDirectory() === true) continue; // created by someone else meanwhile
        throw inputError(where, '', shown, 'a directory (this path, or a parent of it, is a file)');
      }
      throw inputError(where, '', shown, `a directory that can be created (${path}: ${reasonOf(error)})`);
    }
  }
}
