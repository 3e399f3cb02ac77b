import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseCsvTable } from '../../src/experiment/csv-table.js';
import { parseGridFlag } from '../../src/experiment/grid.js';
import { mergeShardsCsv, type ShardFile } from '../../src/experiment/merge.js';
import { runScenario } from '../../src/experiment/run.js';
import { runSweep, type SweepOptions } from '../../src/experiment/sweep.js';
import { summaryToCsv } from '../../src/output/summary-csv.js';
import { loadScenario } from '../../src/scenario/load.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

/**
 * Sweeps in this process (one worker: no thread, no compiled worker script needed). The
 * multi-worker, kill-and-resume and command-line cases run the compiled CLI in
 * test/cli/sweep.test.ts. Scenario: 10 minutes at 2 to 5 requests a second, a few ms a run.
 */

let dir = '';
let tiny = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scalesim-sweep-'));
  tiny = join(dir, 'tiny.json');
  writeFileSync(tiny, JSON.stringify(TINY));
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

const GRID = ['cloud-run.concurrency=10,80', 'traffic.rps=2,5'];

function options(out: string, over: Partial<SweepOptions> = {}, grid = GRID, replications = 2): SweepOptions {
  return { spec: { file: tiny, sets: [], axes: grid.map(parseGridFlag), replications, seed: 7 }, out: join(dir, out), workers: 1, ...over };
}

