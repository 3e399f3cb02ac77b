import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePositiveDuration } from '../../src/cli/parse-flags.js';
import { createCliHarness, oneLine, SMALL, type CliHarness } from './cli-harness.js';

/**
 * Issue 9's hand-made bad inputs, through the CLI as a user runs it: each ends with exit 2 and
 * one line naming what is wrong, before any simulation (no output file appears), or with
 * exit 0 and consistent figures.
 */

let h: CliHarness;
let small = '';

beforeAll(() => {
  h = createCliHarness('robust-input');
  small = h.write('small.json', SMALL);
}, 60_000);

afterAll(() => h.cleanup());

describe('the command line', () => {
  it('`sim` alone prints the usage on stderr and exits 2', async () => {
    const r = await h.sim([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: sim \[options\] \[command\]/);
  });

  /** Runs the CLI with stdout on a pipe that is closed after `keep` bytes (0: before any). */
  function closedPipe(args: readonly string[], keep: number): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [h.launcher, ...args], { cwd: h.work, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let seen = 0;
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      if (keep === 0) child.stdout.destroy();
      else {
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen >= keep) child.stdout.destroy(); // `head -c keep`: read, then close the pipe
        });
      }
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  it('a reader that closes the pipe early (sim schema | head -1) ends the program quietly with exit 0', async () => {
    for (const keep of [0, 1]) {
      const r = await closedPipe(['schema'], keep);
      expect(r).toEqual({ code: 0, stderr: '' });
    }
    const csv = await closedPipe(['run', small, '--format', 'csv'], 0);
    expect(csv).toEqual({ code: 0, stderr: '' });
  });

  it('a refused run suggests a --max-time that the parser accepts', async () => {
    const line = oneLine(await h.sim(['run', small, '--set', 'duration=3650d', '--set', 'traffic.rps=500']));
    const suggested = /--max-time (\S+) to run it anyway$/.exec(line)?.[1];
    expect(suggested).toMatch(/^\d+[mh]$/);
    expect(parsePositiveDuration('--max-time', suggested!)).toBeGreaterThan(3600);
    const never = oneLine(await h.sim(['run', small, '--set', 'traffic.rps=1e308', '--set', 'duration=3650d']));
    expect(never).toMatch(/would not end: refused; lower the traffic or shorten duration$/);
  });

  it('error messages cut a long value (a 100,000-character --set) to its start and length', async () => {
    const line = oneLine(await h.sim(['run', small, '--set', `cloud-run.concurrency=${'x'.repeat(100_000)}`]));
    expect(line.length).toBeLessThan(400);
    expect(line).toMatch(/platforms\[0\]\.concurrency: "x{100,}\.\.\. \(100002 characters\) is not allowed: .*an integer from 1 to 1000$/);
  });
});

