/**
 * Parallel efficiency of `sim sweep`: the same sweep with 1 worker (runs in the main thread)
 * and with 2 worker threads. Each sweep runs in a fresh child process (`--child N`), so both
 * start cold (module loading, JIT) as they do for a user, and is timed around `runSweep` only:
 * the 2-worker time includes starting the threads, each of which loads the simulator itself.
 * Speed-up = t(1) / t(2), best of `--repeat` runs each; efficiency = speed-up / 2. Target:
 * speed-up >= 1.9 on 2 cores (issue 12). The result files must be byte-identical (checked).
 *
 * A shared machine may not give a process its two cores, so each repeat also runs two controls
 * at the same moments: (a) the same sweep split in two halves (concurrency 10, 20 and 40, 80)
 * run by two independent processes at once, one worker each: the speed-up the machine gives
 * this workload without threads, the ceiling for the thread pool; (b) pure arithmetic in 1
 * thread, then split over 2. CPU seconds (all threads of a child) show how much of the cores
 * a sweep got.
 *
 *   npm run build && node dist/bench/sweep-efficiency.js [--duration 1d] [--replications 2] [--repeat 3] [--json] [--no-controls]
 *
 * The sweep: workloads/diurnal.json (Cloud Run and 2 VMs, 20 req/s mean) cut to `--duration`,
 * over cloud-run.concurrency = 10, 20, 40, 80 x `--replications`: 8 runs of about the same
 * length by default, so two workers can split them evenly.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { parseGridFlag } from '../src/experiment/grid.js';
import { runSweep } from '../src/experiment/sweep.js';
import { repoRoot } from './repo-root.js';
import { SWEEP_GOAL } from './sweep-efficiency-goal.js';

interface Options {
  readonly duration: string;
  readonly replications: number;
  readonly repeat: number;
  readonly json: boolean;
  /** Skip the two controls (npm run bench runs the sweeps only, to stay short). */
  readonly controls: boolean;
}

/** What a child prints: one sweep's wall and CPU seconds. */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

const GRID = 'cloud-run.concurrency=10,20,40,80';
const HALVES = ['cloud-run.concurrency=10,20', 'cloud-run.concurrency=40,80'];
const SELF = fileURLToPath(import.meta.url);

function parseOptions(argv: readonly string[]): Options {
  const options = { duration: '1d', replications: 2, repeat: 3, json: false, controls: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => argv[++i] ?? '';
    if (arg === '--duration') options.duration = value();
    else if (arg === '--replications') options.replications = Number(value());
    else if (arg === '--repeat') options.repeat = Number(value());
    else if (arg === '--json') options.json = true;
    else if (arg === '--no-controls') options.controls = false;
    else throw new Error(`sweep-efficiency: unknown option ${arg} (allowed: --duration, --replications, --repeat, --json, --no-controls)`);
  }
  return options;
}

/** In a child: one sweep with `workers`, timed. */
async function child(workers: number, duration: string, replications: number, grid: string, out: string): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runSweep({
    spec: { file: join(repoRoot(), 'workloads', 'diurnal.json'), sets: [`duration=${duration}`, 'warmup=0'], axes: [parseGridFlag(grid)], replications, seed: 1 },
    out,
    workers,
  });
  const used = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (used.user + used.system) / 1e6 };
}

const childArgs = (workers: number, options: Options, grid: string, out: string): string[] => [
  SELF,
  '--child',
  String(workers),
  options.duration,
  String(options.replications),
  grid,
  out,
];

