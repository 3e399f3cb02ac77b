import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A browser script inlined into a report: its package and version (for the page's notes) and its code. */
export interface InlineScript {
  readonly name: string;
  readonly version: string;
  readonly code: string;
}

/**
 * The UMD builds a report inlines, in load order: d3 (sets the global `d3`) and Observable Plot
 * (reads `d3`, sets `Plot`). About 490 KB together, read from node_modules when a report is
 * written, so the page needs no network and shows what the installed versions draw.
 */
const LIBRARIES = [
  ['d3', 'dist/d3.min.js'],
  ['@observablehq/plot', 'dist/plot.umd.min.js'],
] as const;

const require = createRequire(import.meta.url);

export async function chartLibraries(): Promise<InlineScript[]> {
  return Promise.all(
    LIBRARIES.map(async ([name, file]) => {
      const { dir, version } = packageRoot(name);
      return { name, version, code: await readFile(join(dir, file), 'utf8') };
    }),
  );
}

/**
 * The folder a package is installed in. Both packages' `exports` hide their UMD file and their
 * package.json from `require.resolve`, so this resolves the main entry and walks up to the
 * package.json that names the package.
 */
function packageRoot(name: string): { dir: string; version: string } {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (json.name === name) return { dir, version: json.version ?? '' };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the installed package ${name} (npm ci installs it)`);
    dir = parent;
  }
}
