import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? files(path) : [path];
  });
}

/**
 * Every repository document that src/, models/ and the README cite exists (issue 8, item 5): a
 * citation of a file outside the repository (the old `reference/...`) would print a path that a
 * user cannot open in `sim models` and `sim reference`.
 */
describe('cited documents', () => {
  const sources = [...files('src'), ...files('models'), 'README.md'];

  it('cite docs/*.md files that exist, and nothing under reference/', () => {
    const cited = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text, file).not.toMatch(/(^|[\s(`"])reference\/[\w-]+\.md/m);
      for (const m of text.matchAll(/docs\/[\w-]+\.md/g)) cited.add(m[0]);
    }
    expect([...cited].sort()).toEqual(['docs/aws-facts.md', 'docs/gcp-facts.md', 'docs/validation.md']);
    for (const path of cited) expect(existsSync(join(root, path)), path).toBe(true);
  });
});