function runChild(workers: number, options: Options, out: string): Timing {
  const r = spawnSync(process.execPath, childArgs(workers, options, GRID, out), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`sweep-efficiency: child with ${workers} workers failed (exit ${r.status ?? r.signal})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Timing;
}

/** Control (a): the two halves of the sweep in two processes at once; the slower one's time. */
async function halvesInTwoProcesses(options: Options, dir: string): Promise<number> {
  const times = await Promise.all(
    HALVES.map(
      (grid, i) =>
        new Promise<number>((resolve, reject) => {
          const proc = spawn(process.execPath, childArgs(1, options, grid, join(dir, `half-${i}.csv`)), { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
          proc.on('error', reject);
          proc.on('exit', (code) => (code === 0 ? resolve((JSON.parse(out.trim().split('\n').pop()!) as Timing).wall) : reject(new Error(`sweep-efficiency: half ${i} failed (exit ${code})`))));
        }),
    ),
  );
  return Math.max(...times);
}

/** The control: `n` units of integer arithmetic (about 0.2 s each on an idle core). */
function spin(units: number): number {
  let x = 0;
  for (let i = 0; i < units * 1e8; i++) x = (x + i * 7) % 1000003;
  return x;
}

/** Control speed-up: 8 units in this thread, then 4 + 4 in two threads. */
async function control(): Promise<{ one: number; two: number }> {
  let t = performance.now();
  spin(8);
  const one = (performance.now() - t) / 1000;
  t = performance.now();
  await Promise.all(
    [0, 1].map(
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(SELF, { argv: ['--spin', '4'] });
          worker.once('message', () => void worker.terminate().then(() => resolve()));
          worker.once('error', reject);
        }),
    ),
  );
  return { one, two: (performance.now() - t) / 1000 };
}

const min = (xs: readonly number[]): number => Math.min(...xs);
const list = (xs: readonly number[]): string => xs.map((x) => x.toFixed(2)).join(', ');

async function main(argv: readonly string[]): Promise<void> {
  if (!isMainThread) {
    parentPort!.postMessage(spin(Number(argv[1])));
    return;
  }
  if (argv[0] === '--child') {
    const timing = await child(Number(argv[1]), argv[2]!, Number(argv[3]), argv[4]!, argv[5]!);
    process.stdout.write(JSON.stringify(timing) + '\n');
    return;
  }
  const options = parseOptions(argv);
  const dir = mkdtempSync(join(tmpdir(), 'scalesim-sweep-bench-'));
  const loadStart = loadavg()[0]!;
  try {
    const sweeps: Record<1 | 2, Timing[]> = { 1: [], 2: [] };
    const controls: { one: number; two: number }[] = [];
    const halves: number[] = [];
    for (let k = 0; k < options.repeat; k++) {
      if (options.controls) {
        controls.push(await control());
        halves.push(await halvesInTwoProcesses(options, dir));
      }
      for (const workers of [1, 2] as const) {
        const timing = runChild(workers, options, join(dir, `w${workers}-${k}.csv`));
        sweeps[workers].push(timing);
        process.stderr.write(`sweep-efficiency: ${workers} worker${workers === 1 ? '' : 's'}: ${timing.wall.toFixed(2)} s wall, ${timing.cpu.toFixed(2)} s CPU\n`);
      }
      const c = controls[k];
      if (c !== undefined) {
        process.stderr.write(`sweep-efficiency: halves in two processes at once: ${halves[k]!.toFixed(2)} s\n`);
        process.stderr.write(`sweep-efficiency: arithmetic: ${c.one.toFixed(2)} s in 1 thread, ${c.two.toFixed(2)} s in 2 (${(c.one / c.two).toFixed(2)}x)\n`);
      }
    }
    const identical = sweeps[1].every((_, k) => readFileSync(join(dir, `w1-${k}.csv`)).equals(readFileSync(join(dir, `w2-${k}.csv`))));
    const wall1 = sweeps[1].map((t) => t.wall);
    const wall2 = sweeps[2].map((t) => t.wall);
    const speedup = min(wall1) / min(wall2);
    const controlSpeedup = options.controls ? min(controls.map((c) => c.one)) / min(controls.map((c) => c.two)) : NaN;
    const processSpeedup = options.controls ? min(wall1) / min(halves) : NaN;
    const report = {
      date: new Date().toISOString(),
      machine: `${availableParallelism()} x ${cpus()[0]?.model ?? 'unknown'}`,
      node: process.version,
      loadAverage: { start: loadStart, end: loadavg()[0]! },
      sweep: `workloads/diurnal.json, duration ${options.duration}, 4 points x ${options.replications} replications = ${4 * options.replications} runs`,
      wallSeconds: { 1: wall1, 2: wall2 },
      cpuSeconds: { 1: sweeps[1].map((t) => t.cpu), 2: sweeps[2].map((t) => t.cpu) },
      controlSeconds: controls,
      halvesInTwoProcessesSeconds: halves,
      speedup,
      efficiency: speedup / 2,
      processSpeedup,
      controlSpeedup,
      identicalOutput: identical,
    };
    if (options.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else {
      process.stdout.write(
        [
          `sweep efficiency ${report.date}`,
          `machine: ${report.machine}, Node ${report.node}, load average ${loadStart.toFixed(2)} at the start, ${report.loadAverage.end.toFixed(2)} at the end`,
          `sweep: ${report.sweep}`,
          `1 worker (main thread): wall ${list(wall1)} s (best ${min(wall1).toFixed(2)}); CPU ${list(report.cpuSeconds[1])} s`,
          `2 worker threads:       wall ${list(wall2)} s (best ${min(wall2).toFixed(2)}); CPU ${list(report.cpuSeconds[2])} s`,
          `speed-up ${speedup.toFixed(2)}x, parallel efficiency ${((speedup / 2) * 100).toFixed(0)} % (goal, issue 12: speed-up >= ${SWEEP_GOAL}: ${speedup >= SWEEP_GOAL ? 'met' : 'not met'})`,
          ...(options.controls
            ? [
                `control (a), the two halves in two processes at once: ${list(halves)} s (best ${min(halves).toFixed(2)}): ${processSpeedup.toFixed(2)}x; the thread pool got ${((speedup / processSpeedup) * 100).toFixed(0)} % of it`,
                `control (b), pure arithmetic in 1 vs 2 threads: ${controlSpeedup.toFixed(2)}x`,
              ]
            : []),
          `outputs byte-identical: ${identical ? 'yes' : 'NO'}`,
          '',
        ].join('\n'),
      );
    }
    if (!identical) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
