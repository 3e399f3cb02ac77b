import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the first folder above this file holding package.json. Works both from
 * dist/bench/ (npm run bench) and from bench/ (a TypeScript runner).
 */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: no package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}
