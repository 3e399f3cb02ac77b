import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../src/experiment/csv-table.js';
import { parseGridFlag } from '../../src/experiment/grid.js';
import { runSweep, type SweepOptions } from '../../src/experiment/sweep.js';
import { runScenario } from '../../src/experiment/run.js';
import { RunDirectory } from '../../src/output/run-directory.js';
import { removeStaleTemps, tempSuffix } from '../../src/output/stale-temps.js';
import { hostTag } from '../../src/output/process-alive.js';
import { loadScenario } from '../../src/scenario/load.js';
import { createCliHarness, oneLine, SMALL, type CliHarness } from './cli-harness.js';

/**
 * Every file whole: a partial file one process at a time (lock), rows checked on resume
 * (checksums), a run directory as one unit (manifest), temporary files of dead processes
 * removed, and `merge` / `report` refusing what they would otherwise average or draw silently.
 */

let h: CliHarness;
let small = '';

beforeAll(() => {
  h = createCliHarness('robust-files');
  small = h.write('small.json', SMALL);
}, 60_000);

afterAll(() => h.cleanup());

const GRID = ['cloud-run.concurrency=10,80', 'traffic.rps=2,5'];
function options(out: string, over: Partial<SweepOptions> = {}): SweepOptions {
  return { spec: { file: small, sets: [], axes: GRID.map(parseGridFlag), replications: 2, seed: 7 }, out: join(h.work, out), workers: 1, ...over };
}