describe('runSweep', () => {
  it('writes one row per (point, platform, replication), equal to single runScenario calls', async () => {
    const outcome = await runSweep(options('rows/results.csv'));
    expect(outcome).toMatchObject({ tasks: 8, resumed: 0 });
    const text = readFileSync(outcome.out, 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe(`cloud-run.concurrency,traffic.rps,${summaryToCsv([]).trimEnd()}`);
    expect(lines).toHaveLength(1 + 4 * 2 * 2 + 1); // header, rows, the final ''

    // Task order: points in grid order (last axis fastest), then replications.
    const expected: string[] = [];
    for (const concurrency of ['10', '80']) {
      for (const rps of ['2', '5']) {
        const scenario = loadScenario(tiny, [`cloud-run.concurrency=${concurrency}`, `traffic.rps=${rps}`]);
        for (const replication of [0, 1]) {
          const records = runScenario(scenario, { seed: 7, replication });
          const values = records.map(() => ({ 'cloud-run.concurrency': concurrency, 'traffic.rps': rps }));
          expected.push(...summaryToCsv(records, { columns: ['cloud-run.concurrency', 'traffic.rps'], values }).split('\n').slice(1, -1));
        }
      }
    }
    expect(lines.slice(1, -1)).toEqual(expected);
    // No partial or meta file is left behind.
    expect(readdirSync(join(dir, 'rows')).sort()).toEqual(['results.csv']);
  });

  it('replication i of every point sees the same requests (common random numbers)', async () => {
    const outcome = await runSweep(options('crn/results.csv', {}, ['cloud-run.concurrency=10,40,80']));
    const table = parseCsvTable(readFileSync(outcome.out, 'utf8'), outcome.out);
    const arrived = table.columns.indexOf('requests_arrived');
    const replication = table.columns.indexOf('replication');
    const byReplication = new Map<string, Set<string>>();
    for (const row of table.rows) {
      const set = byReplication.get(row[replication]!) ?? new Set();
      set.add(row[arrived]!);
      byReplication.set(row[replication]!, set);
    }
    expect([...byReplication.values()].map((s) => s.size)).toEqual([1, 1]);
    expect(new Set([...byReplication.values()].map((s) => [...s][0])).size).toBe(2);
  });

  it.each([
    ['an unknown path', ['cloud-run.concurrenc=10,20'], /--grid cloud-run\.concurrenc=10: .*"concurrenc" is not allowed/],
    ['an empty list', ['cloud-run.concurrency='], /--grid cloud-run\.concurrency: no values/],
    ['a value of the wrong type', ['cloud-run.concurrency=10,abc'], /--grid cloud-run\.concurrency=abc: .*platforms\[0\]\.concurrency: "abc" is not allowed/],
    ['an out-of-range value at the last point', ['traffic.rps=1,2', 'cloud-run.concurrency=10,2000'], /--grid cloud-run\.concurrency=2000/],
  ])('rejects %s before any work, writing nothing', async (_name, grid, message) => {
    const out = `bad-${_name.replace(/\W+/g, '-')}/results.csv`;
    let error: unknown;
    try {
      await runSweep(options(out, {}, grid)); // options() parses the flags
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
    expect(existsSync(join(dir, out.split('/')[0]!))).toBe(false);
  });

  it('resumes a partial file cut anywhere, giving the bytes of an uninterrupted run', async () => {
    const whole = readFileSync((await runSweep(options('resume-ref/results.csv'))).out);
    // A real partial file (a run stopped after its third task: header and 6 rows, each with its
    // checksum), cut by hand in the middle of the 6th row, as a kill -9 mid-write leaves it.
    const out = join(dir, 'resume/results.csv');
    await expect(
      runSweep(
        options('resume/results.csv', {
          onProgress: (done) => {
            if (done === 3) throw new Error('stop here');
          },
        }),
      ),
    ).rejects.toThrow('stop here');
    expect(existsSync(`${out}.partial.meta.json`)).toBe(true);
    expect(existsSync(`${out}.partial.lock`)).toBe(false); // released when the run stopped
    const partialBytes = readFileSync(`${out}.partial`);
    const lines = partialBytes.toString('utf8').split('\n');
    expect(lines.length).toBe(8); // header, 6 rows, '' after the last newline
    const cut = lines.slice(0, 6).join('\n').length + 1 + 17;
    writeFileSync(`${out}.partial`, partialBytes.subarray(0, cut));
    const outcome = await runSweep(options('resume/results.csv'));
    expect(outcome.resumed).toBe(2); // rows 1-4 are tasks 0 and 1; task 2 is torn
    expect(readFileSync(out)).toEqual(whole);
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(existsSync(`${out}.partial.meta.json`)).toBe(false);
  });

  it('refuses to resume a partial file of another command (exit 2), and keeps it', async () => {
    const stop = {
      onProgress: (done: number) => {
        if (done === 1) throw new Error('stop here');
      },
    };
    await expect(runSweep(options('other/results.csv', stop))).rejects.toThrow('stop here');
    const partial = join(dir, 'other/results.csv.partial');
    const before = readFileSync(partial);
    await expect(runSweep(options('other/results.csv', {}, GRID, 3))).rejects.toThrow(/different command \(replications differs\)/);
    await expect(runSweep(options('other/results.csv', {}, ['cloud-run.concurrency=10,40', 'traffic.rps=2,5']))).rejects.toThrow(InputError);
    expect(readFileSync(partial)).toEqual(before);
    // A partial file whose rows are not this sweep's is refused too.
    truncateSync(partial, 0);
    writeFileSync(partial, 'a,b\n1,2\n');
    await expect(runSweep(options('other/results.csv'))).rejects.toThrow(/header is not this sweep's/);
  });

  it('shards then merge give the bytes of the unsharded sweep', async () => {
    const whole = readFileSync((await runSweep(options('shards/all.csv', {}, GRID, 3))).out, 'utf8');
    const files: ShardFile[] = [];
    for (let index = 0; index < 5; index++) {
      const outcome = await runSweep(options('shards/shard-{index}-of-{count}.csv', { shard: { index, count: 5 } }, GRID, 3));
      expect(outcome.out).toBe(join(dir, `shards/shard-${index}-of-5.csv`));
      expect(outcome.tasks).toBe([3, 3, 2, 2, 2][index]);
      files.push({ path: outcome.out, text: readFileSync(outcome.out, 'utf8'), meta: JSON.parse(readFileSync(`${outcome.out}.meta.json`, 'utf8')) as unknown });
    }
    expect(files[0]!.text.startsWith('task,cloud-run.concurrency,')).toBe(true);
    expect(mergeShardsCsv([...files].reverse())).toBe(whole);
    expect(() => mergeShardsCsv(files.slice(0, 4))).toThrow(/shard 4\/5 is missing/);
    expect(() => mergeShardsCsv([...files, files[1]!])).toThrow(/task 1 is also in/);
    // Without the meta files a gap is still found.
    expect(() => mergeShardsCsv([files[0]!, files[2]!].map(({ path, text }) => ({ path, text })))).toThrow(/task 1 is in none/);
  });

  it('--aggregate with a shard is bad input', async () => {
    await expect(runSweep(options('agg-shard/r.csv', { shard: { index: 0, count: 2 }, aggregate: true }))).rejects.toThrow(InputError);
  });
});
