import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CompiledCli } from '../helpers/compiled-cli.js';
import { runProcess } from '../helpers/run-process.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

/**
 * `sim sensitivity` as a user runs it: the CLI compiled to JavaScript (transpiled into
 * test/artifacts/, as the sweep tests do) in a child process, so that --workers 2 runs real
 * worker threads. The assumptions are models/'s own. Bad input runs through `main` in this
 * process: it fails before any simulation.
 */

const cli = new CompiledCli('sensitivity-cli');
const work = cli.work;
let tiny = '';

beforeAll(() => {
  cli.create();
  tiny = cli.writeJson('tiny.json', TINY);
}, 60_000);

afterAll(() => cli.remove());

async function sim(args: readonly string[]): Promise<string> {
  const r = await runProcess(process.execPath, [cli.launcher, ...args], { cwd: work, timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`sim ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  expect(r.stderr).toBe(''); // no progress bar when stderr is not a terminal
  return r.stdout;
}

interface Result {
  rows: { parameter: string; kind: string; flips: boolean }[];
  kinds: { kind: string; total: number; holds: number }[];
  summary: string;
}

/** `main` in this process (one worker), its stdout. */
async function simHereJson(args: readonly string[]): Promise<string> {
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'sim', ...args, '--workers', '1']);
    if (code !== 0) throw new Error(`sim ${args.join(' ')} exited ${code}`);
    return stdout;
  } finally {
    write.mockRestore();
  }
}

/** `main` in this process, stderr captured. */
async function simHere(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(['node', 'sim', ...args]), stderr };
  } finally {
    write.mockRestore();
  }
}

describe('sim sensitivity', () => {
  const common = ['--set', 'duration=5m', '--seed', '4'];

  it('gives byte-identical output with 1 and 2 workers; --out writes the same JSON and CSV', async () => {
    const one = await sim(['sensitivity', tiny, ...common, '--workers', '1', '--format', 'json', '--out', 'w1']);
    const two = await sim(['sensitivity', tiny, ...common, '--workers', '2', '--format', 'json', '--out', 'w2']);
    expect(two).toBe(one);
    const result = JSON.parse(one) as { rows: { parameter: string }[]; total: number; holds: number; summary: string; seed: number };
    expect(result.seed).toBe(4);
    expect(result.total).toBe(result.rows.length);
    expect(result.summary).toMatch(/^holds under /);
    for (const dir of ['w1', 'w2']) {
      expect(readFileSync(join(work, dir, 'sensitivity.json'), 'utf8')).toBe(one);
      expect(readdirSync(join(work, dir)).sort()).toEqual(['sensitivity.csv', 'sensitivity.json']); // no temporary file left
    }
    const csv = await sim(['sensitivity', tiny, ...common, '--workers', '2', '--format', 'csv']);
    expect(readFileSync(join(work, 'w1', 'sensitivity.csv'), 'utf8')).toBe(csv);
    expect(csv.split('\n')[0]).toBe('parameter,model,end,value,platform,cost_per_month_usd,latency_p99_s,status,recommended,cost_difference_usd,swing_usd,flips,kind');
    // Two baseline lines, then two platforms at two ends per row, and the final newline.
    expect(csv.split('\n')).toHaveLength(1 + 2 + 4 * result.rows.length + 1);
    const table = await sim(['sensitivity', tiny, ...common, '--workers', '2']);
    expect(table).toContain(`verdict ${result.summary}`);
  });

  it('--kind varies only the kinds named, with the same figures as the whole check for those rows', async () => {
    const all = JSON.parse(await simHereJson(['sensitivity', tiny, ...common, '--format', 'json'])) as Result;
    const only = JSON.parse(await simHereJson(['sensitivity', tiny, ...common, '--format', 'json', '--kind', 'unpublished'])) as Result;
    const unpublished = all.rows.filter((r) => r.kind === 'unpublished');
    expect(unpublished.length).toBeGreaterThan(0);
    expect(only.rows.map((r) => r.kind)).toEqual(unpublished.map(() => 'unpublished'));
    // Common random numbers: each row is the very run of the whole check, in the same order.
    expect(only.rows).toEqual(unpublished);
    expect(only.kinds).toEqual(all.kinds.filter((k) => k.kind === 'unpublished'));
    expect(only.summary).toMatch(/rules? Google does not publish/);
    expect(only.summary).not.toMatch(/your service|your settings|your one setting/);
    // Two kinds, in any order of the flag.
    const two = JSON.parse(await simHereJson(['sensitivity', tiny, ...common, '--format', 'json', '--kind', 'setting, service'])) as Result;
    expect(new Set(two.rows.map((r) => r.kind))).toEqual(new Set(['service', 'setting']));
    expect(two.rows).toEqual(all.rows.filter((r) => r.kind !== 'unpublished'));
  });

  it.each([
    [['--format', 'xml'], /argument 'xml' is invalid/],
    [['--kind', 'unpublished,google'], /^sim: --kind: "google" is not allowed: one of unpublished, service, setting$/],
    [['--out', '<tiny>/out'], /--out: ".*tiny\.json\/out" is not allowed: a directory/],
    [['--seed', '-1'], /^sim: --seed: "-1" is not allowed: a non-negative integer$/],
    [['--workers', '0'], /^sim: --workers: "0" is not allowed: an integer >= 1$/],
    [['--max-time', 'soon'], /^sim: --max-time: "soon" is not allowed: a duration/],
    [['--set', 'cloud-run.concurrency=0'], /^sim: .*tiny\.json: platforms\[0\]\.concurrency: 0 is not allowed/],
    [['--set', 'duration=30d', '--max-time', '1m'], /^sim: .*tiny\.json: \d+ simulations .* an estimated .*: refused; shorten duration, or pass --max-time/],
  ])('bad input %j exits 2 with one line, before any work', async (flags, message) => {
    const r = await simHere(['sensitivity', tiny, ...flags.map((f) => f.replace('<tiny>', tiny))]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/^\s+at |Error:|node:internal/m);
    // One line of message; commander adds its usage hint on a second line.
    const lines = r.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('(run sim --help'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('a missing scenario file exits 2 naming it', async () => {
    const r = await simHere(['sensitivity', join(work, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.json: cannot read the scenario: no such file\n$/);
  });
});
