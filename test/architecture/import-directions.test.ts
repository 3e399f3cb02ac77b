import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers point one way (issue 8 item 4). Every import and re-export of src/ is read from
 * the source (a small parser over `import ... from '...'` and `export ... from '...'`
 * statements, multi-line ones included) and resolved to a path under src/; `import type` and
 * imports whose every name is `type` are erased at compile time and count as type-only.
 */

const SRC = resolve(__dirname, '../../src');

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const STATEMENT = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*'([^']+)'/g;

export function importsOf(file: string, text: string): Edge[] {
  const edges: Edge[] = [];
  for (const m of text.matchAll(STATEMENT)) {
    const spec = m[4]!;
    if (!spec.startsWith('.')) continue;
    const clause = m[3]!;
    const names = /\{([^}]*)\}/.exec(clause);
    // `import { type A, type B } from` is type-only too; a default or namespace import is not.
    const allTypeNames = names !== null && clause.replace(names[0], '').trim().replace(/,$/, '') === '' && names[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '').every((s) => s.startsWith('type '));
    const to = relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
    edges.push({ from: relative(SRC, file), to, typeOnly: m[2] !== undefined || allTypeNames });
  }
  return edges;
}

const edges = walk(SRC).flatMap((f) => importsOf(f, readFileSync(f, 'utf8')));
const runtime = edges.filter((e) => !e.typeOnly);
const under = (path: string, dir: string): boolean => path.startsWith(dir + '/');
const show = (list: readonly Edge[]): string[] => list.map((e) => `${e.from} -> ${e.to}${e.typeOnly ? ' (type)' : ''}`);

/** Folders under src/platforms/ that are not a platform: what every platform shares. */
const SHARED_PLATFORM_FOLDERS = new Set(['shared', 'server']);
const platformFolder = (path: string): string | null => {
  const m = /^platforms\/([^/]+)\//.exec(path);
  return m === null || SHARED_PLATFORM_FOLDERS.has(m[1]!) ? null : m[1]!;
};

describe('import directions', () => {
  it('the parser sees multi-line, re-exported and type-only imports', () => {
    const file = join(SRC, 'billing/x.ts');
    const found = importsOf(file, "import {\n  A,\n  type B,\n} from '../metrics/a.js';\nimport type { C } from './c.js';\nimport { type D } from '../numeric/d.js';\nexport { E } from '../platforms/e.js';\nimport { z } from 'zod';\n");
    expect(found).toEqual([
      { from: 'billing/x.ts', to: 'metrics/a.ts', typeOnly: false },
      { from: 'billing/x.ts', to: 'billing/c.ts', typeOnly: true },
      { from: 'billing/x.ts', to: 'numeric/d.ts', typeOnly: true },
      { from: 'billing/x.ts', to: 'platforms/e.ts', typeOnly: false },
    ]);
    // The walk found the code base, not an empty folder.
    expect(edges.length).toBeGreaterThan(300);
  });

  it('numeric primitives (compensated sums, time-weighted means) import nothing above them', () => {
    expect(show(edges.filter((e) => under(e.from, 'numeric') && !under(e.to, 'numeric')))).toEqual([]);
  });

  it('billing does not import metrics, and metrics imports billing for types only', () => {
    expect(show(edges.filter((e) => under(e.from, 'billing') && under(e.to, 'metrics')))).toEqual([]);
    expect(show(runtime.filter((e) => under(e.from, 'metrics') && under(e.to, 'billing')))).toEqual([]);
  });

  it('billing and metrics do not load the scenario schema (zod) at run time', () => {
    const low = runtime.filter((e) => (under(e.from, 'billing') || under(e.from, 'metrics') || under(e.from, 'numeric')) && e.to === 'scenario/schema.ts');
    expect(show(low)).toEqual([]);
  });

  it('no platform folder imports another, and the shared platform folders import none', () => {
    const crossing = edges.filter((e) => {
      const to = platformFolder(e.to);
      if (to === null) return false;
      const from = platformFolder(e.from);
      const fromShared = /^platforms\/(shared|server)\//.test(e.from);
      return (from !== null && from !== to) || fromShared;
    });
    expect(show(crossing)).toEqual([]);
  });
});
