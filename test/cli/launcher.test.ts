import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * bin/sim.js chooses between the bundle (dist/cli/main.js) and tsc's output (dist/src/cli/main.js):
 * the bundle only when it is at least as new, so a bare `tsc` after a build never leaves a stale
 * bundle running. A package tree of two stand-in CLIs that say which one ran.
 */
function tree(files: { bundle?: number; compiled?: number }): string {
  const root = mkdtempSync(join(tmpdir(), 'launcher-'));
  mkdirSync(join(root, 'bin'));
  copyFileSync(join(import.meta.dirname, '..', '..', 'bin', 'sim.js'), join(root, 'bin', 'sim.js'));
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  const cli = (dir: string, name: string, mtime: number): void => {
    mkdirSync(join(root, dir), { recursive: true });
    const file = join(root, dir, 'main.js');
    writeFileSync(file, `export async function main() { process.stdout.write('${name}'); return 0; }\n`);
    utimesSync(file, mtime, mtime);
  };
  if (files.bundle !== undefined) cli('dist/cli', 'bundle', files.bundle);
  if (files.compiled !== undefined) cli('dist/src/cli', 'compiled', files.compiled);
  return root;
}

const ran = (root: string): string => spawnSync(process.execPath, [join(root, 'bin', 'sim.js')], { encoding: 'utf8' }).stdout;

describe('bin/sim.js', () => {
  it('runs the bundle when it is as new as the compiled CLI or newer', () => {
    expect(ran(tree({ bundle: 2000, compiled: 1000 }))).toBe('bundle');
    expect(ran(tree({ bundle: 1000, compiled: 1000 }))).toBe('bundle');
  });

  it('runs the compiled CLI when the bundle is older (tsc ran since) or missing', () => {
    expect(ran(tree({ bundle: 1000, compiled: 2000 }))).toBe('compiled');
    expect(ran(tree({ compiled: 1000 }))).toBe('compiled');
  });
});
