import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createAtomicWriteStream, ensureDir, writeFileAtomic } from '../../src/output/atomic-write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scalesim-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes the file and leaves no temp file', async () => {
    const target = join(dir, 'summary.csv');
    await writeFileAtomic(target, 'a,b\n1,2\n');
    expect(readFileSync(target, 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(dir)).toEqual(['summary.csv']);
  });

  it('replaces an existing file whole', async () => {
    const target = join(dir, 'summary.json');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, new TextEncoder().encode('new'));
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['summary.json']);
  });

  it('fails without leaving a temp file when the directory is missing', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x.csv'), 'x')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('createAtomicWriteStream', () => {
  it('shows nothing at the target until commit, and no temp file after it', async () => {
    const target = join(dir, 'timeline.csv');
    const stream = createAtomicWriteStream(target);
    // <path>.h<host>p<pid>.<random>.tmp: whose it is, so stale-temps.ts can tell a dead writer's leftovers.
    expect(stream.tempPath).toMatch(new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.h[0-9a-f]{8}p${process.pid}\\.[0-9a-f]{12}\\.tmp$`));
    expect(stream.tempPath.endsWith('.tmp')).toBe(true);
    stream.write('header\n');
    stream.write(new TextEncoder().encode('row 1\n'));
    expect(existsSync(target)).toBe(false);
    await stream.commit();
    expect(readFileSync(target, 'utf8')).toBe('header\nrow 1\n');
    expect(readdirSync(dir)).toEqual(['timeline.csv']);
  });

  it('leaves neither target nor temp file when aborted', () => {
    const target = join(dir, 'timeline.csv');
    const stream = createAtomicWriteStream(target);
    stream.write('x'.repeat(200_000)); // more than one flush: data reached the temp file
    expect(existsSync(stream.tempPath)).toBe(true);
    stream.abort();
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the old target when a rewrite is aborted', () => {
    const target = join(dir, 'timeline.csv');
    writeFileSync(target, 'previous run');
    const stream = createAtomicWriteStream(target);
    stream.write('half of a new file');
    stream.abort();
    expect(readFileSync(target, 'utf8')).toBe('previous run');
    expect(readdirSync(dir)).toEqual(['timeline.csv']);
  });

  it('writes large data intact across flushes', async () => {
    const target = join(dir, 'big.csv');
    const stream = createAtomicWriteStream(target);
    const lines: string[] = [];
    for (let i = 0; i < 50_000; i += 1) lines.push(`${i},é\n`);
    for (const line of lines) stream.write(line);
    await stream.commit();
    expect(readFileSync(target, 'utf8')).toBe(lines.join(''));
  });

  it('refuses writes after commit or abort; abort after commit is a no-op', async () => {
    const target = join(dir, 'x.csv');
    const stream = createAtomicWriteStream(target);
    stream.write('x');
    await stream.commit();
    expect(() => stream.write('y')).toThrow(/committed/);
    await expect(stream.commit()).rejects.toThrow(/committed/);
    stream.abort();
    expect(readFileSync(target, 'utf8')).toBe('x');

    const other = createAtomicWriteStream(join(dir, 'y.csv'));
    other.abort();
    other.abort();
    expect(() => other.write('y')).toThrow(/aborted/);
  });
});

describe('ensureDir', () => {
  it('creates missing parents and accepts an existing directory', async () => {
    const out = join(dir, 'a', 'b', 'c');
    await ensureDir(out);
    await ensureDir(out);
    expect(existsSync(out)).toBe(true);
  });

  it('reports a file in the way as bad input naming the flag', async () => {
    const file = join(dir, 'file');
    writeFileSync(file, '');
    await expect(ensureDir(file)).rejects.toThrow(InputError);
    await expect(ensureDir(join(file, 'sub'), '--out')).rejects.toThrow(/^--out: ".*file\/sub" is not allowed: a directory/);
  });
});
