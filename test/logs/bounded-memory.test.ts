import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transpileTree } from '../experiment/transpile-tree.js';
import { runProcess } from '../helpers/run-process.js';

/**
 * Logs stream: reading 400,000 lines (42 MB) fits in a 24 MB JavaScript heap, where the sample
 * costs 26 bytes a request (10 MB) and nothing of the text is kept. The reader once raced every
 * line against an error promise, which kept one reaction per line (about 50 bytes) and ran out
 * of this heap on these 400,000 lines (checked before the fix); after it, 1,008,415 nginx lines
 * (107 MB) read in a 64 MB heap.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const build = join(root, 'test', 'artifacts', `logs-memory-${process.pid}`);

beforeAll(() => {
  transpileTree(root, build);
  mkdirSync(build, { recursive: true });
  const lines = readFileSync(join(root, 'workloads', 'logs', 'apache-access.log'), 'utf8');
  writeFileSync(join(build, 'big.log'), lines.repeat(400));
  writeFileSync(
    join(build, 'read.mjs'),
    "import { readLogs } from './src/logs/read-logs.js';\nconst { sample } = await readLogs([process.argv[2]]);\nconsole.log(sample.length);\n",
  );
}, 120_000);

afterAll(() => {
  rmSync(build, { recursive: true, force: true });
});

describe('log reading in bounded memory', () => {
  it('400,000 lines in a 24 MB heap', async () => {
    const r = await runProcess(process.execPath, ['--max-old-space-size=24', join(build, 'read.mjs'), join(build, 'big.log')], { cwd: build, timeoutMs: 300_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('400000');
  }, 300_000);
});
