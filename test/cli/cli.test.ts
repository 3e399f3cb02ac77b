import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadedFiles, packagesOf } from '../helpers/loaded-files.js';
import { runProcess } from '../helpers/run-process.js';
import { SUMMARY_FIELDS } from '../../src/metrics/summary.js';
import { TIMELINE_FIELDS } from '../../src/metrics/timeline-fields.js';

/**
 * The compiled CLI (bin/sim.js -> dist/cli/main.js, the bundle of dist/src/cli/main.js) run as a child process, the way a user
 * runs it. dist is built once here (only this file builds it, so parallel test files do not
 * race on it). Scenarios are small: one hour at 5 requests a second, well under a second each.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let dir = '';
let tiny = '';

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the compiled CLI without blocking the test worker (test/helpers/run-process.ts). */
function sim(...args: string[]): Promise<Result> {
  return runProcess(process.execPath, ['bin/sim.js', ...args], { cwd: root, timeoutMs: 60_000 });
}

/** Runs and expects success; returns stdout. */
async function ok(...args: string[]): Promise<string> {
  const r = await sim(...args);
  if (r.code !== 0) throw new Error(`sim ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

function writeScenario(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const TINY = {
  name: 'tiny',
  duration: '1h',
  traffic: { type: 'poisson', rps: 5 },
  requests: { cpu: { dist: 'lognormal', mean: '30ms', cv: 1 }, io: { dist: 'exponential', mean: '50ms' }, responseBytes: 16384 },
  platforms: [
    { name: 'cloud-run', model: 'cloud-run', cpu: 1, memory: '512Mi', concurrency: 80 },
    { name: 'vm', model: 'compute-engine', machineType: 'e2-medium', count: 2, workers: 2 },
  ],
};

beforeAll(async () => {
  const build = await runProcess(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, timeoutMs: 170_000 });
  if (build.code !== 0) throw new Error(`could not build dist (tsc -p tsconfig.build.json: status ${build.code}):\n${build.stdout}${build.stderr}`);
  // bin/sim.js runs the bundle (dist/cli/) when there is one: rebuilt too, so it is never stale.
  const bundle = await runProcess(process.execPath, [join(root, 'tools', 'bundle-cli.mjs')], { cwd: root, timeoutMs: 60_000 });
  if (bundle.code !== 0) throw new Error(`could not bundle the CLI (tools/bundle-cli.mjs: status ${bundle.code}):\n${bundle.stdout}${bundle.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'scalesim-cli-'));
  tiny = writeScenario('tiny.json', TINY);
}, 180_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** Parses a CSV without quoted fields (the summary and timeline have none here). */
const csvLines = (text: string): string[][] =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));

