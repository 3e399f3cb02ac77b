import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runProcess } from '../helpers/run-process.js';
import { main } from '../../src/cli/main.js';
import { CompiledCli } from '../helpers/compiled-cli.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

/**
 * `sim sweep` and `sim merge` as a user runs them: the CLI compiled to JavaScript in a child
 * process, so that worker threads load the compiled `sweep-worker.js`. The tree is compiled
 * here into test/artifacts/ (transpile only, about a second), not into dist/, which
 * test/cli/cli.test.ts builds at the same time. The scenario: 20 minutes at 5 requests a
 * second on two platforms, a few tens of ms a run. Bad input is checked in this process
 * through `main` (it fails before any simulation, so no worker is needed).
 */

const cli = new CompiledCli('sweep-cli');
const { work, launcher } = cli;
let tiny = '';

const GRID = ['--grid', 'cloud-run.concurrency=5,20,80', '--grid', 'traffic.rps=2,5'];

beforeAll(() => {
  cli.create();
  tiny = cli.writeJson('tiny.json', TINY);
}, 60_000);

afterAll(() => cli.remove());

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the launcher without blocking the worker (vitest's RPC times out after 60 s blocked). */
function sim(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  return runProcess(process.execPath, [launcher, ...args], { cwd: work, timeoutMs: 120_000, env: { ...process.env, ...env } });
}

async function ok(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const r = await sim(args, env);
  if (r.code !== 0) throw new Error(`sim ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  expect(r.stderr).toBe(''); // no progress bar when stderr is not a terminal
  return r.stdout;
}

/** `main` in this process, with stderr captured and the environment patched for the call. */
async function simHere(args: readonly string[], env: Record<string, string> = {}): Promise<Result> {
  let stderr = '';
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const saved = Object.keys(env).map((key) => [key, process.env[key]] as const);
  Object.assign(process.env, env);
  try {
    const code = await main(['node', 'sim', ...args]);
    return { code, stdout: '', stderr };
  } finally {
    write.mockRestore();
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

const read = (name: string): Buffer => readFileSync(join(work, name));

describe('sim sweep (compiled, child process)', () => {
  it('gives the same bytes with 1, 2 and 4 workers', async () => {
    for (const workers of ['1', '2', '4']) {
      const out = await ok(['sweep', tiny, ...GRID, '--replications', '2', '--seed', '3', '--workers', workers, '--aggregate', '--out', `w${workers}/results.csv`]);
      expect(out).toBe(`sweep: 12 runs; wrote w${workers}/results.csv and w${workers}/results.agg.csv\n`);
    }
    expect(read('w1/results.csv').toString('utf8').split('\n')).toHaveLength(1 + 12 * 2 + 1);
    expect(read('w2/results.csv')).toEqual(read('w1/results.csv'));
    expect(read('w4/results.csv')).toEqual(read('w1/results.csv'));
    expect(read('w4/results.agg.csv')).toEqual(read('w1/results.agg.csv'));
    expect(readdirSync(join(work, 'w4')).sort()).toEqual(['results.agg.csv', 'results.csv']);
  });

  it('shards (by flag and from the environment) then merge equal the unsharded sweep', async () => {
    const args = ['sweep', tiny, ...GRID, '--replications', '2', '--seed', '3', '--workers', '1'];
    await ok([...args, '--aggregate', '--out', 'whole/results.csv']);
    await ok([...args, '--shard', '0/3', '--out', 'shards/a.csv']);
    await ok([...args, '--out', 'shards/cr-{index}.csv'], { CLOUD_RUN_TASK_INDEX: '1', CLOUD_RUN_TASK_COUNT: '3' });
    await ok([...args, '--shard-count', '3', '--out', 'shards/k8s-{index}-of-{count}.csv'], { JOB_COMPLETION_INDEX: '2' });
    expect(read('shards/a.csv').toString('utf8')).toMatch(/^task,cloud-run\.concurrency,traffic\.rps,scenario,/);
    const merged = await ok(['merge', 'shards/k8s-2-of-3.csv', 'shards/a.csv', 'shards/cr-1.csv', '--aggregate', '--out', 'merged/results.csv']);
    expect(merged).toBe('merge: 3 shard files, 24 rows; wrote merged/results.csv and merged/results.agg.csv\n');
    expect(read('merged/results.csv')).toEqual(read('whole/results.csv'));
    expect(read('merged/results.agg.csv')).toEqual(read('whole/results.agg.csv'));

    const missing = await sim(['merge', 'shards/a.csv', 'shards/cr-1.csv', '--out', 'merged/x.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('sim: shard 2/3 is missing (no file with its tasks)\n');
  });

  it('a killed sweep, rerun, finishes with the bytes of an uninterrupted run', async () => {
    // An hour a run (about 0.1 s), so that the run is still going when it is killed.
    const args = ['sweep', tiny, '--set', 'duration=1h', '--grid', 'cloud-run.concurrency=5,10,20,40,80,160', '--grid', 'traffic.rps=3,6', '--replications', '2', '--seed', '9'];
    await ok([...args, '--workers', '1', '--out', 'ref/results.csv']);

    const partial = join(work, 'killed', 'results.csv.partial');
    const child = spawn(process.execPath, [launcher, ...args, '--workers', '1', '--out', 'killed/results.csv'], { cwd: work, stdio: 'ignore' });
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    // Kill once at least three tasks (6 rows after the header) are in the partial file.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const lines = existsSync(partial) ? readFileSync(partial, 'utf8').split('\n').length : 0;
      if (lines >= 1 + 6 + 1) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(partial)).toBe(true); // killed before it finished, so there is something to resume
    expect(existsSync(join(work, 'killed', 'results.csv'))).toBe(false);

    const out = await ok([...args, '--workers', '2', '--out', 'killed/results.csv']);
    expect(out).toMatch(/^sweep: 24 runs \([1-9]\d* resumed from the partial file\); wrote killed\/results\.csv\n$/);
    expect(read('killed/results.csv')).toEqual(read('ref/results.csv'));
    expect(existsSync(partial)).toBe(false);
  });

  it.each([
    [['--grid', 'cloud-run.concurrenc=1,2'], /^sim: --grid cloud-run\.concurrenc=1: .*"concurrenc" is not allowed: a key known there: /],
    [['--grid', 'cloud-run.concurrency='], /^sim: --grid cloud-run\.concurrency: no values/],
    [['--grid', 'cloud-run.concurrency=8,abc'], /^sim: --grid cloud-run\.concurrency=abc: .*"abc" is not allowed/],
    [['--shard', '3/3'], /^sim: --shard: "3\/3" is not allowed: a shard index from 0 to 2$/],
    [['--shard', '1/0'], /^sim: --shard: "1\/0" is not allowed/],
    [['--replications', '0'], /^sim: --replications: "0" is not allowed: an integer >= 1$/],
    [['--workers', 'x'], /^sim: --workers: "x" is not allowed/],
  ])('bad input %j exits 2 with one line, before any work', async (flags, message) => {
    const r = await simHere(['sweep', tiny, ...flags, '--out', join(work, 'bad/results.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(join(work, 'bad'))).toBe(false);
  });

  it('a shard index from the environment out of range exits 2; so does a shared --out', async () => {
    const range = await simHere(['sweep', tiny, '--out', join(work, 'bad/s-{index}.csv')], { CLOUD_RUN_TASK_INDEX: '4', CLOUD_RUN_TASK_COUNT: '4' });
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/CLOUD_RUN_TASK_INDEX\/CLOUD_RUN_TASK_COUNT: "4\/4" is not allowed: a shard index from 0 to 3/);
    const shared = await simHere(['sweep', tiny, '--out', join(work, 'bad/results.csv')], { JOB_COMPLETION_INDEX: '0', SHARD_COUNT: '2' });
    expect(shared.code).toBe(2);
    expect(shared.stderr).toMatch(/put \{index\} in the path/);
    expect(existsSync(join(work, 'bad'))).toBe(false);
  });
});