describe('scenario files', () => {
  it('5,000 levels of JSON nesting or 1,000 nested sum traffics: exit 2 naming the file and the place', async () => {
    const deep = h.write('deep.json', JSON.stringify(SMALL).slice(0, -1) + `,"x":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(oneLine(await h.sim(['run', deep]))).toMatch(/deep\.json: line 1, column \d+: nesting deeper than 64 levels is not allowed/);
    let traffic = JSON.stringify({ type: 'poisson', rps: 1 });
    for (let i = 0; i < 1000; i++) traffic = `{"type":"sum","components":[${traffic}]}`;
    const sums = h.write('sums.json', JSON.stringify({ ...SMALL, traffic: 'T' }).replace('"T"', traffic));
    expect(oneLine(await h.sim(['validate', sums]))).toMatch(/sums\.json: line 1, column \d+: nesting deeper than 64 levels/);
  });

  it('a scenario file with a byte-order mark is read as if it had none', async () => {
    const bom = h.write('bom.json', `\uFEFF${JSON.stringify(SMALL)}`);
    const plain = await h.sim(['run', small, '--format', 'csv']);
    const withBom = await h.sim(['run', bom, '--format', 'csv']);
    expect(withBom.code).toBe(0);
    expect(withBom.stdout).toBe(plain.stdout);
  });

  it('an infinite mean or a cost that cannot be finite is refused before the run', async () => {
    const pareto = oneLine(await h.sim(['run', small, '--set', 'requests.responseBytes={"dist":"pareto","shape":0.01,"scale":1000}']));
    expect(pareto).toMatch(/requests\.responseBytes\.shape: 0\.01 is not allowed: a shape > 1 \(the mean is infinite otherwise\)$/);
    const disk = oneLine(await h.sim(['run', small, '--set', 'vm.disk={"type":"pd-ssd","sizeGB":1e308}']));
    expect(disk).toMatch(/platforms\[1\]\.disk\.sizeGB: 1e\+308 is not allowed: .*at most 65536/);
  });

  it('intervals that schedule events by themselves have lower bounds', async () => {
    const cases: [string[], RegExp][] = [
      [['--set', 'cloud-run.evaluationInterval=1e-9'], /platforms\[0\]\.evaluationInterval: 1e-9 is not allowed: a duration of at least 10ms/],
      [['--set', 'cloud-run.autoscaler=knative', '--set', 'cloud-run.knative.tickInterval=1e-9'], /platforms\[0\]\.knative\.tickInterval: 1e-9 is not allowed: a duration of at least 10ms/],
      [['--set', 'traffic={"type":"mmpp","states":[{"rps":1,"meanHolding":"1us"},{"rps":2,"meanHolding":"1s"}]}'], /traffic\.states\[0\]\.meanHolding: "1us" is not allowed: a duration of at least 1ms/],
      [['--timeline-step', '1us', '--out', 'tl'], /^sim: --timeline-step: "1us" is not allowed: a duration of at least 1ms/],
      [['--set', 'cloud-run.minInstances=10000000', '--set', 'cloud-run.maxInstances=10000000'], /the instances that platform "cloud-run" always keeps would hold about 4\.7 GiB by the end: refused/],
    ];
    for (const [args, message] of cases) expect(oneLine(await h.sim(['run', small, ...args]))).toMatch(message);
    expect(existsSync(join(h.work, 'tl'))).toBe(false);
  });

  it('an MMPP with 3,000 states is refused by the schema (memory grows as the square)', async () => {
    const states = Array.from({ length: 3000 }, () => ({ rps: 1, meanHolding: 60 }));
    const mmpp = h.write('mmpp.json', { ...SMALL, traffic: { type: 'mmpp', states } });
    expect(oneLine(await h.sim(['validate', mmpp]))).toMatch(/traffic\.states: .* is not allowed: at most 256 states/);
  });
});

describe('sweep, breakeven and optimize check every point before the first simulation', () => {
  it('--grid traffic.rps=1e9 is refused with the point named', async () => {
    const line = oneLine(await h.sim(['sweep', small, '--grid', 'traffic.rps=5,1e9', '--out', 'rps.csv']));
    expect(line).toMatch(/small\.json: 2 points x 1 run, about .* requests .*; most of it at .*small\.json: --grid traffic\.rps=1e9, an estimated .* h to simulate on \d+ workers? \(about .* at the typical 750,000 requests\/s\): refused/);
    expect(readdirSync(h.work).filter((f) => f.startsWith('rps'))).toEqual([]);
  });

  it('an unbounded VM backlog at one grid point is refused, as run refuses it', async () => {
    const args = ['--set', 'duration=30d', '--set', 'vm.queueLimit=unbounded', '--set', 'traffic.rps=200'];
    const run = oneLine(await h.sim(['run', small, ...args]));
    expect(run).toMatch(/the unbounded backlog of platform "vm"/);
    const sweep = oneLine(await h.sim(['sweep', small, ...args, '--grid', 'vm.count=1,50', '--out', 'backlog.csv']));
    expect(sweep).toMatch(/--grid vm\.count=1: the unbounded backlog of platform "vm" .* GiB by the end: refused/);
  });

  it('--replications 120000000 is refused by the memory of its tasks', async () => {
    expect(oneLine(await h.sim(['sweep', small, '--replications', '120000000', '--out', 'reps.csv']))).toMatch(/120,000,000 runs would hold about .* GiB of jobs and results: refused/);
    expect(oneLine(await h.sim(['optimize', small, '--slo', 'p99<1s', '--replications', '120000000']))).toMatch(/240,000,000 runs would hold/);
  });

  it('breakeven refuses an expensive end and a text field', async () => {
    expect(oneLine(await h.sim(['breakeven', small, '--vary', 'traffic.rps', '--between', '1,1e9']))).toMatch(/--vary traffic\.rps=1000000000, an estimated .* refused/);
    expect(oneLine(await h.sim(['breakeven', small, '--vary', 'name', '--between', '1,200']))).toMatch(/^sim: --vary: "name" is not allowed: a field that holds a number \(it holds text\)$/);
  });
});

describe('output paths are checked before the work', () => {
  it('an empty path, a directory, a path below a file, /proc: exit 2, one line, nothing written', async () => {
    writeFileSync(join(h.work, 'afile'), 'x');
    mkdirSync(join(h.work, 'adir'), { recursive: true });
    const cases: [string[], RegExp][] = [
      [['run', small, '--out', ''], /^sim: --out: "" is not allowed: a directory path$/],
      [['run', small, '--report', 'adir'], /^sim: --report: "adir" is not allowed: a file path, and this is a directory$/],
      [['run', small, '--report', 'afile/x.html'], /^sim: --report: "afile\/x\.html" is not allowed: a directory \(this path, or a parent of it, is a file\)$/],
      [['run', small, '--out', 'afile/run'], /^sim: --out: "afile\/run" is not allowed: a directory \(this path, or a parent of it, is a file\)$/],
      [['run', small, '--out', '/proc/x'], /^sim: --out: "\/proc\/x" is not allowed: a directory that can be created \(\/proc\/x: /],
      [['sweep', small, '--out', 'adir'], /^sim: --out: "adir" is not allowed: a file path, and this is a directory$/],
      [['sweep', small, '--out', ''], /^sim: --out: "" is not allowed: a file path$/],
      [['report', 'adir', '--out', 'adir'], /^sim: --out: "adir" is not allowed: a path other than the input adir/],
    ];
    for (const [args, message] of cases) expect(oneLine(await h.sim(args))).toMatch(message);
    expect(readdirSync(join(h.work, 'adir'))).toEqual([]);
  });

  it('a missing parent is created', async () => {
    const r = await h.sim(['run', small, '--report', 'new/parent/run.html']);
    expect(r.code).toBe(0);
    expect(existsSync(join(h.work, 'new/parent/run.html'))).toBe(true);
  });
});
