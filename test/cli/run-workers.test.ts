import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledCli } from '../helpers/compiled-cli.js';
import { runProcess } from '../helpers/run-process.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

/**
 * `sim run --workers` (issue 12 item 2): each platform, and each simulated alternative of the
 * verdict, is its own simulation on a worker thread. The output must be the bytes of the
 * sequential run: stdout, summary.csv, timeline.csv (rows in platform order whichever platform
 * finishes first), verdict.json and the HTML report. Three platforms on two workers, so a
 * platform's rows wait their turn; Cloud Run with the start-up CPU boost, so its other billing
 * setting is simulated again (a fourth job). With 2 and 3 workers, the jobs that start together
 * read one draw of the requests from a shared ring (src/workload/request-ring.ts) and the later
 * ones draw their own; with 4, all four share it. The CLI is compiled into test/artifacts/ and
 * run in a child process, so that the threads load the compiled worker.
 */
const cli = new CompiledCli('run-workers');
let scenario = '';

const SCENARIO = {
  ...TINY,
  name: 'tiny-three',
  duration: '20m',
  platforms: [
    { name: 'cloud-run', model: 'cloud-run', concurrency: 80, startupCpuBoost: true },
    { name: 'vm', model: 'compute-engine', count: 2 },
    { name: 'vm-small', model: 'compute-engine', count: 1 },
  ],
};

beforeAll(() => {
  cli.create();
  scenario = cli.writeJson('three.json', SCENARIO);
}, 60_000);

afterAll(() => cli.remove());

function sim(args: readonly string[]) {
  return runProcess(process.execPath, [cli.launcher, ...args], { cwd: cli.work, timeoutMs: 120_000, env: process.env });
}