/** The pid of a process that has ended: a node that exits at once, waited for. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const pid = child.pid!;
  await new Promise((resolve) => child.on('close', resolve));
  return pid;
}

describe('two sweeps writing the same --out at once', () => {
  it('the second is refused (exit 2) while the first holds the lock; the file has each row once', async () => {
    // Enough work that the first is still running when the second starts: 20 runs of 12 hours
    // (4.3 million requests in all, several seconds even on a quiet machine).
    const args = ['sweep', small, '--set', 'duration=12h', '--grid', 'cloud-run.concurrency=10,20,40,80', '--replications', '5', '--workers', '1', '--out', 'both.csv'];
    const first = h.sim(args);
    const lock = join(h.work, 'both.csv.partial.lock');
    while (!existsSync(lock)) await new Promise((resolve) => setTimeout(resolve, 20));
    const owner = JSON.parse(readFileSync(lock, 'utf8')) as { pid: number; host: string };
    expect(owner.host).toBe(hostname());
    const second = await h.sim(args);
    expect(oneLine(second)).toMatch(new RegExp(`both\\.csv\\.partial: in use by process ${owner.pid} on ${hostname()} since .* \\(lock .*both\\.csv\\.partial\\.lock\\)`));
    const done = await first;
    expect(done.code).toBe(0);
    const table = parseCsvTable(readFileSync(join(h.work, 'both.csv'), 'utf8'), 'both.csv');
    expect(table.rows).toHaveLength(4 * 5 * 2); // points x replications x platforms, once each
    expect(existsSync(lock)).toBe(false);
  }, 300_000);

  it('a stale lock (a dead process of this host) is taken over; a live or foreign one is refused', async () => {
    const out = join(h.work, 'stale/results.csv');
    mkdirSync(join(h.work, 'stale'), { recursive: true });
    const lock = `${out}.partial.lock`;
    writeFileSync(lock, JSON.stringify({ pid: await deadPid(), host: hostname(), started: '2026-01-01T00:00:00Z', nonce: 'dead' }));
    const outcome = await runSweep(options('stale/results.csv'));
    expect(outcome.tasks).toBe(8);
    expect(existsSync(lock)).toBe(false);
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-01-01T00:00:00Z', nonce: 'live' }));
    await expect(runSweep(options('stale/results.csv'))).rejects.toThrow(new RegExp(`in use by process ${process.pid} on `));
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'another-host', started: '2026-01-01T00:00:00Z', nonce: 'far' }));
    await expect(runSweep(options('stale/results.csv'))).rejects.toThrow(/in use by process 1 on another-host since 2026-01-01T00:00:00Z .*delete the lock if that process is gone/);
    rmSync(lock);
  });
});

describe('a resumed partial file', () => {
  it('reruns the rows whose checksum does not match, says how many, and gives the bytes of an uninterrupted run', async () => {
    const whole = readFileSync((await runSweep(options('ref/results.csv'))).out);
    const out = join(h.work, 'edit/results.csv');
    const stop = { onProgress: (done: number) => { if (done === 3) throw new Error('stop here'); } };
    await expect(runSweep(options('edit/results.csv', stop))).rejects.toThrow('stop here');
    const partial = `${out}.partial`;
    const lines = readFileSync(partial, 'utf8').split('\n');
    expect(lines[0]!.endsWith(',row_sha256')).toBe(true);
    // Row 3 (task 1, its first platform): a cost edited to 999.999, as in the issue.
    const cells = lines[3]!.split(',');
    const cost = lines[0]!.split(',').indexOf('cost_total_usd');
    cells[cost] = '999.999';
    lines[3] = cells.join(',');
    writeFileSync(partial, lines.join('\n'));
    const outcome = await runSweep(options('edit/results.csv'));
    // Task 0 (rows 1-2) kept; rows 3-6 (tasks 1 and 2) discarded, of which one was edited.
    expect(outcome).toMatchObject({ resumed: 1, discarded: 4, corrupted: 1 });
    expect(readFileSync(out)).toEqual(whole);
  });

  it('through the CLI, the line says how many rows were discarded', async () => {
    const args = ['sweep', small, '--grid', 'traffic.rps=2,5', '--workers', '1', '--out', 'cli-edit.csv'];
    expect((await h.sim(args)).code).toBe(0);
    // Make a partial file from a finished run: a stopped run leaves one, but that needs a kill.
    const stop = { onProgress: (done: number) => { if (done === 1) throw new Error('stop'); } };
    await expect(runSweep({ spec: { file: small, sets: [], axes: [parseGridFlag('traffic.rps=2,5')], replications: 1, seed: 1 }, out: join(h.work, 'cli-edit.csv'), workers: 1, ...stop })).rejects.toThrow('stop');
    const partial = join(h.work, 'cli-edit.csv.partial');
    writeFileSync(partial, readFileSync(partial, 'utf8').replace(/,cloud-run,cloud-run,/, ',cloud-run,cloud-run-edited,'));
    const r = await h.sim(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sweep: 2 runs \(0 resumed from the partial file; 2 rows of the partial file discarded and run again \(1 did not match their checksum\)\); wrote /);
  });
});

describe('a run directory is one unit', () => {
  it('sim report refuses a directory whose files are not one run\'s, or that has no manifest', async () => {
    expect((await h.sim(['run', small, '--out', 'runA'])).code).toBe(0);
    expect((await h.sim(['run', small, '--seed', '2', '--out', 'runB'])).code).toBe(0);
    // A run this short checks its assumptions and writes the tornado's files, outside the
    // manifest: `sim sensitivity --out runA` may replace them, and the run stays whole.
    expect(readdirSync(join(h.work, 'runA')).sort()).toEqual(['manifest.json', 'sensitivity.csv', 'sensitivity.json', 'summary.csv', 'timeline.csv', 'verdict.json']);
    expect(Object.keys((JSON.parse(readFileSync(join(h.work, 'runA', 'manifest.json'), 'utf8')) as { files: object }).files)).toEqual(['summary.csv', 'timeline.csv', 'verdict.json']);
    expect((await h.sim(['report', 'runA', '--out', 'a.html'])).code).toBe(0);
    expect((await h.sim(['sensitivity', small, '--seed', '2', '--out', 'runA'])).code).toBe(0);
    expect((await h.sim(['report', 'runA', '--out', 'a.html'])).code).toBe(0);
    // What kill -9 between the two renames leaves: a new timeline beside the previous summary.
    writeFileSync(join(h.work, 'runA', 'timeline.csv'), readFileSync(join(h.work, 'runB', 'timeline.csv')));
    expect(oneLine(await h.sim(['report', 'runA', '--out', 'a.html']))).toMatch(/runA: not a whole run directory: timeline\.csv is not the file manifest\.json lists .*; rerun sim run --out runA$/);
    rmSync(join(h.work, 'runB', 'manifest.json'));
    expect(oneLine(await h.sim(['report', 'runB', '--out', 'b.html']))).toMatch(/runB: not a whole run directory: no manifest\.json/);
  });

  it('the manifest names the run: same inputs, same manifest; another seed, another fingerprint', async () => {
    const scenario = loadScenario(small);
    const write = async (dir: string, seed: number): Promise<string> => {
      const d = await RunDirectory.open(join(h.work, dir));
      const records = runScenario(scenario, { seed, timelineStep: 60, onTimelineRow: (row) => d.timeline.write(row) });
      await d.finish(records, { seed });
      return readFileSync(join(h.work, dir, 'manifest.json'), 'utf8');
    };
    const a = await write('m1', 1);
    expect(await write('m2', 1)).toBe(a);
    const other = JSON.parse(await write('m3', 2)) as { fingerprint: string };
    expect(other.fingerprint).not.toBe((JSON.parse(a) as { fingerprint: string }).fingerprint);
  });

  it('temporary files of dead processes of this host are removed; a live process\'s and another host\'s stay', async () => {
    const dir = join(h.work, 'temps');
    mkdirSync(dir, { recursive: true });
    const dead = `summary.csv.h${hostTag()}p${await deadPid()}.0123456789ab.tmp`;
    const live = `summary.csv${tempSuffix('0123456789ab')}`;
    const foreign = `summary.csv.h${hostTag() === '00000000' ? '11111111' : '00000000'}p1.0123456789ab.tmp`;
    for (const name of [dead, live, foreign, 'notes.tmp']) writeFileSync(join(dir, name), 'x');
    expect(await removeStaleTemps(dir)).toEqual([dead]);
    expect(readdirSync(dir).sort()).toEqual([foreign, live, 'notes.tmp'].sort());
    // sim run --out does it before its run.
    writeFileSync(join(dir, dead), 'x');
    expect((await h.sim(['run', small, '--out', 'temps'])).code).toBe(0);
    expect(existsSync(join(dir, dead))).toBe(false);
  });
});

describe('merge and report refuse what they would read wrongly', () => {
  let shard0 = '';
  let shard1 = '';
  beforeAll(async () => {
    for (const i of [0, 1]) expect((await h.sim(['sweep', small, '--grid', 'traffic.rps=2,5', '--shard', `${i}/2`, '--out', `shard-${i}.csv`])).code).toBe(0);
    shard0 = join(h.work, 'shard-0.csv');
    shard1 = join(h.work, 'shard-1.csv');
  }, 120_000);

  it('a byte-order mark is read (not "header differs"), and the merge is the same', async () => {
    expect((await h.sim(['merge', shard0, shard1, '--out', 'plain.csv'])).code).toBe(0);
    writeFileSync(join(h.work, 'bom-0.csv'), `\uFEFF${readFileSync(shard0, 'utf8')}`);
    writeFileSync(join(h.work, 'bom-0.csv.meta.json'), readFileSync(`${shard0}.meta.json`));
    expect((await h.sim(['merge', 'bom-0.csv', shard1, '--out', 'bom.csv'])).code).toBe(0);
    expect(readFileSync(join(h.work, 'bom.csv'))).toEqual(readFileSync(join(h.work, 'plain.csv')));
  });

  it('a header-only file, a non-numeric cell and --out naming an input: exit 2', async () => {
    const header = readFileSync(shard0, 'utf8').split('\n')[0]!;
    writeFileSync(join(h.work, 'header-only.csv'), `${header}\n`);
    expect(oneLine(await h.sim(['merge', 'header-only.csv', shard1, '--out', 'm.csv']))).toMatch(/header-only\.csv: no rows, only a header/);
    const lines = readFileSync(shard0, 'utf8').split('\n');
    const cells = lines[1]!.split(',');
    cells[header.split(',').indexOf('cost_total_usd')] = 'n/a';
    lines[1] = cells.join(',');
    writeFileSync(join(h.work, 'na.csv'), lines.join('\n'));
    expect(oneLine(await h.sim(['merge', 'na.csv', shard1, '--out', 'm.csv', '--aggregate']))).toMatch(/na\.csv: row 2, column cost_total_usd: "n\/a" is not allowed: a number/);
    const before = readFileSync(shard1);
    expect(oneLine(await h.sim(['merge', shard0, shard1, '--out', shard1]))).toMatch(/--out: ".*shard-1\.csv" is not allowed: a path other than the input/);
    expect(readFileSync(shard1)).toEqual(before);
  });

  it('report refuses NaN in a timeline, naming the line and column', async () => {
    expect((await h.sim(['run', small, '--out', 'nan'])).code).toBe(0);
    const timeline = join(h.work, 'nan', 'timeline.csv');
    const lines = readFileSync(timeline, 'utf8').split('\n');
    const cells = lines[5]!.split(',');
    cells[cells.length - 1] = 'NaN';
    lines[5] = cells.join(',');
    writeFileSync(timeline, lines.join('\n'));
    // Rewrite the manifest as a run would, so that the cell is what is checked.
    const { writeRunManifest } = await import('../../src/output/run-manifest.js');
    await writeRunManifest(join(h.work, 'nan'), '0', 'x', ['summary.csv', 'timeline.csv']);
    expect(oneLine(await h.sim(['report', 'nan', '--out', 'nan.html']))).toMatch(/nan\/timeline\.csv: line 6: cost_cumulative_usd: "NaN" is not allowed: a finite number/);
  });
});
