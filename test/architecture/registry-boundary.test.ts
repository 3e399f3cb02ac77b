import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The registry is the one place that knows the platforms (issue 8 items 1 and 4): code outside
 * a platform folder asks `PLATFORMS.of(spec)` instead of comparing `spec.model` with a name, so
 * a new platform cannot be skipped silently; the spec types sit at the bottom.
 */

const SRC = resolve(__dirname, '../../src');
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const files = walk(SRC).map((f) => ({ path: relative(SRC, f), text: readFileSync(f, 'utf8') }));

/** A platform folder: src/platforms/<name>/ other than the shared ones. */
const inPlatformFolder = (path: string): boolean => /^platforms\/(?!shared\/|server\/)[^/]+\//.test(path);

/**
 * Where a model name is compared and why that is words, not behaviour: the HTML report's
 * browser script labels VM starts "booting" and says VMs have no cold starts.
 */
const WORDING = new Set(['report/client-script.ts']);

describe('the registry boundary', () => {
  it('no code outside a platform folder switches on a model name', () => {
    const switching = /\.model\s*[!=]==?\s*['"]|case\s+['"](cloud-run|compute-engine|lambda)['"]/;
    const found = files.filter((f) => !inPlatformFolder(f.path) && !WORDING.has(f.path) && switching.test(f.text)).map((f) => f.path);
    expect(found).toEqual([]);
    // The check sees a switch where there is one.
    expect(switching.test("if (spec.model === 'cloud-run') {")).toBe(true);
  });

  it('the spec types are the bottom: src/scenario/types.ts imports types only, from modules that import no more of src/ than a type of the engine', () => {
    const imports = (path: string): string[] => [...files.find((f) => f.path === path)!.text.matchAll(/^import[^;]*?from\s*'([^']+)'/gm)].map((m) => m[0]);
    const own = imports('scenario/types.ts');
    expect(own.length).toBeGreaterThan(0);
    expect(own.filter((line) => !line.startsWith('import type '))).toEqual([]);
    expect(own.map((line) => /'([^']+)'/.exec(line)![1])).toEqual(['../random/distribution.js', './trace-data.js']);
    expect(imports('random/distribution.ts')).toEqual(["import type { Rng } from '../engine/streams.js'"]);
    expect(imports('scenario/trace-data.ts')).toEqual([]);
  });

  it('the scenario pieces platform folders build on import no platform folder or registry', () => {
    for (const path of ['scenario/schema.ts', 'scenario/catalog-file.ts', 'scenario/catalog-docs.ts', 'scenario/units.ts', 'scenario/dist.ts']) {
      const text = files.find((x) => x.path === path)!.text;
      expect([...text.matchAll(/from\s*'([^']+)'/g)].map((m) => m[1]!).filter((to) => to.includes('platforms/'))).toEqual([]);
    }
  });
});