/** `sim run FILE --seed SEED --format json` on 1 and on 2 workers: both succeed, silently, with the same bytes; the records. */
async function sameOnOneAndTwoWorkers(file: string, seed: number): Promise<{ requests_arrived: number }[]> {
  const runs = [];
  for (const workers of [1, 2]) runs.push(await sim(['run', file, '--seed', String(seed), '--workers', String(workers), '--format', 'json']));
  for (const r of runs) {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
  expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
  return JSON.parse(runs[0]!.stdout).records;
}

// sensitivity.*: a run this short checks the assumptions itself (src/verdict/sensitivity-hint.ts), on the same pool.
const FILES = ['summary.csv', 'timeline.csv', 'verdict.json', 'manifest.json', 'sensitivity.json', 'sensitivity.csv'];

describe('sim run --workers', () => {
  it('gives the bytes of the sequential run with 2, 3 and 4 workers: stdout, --out files and --report', async () => {
    const outputs: { stdout: string; files: string[] }[] = [];
    for (const workers of [1, 2, 3, 4]) {
      const out = join(cli.work, `out-${workers}`);
      const report = join(cli.work, `report-${workers}.html`);
      const r = await sim(['run', scenario, '--seed', '3', '--workers', String(workers), '--format', 'json', '--out', out, '--report', report, '--timeline-step', '10s']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual([...FILES].sort());
      outputs.push({ stdout: r.stdout, files: [...FILES.map((f) => readFileSync(join(out, f), 'utf8')), readFileSync(report, 'utf8')] });
    }
    // The run did the work: 3 platforms x 120 rows of 10 s, in platform order.
    const timeline = outputs[0]!.files[1]!.trimEnd().split('\n').slice(1);
    expect(timeline).toHaveLength(3 * 120);
    expect(timeline.map((line) => line.split(',')[0])).toEqual([...Array(120).fill('cloud-run'), ...Array(120).fill('vm'), ...Array(120).fill('vm-small')]);
    // The simulated alternative is in the verdict.
    expect(outputs[0]!.stdout).toContain('instance-based billing');
    for (const other of outputs.slice(1)) {
      expect(other.stdout).toBe(outputs[0]!.stdout);
      other.files.forEach((text, i) => expect(text, FILES[i] ?? 'report').toBe(outputs[0]!.files[i]));
    }
  }, 180_000);

  it('gives the bytes of the sequential run when the shared requests outgrow their ring many times over', async () => {
    // 3 h at 20 req/s: about 216,000 requests through a ring of 65,536, Cloud Run reading
    // slower than the VMs, so the writer waits for it and the VMs for the writer.
    const long = cli.writeJson('long.json', { ...TINY, name: 'long', duration: '3h', traffic: { type: 'poisson', rps: 20 } });
    const records = await sameOnOneAndTwoWorkers(long, 5);
    expect(records[0].requests_arrived).toBeGreaterThan(200_000);
  }, 180_000);

  it('gives the bytes of the sequential run on a replayed trace, which the workers take from this thread in shared memory', async () => {
    // ISO times and no start: the trace sets the start, and each worker must set the same one.
    const base = Date.UTC(2026, 10, 30, 9, 0, 0);
    const rows = Array.from({ length: 3000 }, (_, i) => new Date(base + 250 + i * 397).toISOString());
    const csv = join(cli.work, 'trace.csv');
    writeFileSync(csv, `t\n${rows.join('\n')}\n`);
    const { duration: _d, ...noDuration } = TINY;
    const file = cli.writeJson('trace.json', { ...noDuration, name: 'trace', traffic: { type: 'trace', file: 'trace.csv', format: 'timestamps' } });
    const records = await sameOnOneAndTwoWorkers(file, 2);
    expect(records[0].requests_arrived).toBe(3000);
  }, 180_000);

  it('gives the bytes of the sequential run when the verdict searches for a remedy after the run (Lambda at 128 MB times out)', async () => {
    const file = cli.writeJson('remedy.json', { ...TINY, name: 'remedy', platforms: [TINY.platforms[0], { name: 'lambda', model: 'lambda' }] });
    await sameOnOneAndTwoWorkers(file, 4);
    const r = await sim(['run', file, '--seed', '4', '--workers', '2']);
    expect(r.stdout).toMatch(/lambda +with 512 MB instead of 128 MB: \$[\d,.]+\/month \[ok\], makes lambda the choice \(simulated; the least that keeps up, not with 256 MB; 2 simulations\)/);
  }, 180_000);

  it('gives the bytes of the sequential run when a round of the remedy search has two probes, which read one draw of the requests', async () => {
    // One VM at 100 req/s of 30 ms CPU loses two thirds: each round simulates a fixed fleet and
    // the MIG autoscaler at once, on two workers from the shared ring (cli/run.ts simulateRemedies).
    const file = cli.writeJson('remedy-round.json', { ...TINY, name: 'remedy-round', traffic: { type: 'poisson', rps: 100 }, platforms: [TINY.platforms[0], { name: 'vm', model: 'compute-engine', count: 1 }] });
    await sameOnOneAndTwoWorkers(file, 6);
    const r = await sim(['run', file, '--seed', '6', '--workers', '2']);
    expect(r.stdout).toMatch(/vm +with 4 VMs instead of 1: \$[\d,.]+\/month \[ok\], makes vm the choice \(simulated; the least that keeps up, not with 3 VMs; 3 simulations\)/);
    expect(r.stdout).toMatch(/vm +with the MIG autoscaler from 1 to \d+ VMs at 60 % CPU instead of a fixed 1: .*; 3 simulations\)/);
    // Ten minutes with no warm-up: the autoscaler's climb from 1 VM is judged too (src/verdict/cold-start.ts).
    expect(r.stdout).toContain("  Warning: the run has no warm-up, so requests lost or slowed while a platform scales up from time 0 count in its status (vm's autoscaler starts at 1 VM)");
  }, 180_000);

  it('--workers 0 is bad input: exit 2, one line naming the flag, before any work', async () => {
    const r = await sim(['run', scenario, '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('sim: --workers: "0" is not allowed: an integer >= 1\n');
  }, 60_000);
});