describe('sim run', () => {
  it('the bundle reads csv-parse for a trace scenario only, never with the chunks every run loads', async () => {
    // The bundle leaves csv-parse a require resolved at run time (src/output/csv-parser.ts); a
    // static import would put its code, which esbuild marks "// node_modules/csv-parse/...",
    // into a chunk that every command loads. test/cli/lazy-loading.test.ts checks the same of dist/src.
    const loaded = new LoadedFiles(dir);
    const csvParse = (files: readonly string[]): boolean =>
      packagesOf(files).has('csv-parse') || files.some((f) => f.includes(`${join('dist', 'cli')}`) && readFileSync(f, 'utf8').includes('node_modules/csv-parse/'));
    const diurnal = await loaded.run(join(root, 'bin', 'sim.js'), ['run', 'workloads/diurnal.json', '--set', 'duration=10m', '--set', 'warmup=0s'], root);
    expect(diurnal.filter((f) => f.includes(join('dist', 'cli'))).length).toBeGreaterThan(5); // the bundle ran, not dist/src
    expect(csvParse(diurnal)).toBe(false);
    expect(csvParse(await loaded.run(join(root, 'bin', 'sim.js'), ['run', 'workloads/trace-azure.json', '--set', 'duration=10m', '--set', 'warmup=0s'], root))).toBe(true);
  });

  it('exits 0 and prints a table with one column per platform', async () => {
    const out = await ok('run', tiny);
    expect(out).toContain('scenario tiny, seed 1');
    expect(out).toMatch(/cloud-run\s+vm/);
    expect(out).toMatch(/arrived\s+[\d,]+\s+[\d,]+/);
    expect(out).toMatch(/total\s+[\d.]+\s+[\d.]+/);
  });

  it('runs a ready workload shortened with --set', async () => {
    const out = await ok('run', 'workloads/steady.json', '--set', 'duration=20m', '--set', 'warmup=0');
    expect(out).toContain('scenario steady');
  });

  it('--format json: {records, verdict}; one record per platform, exactly SUMMARY_FIELDS in order', async () => {
    const json = JSON.parse(await ok('run', tiny, '--format', 'json')) as { records: Record<string, unknown>[]; verdict: Record<string, unknown> };
    expect(Object.keys(json)).toEqual(['records', 'verdict']);
    const records = json.records;
    // The Verdict shape (src/verdict/types.ts): the contract with the report.
    for (const key of ['recommended', 'headline', 'platforms', 'difference', 'extrapolated', 'alternatives', 'breakeven', 'lines']) expect(json.verdict).toHaveProperty(key);
    expect((json.verdict.platforms as unknown[]).length).toBe(2);
    expect(records.map((r) => r.rank).sort()).toEqual([1, 2]);
    expect(records.every((r) => r.status === 'ok')).toBe(true);
    expect(json.verdict.recommended).toBe(records.find((r) => r.rank === 1)!.platform);
    expect(records).toHaveLength(2);
    for (const r of records) expect(Object.keys(r)).toEqual([...SUMMARY_FIELDS]);
    expect(records.map((r) => r.platform)).toEqual(['cloud-run', 'vm']);
    expect(records[0]!.scenario).toBe('tiny');
    expect(records[0]!.seed).toBe(1);
    expect(records[0]!.duration_s).toBe(3600);
    // Both platforms see the same requests.
    expect(records[0]!.requests_arrived).toBe(records[1]!.requests_arrived);
    expect(records[0]!.requests_arrived).toBeGreaterThan(17_000);
    expect(records[0]!.requests_arrived).toBeLessThan(19_000);
  });

  it('--format csv: header is SUMMARY_FIELDS, then one row per platform', async () => {
    const out = await ok('run', tiny, '--format', 'csv', '--seed', '3');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(SUMMARY_FIELDS.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[1]!).toMatch(/^tiny,cloud-run,cloud-run,ok,[12],3,0,3600,/);
    expect(lines[2]!).toMatch(/^tiny,vm,compute-engine,ok,[12],3,0,3600,/);
    for (const l of lines) expect(l.split(',')).toHaveLength(SUMMARY_FIELDS.length);
  });

  it('the same seed gives byte-identical output; another seed does not', async () => {
    // (The --timeline-step test below also compares two runs' summary.csv and timeline.csv.)
    const a = await ok('run', tiny, '--seed', '42', '--format', 'json');
    const b = await ok('run', tiny, '--seed', '42', '--format', 'json');
    expect(b).toBe(a);
    const c = await ok('run', tiny, '--seed', '43', '--format', 'json');
    expect(c).not.toBe(a);
    const [ra, rc] = [a, c].map((t) => (JSON.parse(t) as { records: { requests_arrived: number; seed: number }[] }).records);
    expect(ra![0]!.seed).toBe(42);
    expect(rc![0]!.seed).toBe(43);
    expect(rc![0]!.requests_arrived).not.toBe(ra![0]!.requests_arrived);
  });

  it('--out DIR writes summary.csv, a 1-second timeline.csv, verdict.json and (a short run checks its assumptions) sensitivity.json and .csv, and no *.tmp files', async () => {
    const out = join(dir, 'out1', 'nested'); // created as needed
    const csv = await ok('run', tiny, '--out', out, '--format', 'csv');
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'sensitivity.csv', 'sensitivity.json', 'summary.csv', 'timeline.csv', 'verdict.json']);
    const verdict = JSON.parse(readFileSync(join(out, 'verdict.json'), 'utf8')) as { platforms: unknown[]; lines: string[] };
    expect(verdict.platforms).toHaveLength(2);
    expect(verdict.lines[0]).toBe('Verdict');
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(csv);

    const rows = csvLines(readFileSync(join(out, 'timeline.csv'), 'utf8'));
    expect(rows[0]).toEqual([...TIMELINE_FIELDS]);
    const body = rows.slice(1);
    expect(body).toHaveLength(2 * 3600);
    const col = (name: string) => TIMELINE_FIELDS.indexOf(name as (typeof TIMELINE_FIELDS)[number]);
    for (const [i, platform] of ['cloud-run', 'vm'].entries()) {
      const mine = body.slice(i * 3600, (i + 1) * 3600);
      expect(mine.every((r) => r[col('platform')] === platform)).toBe(true);
      expect(mine.map((r) => Number(r[col('t_s')]))).toEqual(Array.from({ length: 3600 }, (_, k) => k));
      expect(mine[0]![col('time')]).toBe('2026-01-05T00:00:00.000Z');
      expect(mine[3599]![col('time')]).toBe('2026-01-05T00:59:59.000Z');
    }
    // Per-second arrivals add up to the summary's.
    const summary = csvLines(csv);
    const arrived = Number(summary[1]![SUMMARY_FIELDS.indexOf('requests_arrived')]);
    const timelineArrivals = body.slice(0, 3600).reduce((s, r) => s + Number(r[col('arrivals')]), 0);
    expect(timelineArrivals).toBe(arrived);
  });

  // The run closes the bill (open stretches and their 100-ms rounding) before it cuts the last
  // timeline row, so the rows' costs add up to the summary's total.
  it('timeline cost_usd adds up to the summary cost_total_usd of each platform', async () => {
    const out = join(dir, 'out-cost');
    const { records } = JSON.parse(await ok('run', tiny, '--out', out, '--format', 'json', '--timeline-step', '60s')) as { records: { platform: string; cost_total_usd: number }[] };
    const rows = csvLines(readFileSync(join(out, 'timeline.csv'), 'utf8')).slice(1);
    const costCol = TIMELINE_FIELDS.indexOf('cost_usd');
    for (const r of records) {
      const sum = rows.filter((row) => row[0] === r.platform).reduce((acc, row) => acc + Number(row[costCol]), 0);
      expect(Math.abs(sum - r.cost_total_usd)).toBeLessThan(1e-9 * r.cost_total_usd);
    }
  });

  it('--timeline-step 60s gives 60 times fewer rows, and the same output twice', async () => {
    const a = join(dir, 'out60a');
    const b = join(dir, 'out60b');
    await ok('run', tiny, '--out', a, '--timeline-step', '60s');
    await ok('run', tiny, '--out', b, '--timeline-step', '60s');
    const text = readFileSync(join(a, 'timeline.csv'), 'utf8');
    const rows = csvLines(text);
    expect(rows[0]).toEqual([...TIMELINE_FIELDS]);
    expect(rows.length - 1).toBe((2 * 3600) / 60);
    expect(rows.slice(1, 61).map((r) => Number(r[1]))).toEqual(Array.from({ length: 60 }, (_, k) => k * 60));
    expect(readFileSync(join(b, 'timeline.csv'), 'utf8')).toBe(text);
    expect(readFileSync(join(b, 'summary.csv'), 'utf8')).toBe(readFileSync(join(a, 'summary.csv'), 'utf8'));
    for (const d of [a, b]) expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('bad input: exit 2, a one-line message, no stack trace', () => {
  const badJson = () => writeScenario('bad.json', '{\n  "name": "x",\n  "duration": "1h",\n}\n');
  const unknownKey = () => writeScenario('unknown-key.json', { ...TINY, bogus: 1 });

  const cases: [string, () => string[], RegExp][] = [
    ['missing file', () => ['run', join(dir, 'no-such-file.json')], /no-such-file\.json.*cannot read/],
    ['invalid JSON', () => ['run', badJson()], /bad\.json: line \d+, column \d+: not valid JSON/],
    ['unknown key', () => ['run', unknownKey()], /unknown-key\.json: bogus: 1 is not allowed: unknown key "bogus"/],
    ['bad --set path', () => ['run', tiny, '--set', 'nope.x=1'], /--set nope\.x=1: nope: "nope" is not allowed/],
    ['bad --set value', () => ['run', tiny, '--set', 'cloud-run.concurrency=0'], /platforms\[0\]\.concurrency: 0 is not allowed/],
    ['malformed --set', () => ['run', tiny, '--set', 'duration'], /--set duration: not a valid override/],
    ['bad --seed', () => ['run', tiny, '--seed', 'abc'], /--seed: "abc" is not allowed: a non-negative integer/],
    ['negative --seed', () => ['run', tiny, '--seed', '-1'], /--seed/],
    ['fractional --seed', () => ['run', tiny, '--seed', '1.5'], /--seed: "1\.5" is not allowed/],
    ['bad --format', () => ['run', tiny, '--format', 'xml'], /xml/],
    ['bad --timeline-step', () => ['run', tiny, '--timeline-step', 'abc'], /--timeline-step: "abc" is not allowed/],
    ['zero --timeline-step', () => ['run', tiny, '--timeline-step', '0'], /--timeline-step: "0" is not allowed: a duration greater than 0/],
    ['unknown option', () => ['run', tiny, '--bogus'], /unknown option '--bogus'/],
    ['unknown command', () => ['frobnicate'], /unknown command 'frobnicate'/],
    ['missing scenario argument', () => ['run'], /missing required argument/],
    ['validate: unknown key', () => ['validate', unknownKey()], /unknown key "bogus"/],
    ['--out under a file', () => ['run', tiny, '--out', join(tiny, 'out')], /--out: ".*tiny\.json\/out" is not allowed: a directory/],
    ['validate: missing file', () => ['validate', join(dir, 'nope.json')], /nope\.json.*cannot read/],
  ];

  it.each(cases)('%s', async (_name, args, message) => {
    const r = await sim(...args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/Error:|node:internal|\.js:\d+/);
    // One line of message; commander adds its usage hint on a second line.
    const lines = r.stderr
      .trimEnd()
      .split('\n')
      .filter((l) => !l.startsWith('(run sim --help'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('a bad run with --out leaves no directory content behind', async () => {
    const out = join(dir, 'out-bad');
    const r = await sim('run', tiny, '--out', out, '--seed', 'x');
    expect(r.code).toBe(2);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

describe('sim validate and sim schema', () => {
  it('validate prints the resolved scenario as JSON, --set applied', async () => {
    const resolved = JSON.parse(await ok('validate', tiny, '--set', 'duration=2h', '--set', 'cloud-run.concurrency=40')) as {
      name: string;
      duration: number;
      warmup: number;
      platforms: { name: string; model: string; concurrency?: number; coldStart?: unknown; vcpu?: number }[];
    };
    expect(resolved.name).toBe('tiny');
    expect(resolved.duration).toBe(7200);
    expect(resolved.platforms.map((p) => p.name)).toEqual(['cloud-run', 'vm']);
    expect(resolved.platforms[0]!.concurrency).toBe(40);
    expect(resolved.platforms[0]!.coldStart).toBeDefined(); // from the preset
    expect(resolved.platforms[1]!.vcpu).toBe(1); // e2-medium from the catalog
  });

  it('validate works on the ready workloads', async () => {
    const resolved = JSON.parse(await ok('validate', 'workloads/steady.json')) as { name: string; duration: number };
    expect(resolved.name).toBe('steady');
    expect(resolved.duration).toBe(86400);
  });

  it.skipIf(!existsSync(join(root, 'schema/scenario.schema.json')))('schema prints the published JSON Schema', async () => {
    const printed = JSON.parse(await ok('schema')) as unknown;
    const published = JSON.parse(readFileSync(join(root, 'schema/scenario.schema.json'), 'utf8')) as unknown;
    expect(printed).toEqual(published);
  });

  it('--help and --version exit 0', async () => {
    expect(await ok('--help')).toContain('run');
    expect((await ok('--version')).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('sim run refuses runs it cannot finish in reasonable time, with the estimate', () => {
  it('a ten-year diurnal run exits 2 naming the requests, the time and --max-time', async () => {
    const r = await sim('run', 'workloads/diurnal.json', '--set', 'duration=3650d');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sim: workloads\/diurnal\.json: about 6,308,064,000 requests per platform and [0-9,]+ other events .*, an estimated 11\.[0-9] h to simulate .*--max-time/);
  });
});
