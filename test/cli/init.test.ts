import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { transpileTree } from '../experiment/transpile-tree.js';
import { runProcess } from '../helpers/run-process.js';
import { EXAMPLES } from '../../src/cli/examples.js';

/**
 * `sim init` as a user runs it: the CLI compiled file by file into its own folder (as
 * test/cli/sweep.test.ts does, so it never races the dist/ build of test/cli/cli.test.ts),
 * without a terminal (so it never prompts; a missing figure is bad input).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const build = join(root, 'test', 'artifacts', `init-cli-${process.pid}`);
const work = join(build, 'work');
const launcher = join(build, 'sim.mjs');

beforeAll(() => {
  transpileTree(root, build);
  writeFileSync(launcher, "import { main } from './src/cli/main.js';\nprocess.exitCode = await main(process.argv);\n");
  mkdirSync(work, { recursive: true });
}, 60_000);

afterAll(() => {
  rmSync(build, { recursive: true, force: true });
});

const sim = (...args: string[]) => runProcess(process.execPath, [launcher, ...args], { cwd: work, timeoutMs: 120_000 });

describe('sim init --from-logs: a Cloud Run export to a scenario to a run', () => {
  it('every logged request arrives exactly once, on every platform', async () => {
    copyFileSync(join(root, 'workloads', 'logs', 'cloud-run-requests.ndjson.gz'), join(work, 'export.ndjson.gz'));
    const init = await sim('init', 'svc.yaml', '--from-logs', 'export.ndjson.gz', '--cpu-share', '0.3');
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('3871 requests');
    expect(init.stdout).toContain('wrote svc.yaml and svc.trace.csv');
    const text = readFileSync(join(work, 'svc.yaml'), 'utf8');
    expect(text.startsWith('# yaml-language-server: $schema=')).toBe(true);
    expect(text).toContain('# Fitted to the');
    const scenario = parseYaml(text) as Record<string, any>;
    expect(scenario.start).toBeUndefined(); // taken from the trace
    expect(scenario.requests.cpu.dist).toBe('lognormal');
    const run = await sim('run', 'svc.yaml', '--format', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { records, verdict } = JSON.parse(run.stdout) as {
      records: { platform: string; requests_arrived: number; requests_completed: number; status: string; rank: number }[];
      verdict: { recommended: string | null; headline: string; platforms: { platform: string; status: string; rank: number }[] };
    };
    const rows = records;
    expect(rows.map((r) => r.platform)).toEqual(['cloud-run', 'vm']);
    // The verdict: both platforms keep up with this light trace; one is recommended, ranked 1.
    expect(verdict.platforms.map((p) => p.status)).toEqual(['ok', 'ok']);
    expect(verdict.recommended).toBe(verdict.platforms.find((p) => p.rank === 1)!.platform);
    expect(verdict.headline).toMatch(/^Choose (cloud-run|vm): /);
    for (const r of rows) expect(r.requests_arrived).toBe(3871);
  });

  it('malformed lines are listed with their line numbers; --strict exits 2 at the first', async () => {
    copyFileSync(join(root, 'workloads', 'logs', 'nginx-access.log'), join(work, 'access.log'));
    const ok = await sim('init', 'nginx.json', '--from-logs', 'access.log', '--cpu-share', '0.5');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('998 requests');
    expect(ok.stdout).toMatch(/access\.log:100: not in the combined log format/);
    expect(ok.stdout).toMatch(/access\.log:500: /);
    const strict = await sim('init', 'strict.json', '--from-logs', 'access.log', '--strict');
    expect(strict.code).toBe(2);
    expect(strict.stderr).toBe('sim: access.log:100: malformed log line (--strict): not in the combined log format ([time] "request" status bytes "referer" "user-agent" request-time)\n');
    expect(existsSync(join(work, 'strict.json'))).toBe(false);
  });
});

describe('sim init from numbers', () => {
  it('the example `sim init --help` shows works as printed, and `sim run` takes what it writes', async () => {
    const example = EXAMPLES.init!.find((e) => e.includes('--requests-per-day'))!;
    const init = await sim(...example.split(' ').slice(1));
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const run = await sim('run', 'my-service.yaml', '--set', 'warmup=0', '--set', 'duration=20m', '--format', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { verdict: { recommended: string | null } }).verdict.recommended).not.toBeUndefined();
  });

  it('derives every number and says how, in comments (YAML) or in description (JSON)', async () => {
    const r = await sim(
      'init', 'numbers.json', '--requests-per-day', '864000', '--peak-rps', '18', '--p50', '80ms', '--p95', '180ms',
      '--cpu-utilization', '0.3', '--at-rps', '10', '--response-size', '8KiB',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(work, 'numbers.json'), 'utf8')) as Record<string, any>;
    // 864,000 / 86,400 = 10 req/s; weekend factor 1: weekday mean 10; A = 18 / 10 - 1 = 0.8;
    // peakToTrough = 1.8 / 0.2 = 9.
    expect(s.traffic).toEqual({ type: 'diurnal', meanRps: 10, peakToTrough: 9, peakHour: 14, weekendFactor: 1 });
    // Every day alike: a day stands for the month (the traffic's own period), warm-up inside.
    expect([s.duration, s.warmup]).toEqual(['1d', '1h']);
    // sigma = ln(180 / 80) / 1.64485 = 0.49301; mean = 80 exp(0.49301^2 / 2) = 80 x 1.12923
    // = 90.34 ms; CPU per request = 0.3 x 1 vCPU / 10 req/s = 30 ms: share 30 / 90.34 = 0.332
    // (3 digits); cpu 0.332 x 90.34 = 29.99 ms, io 0.668 x 90.34 = 60.35 ms.
    expect(s.requests.cpu.mean).toBe('29.99ms');
    expect(s.requests.io.mean).toBe('60.35ms');
    expect(s.requests.responseBytes).toBe(8192);
    expect(s.description).toContain('CPU share 0.332 = CPU per request / mean latency');
    expect(s.description).toContain('peakToTrough = (1 + A) / (1 - A) = 9');
    expect(JSON.stringify(s)).not.toContain('//');
    expect((await sim('validate', 'numbers.json')).code).toBe(0);
  });

  it('a peak past twice the mean: a daily triangle that keeps the mean, said in the file; below the mean, refused', async () => {
    const r = await sim('init', 'peaked.json', '--requests-per-day', '50000', '--peak-rps', '5', '--p50', '80ms', '--p95', '200ms');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(work, 'peaked.json'), 'utf8')) as Record<string, any>;
    // Weekday mean 50,000 / 86,400 = 0.5787 req/s (weekend factor 1): 48 h x 0.5787 / 5 = 5.556 h
    // wide, 11:13:20 to 16:46:40 each day.
    // Every day alike (no --weekend-factor): one day, repeated, and a run of a day.
    expect(s.traffic.type).toBe('piecewise');
    expect(s.traffic.repeat).toBe('1d');
    expect(s.traffic.points).toEqual([['0h', 0], ['11.2222h', 0], ['14h', 5], ['16.7778h', 0]]);
    expect(s.duration).toBe('1d');
    expect(s.description).toContain('each day a triangle from 0 up to the peak and back, 5.56 h wide');
    expect((await sim('validate', 'peaked.json')).code).toBe(0);
    // Weekends apart: a week of points, and a run of a week.
    expect((await sim('init', 'peaked-week.json', '--requests-per-day', '50000', '--peak-rps', '5', '--weekend-factor', '0.5', '--p50', '80ms', '--p95', '200ms')).code).toBe(0);
    const w = JSON.parse(readFileSync(join(work, 'peaked-week.json'), 'utf8')) as Record<string, any>;
    expect(w.traffic.repeat).toBe('7d');
    expect(w.traffic.points).toHaveLength(1 + 3 * 7);
    expect(w.duration).toBe('7d');
    const low = await sim('init', 'low.json', '--mean-rps', '10', '--peak-rps', '8', '--p50', '80ms', '--p95', '200ms');
    expect(low.code).toBe(2);
    expect(low.stderr).toBe('sim: --peak-rps 8 is not allowed: at least the weekday mean, 10 req/s (mean x 7 / (5 + 2 x weekend factor))\n');
  });

  it('without a terminal a missing figure is bad input naming the flag; an existing file is kept', async () => {
    const r = await sim('init', 'missing.yaml', '--mean-rps', '5', '--p95', '200ms');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('sim: sim init: --p50 is required without a terminal: the median latency of the endpoint on an idle instance\n');
    const again = await sim('init', 'numbers.json', '--mean-rps', '5', '--p50', '80ms', '--p95', '200ms');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('numbers.json already exists: pass --force to overwrite');
  });
});
