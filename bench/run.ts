/**
 * `npm run bench`: throughput (simulated requests per wall second) and peak memory of the
 * simulator on four cases (bench/README.md). Each case runs in a fresh child process
 * (`node --expose-gc dist/bench/run.js --child <case> <scale>`, which prints one JSON line),
 * so its peak RSS is its own and not the high-water mark of an earlier case.
 *
 *   npm run bench                 full run (a few minutes)
 *   npm run bench -- --quick      durations cut about tenfold, for a fast check
 *   npm run bench -- --json       the report as JSON on stdout
 *   npm run bench -- --only mmc,bare-mmc
 *   npm run bench -- --repeat 5     runs of each scale-1 throughput case (default 3, quick 1)
 *   npm run bench -- --month      also the month (30 d at 100 req/s, several minutes)
 *   npm run bench -- --only startup,simfaas-anchor,sweep,trace,month   sections (and cases) to run
 *
 * After the cases, whole processes (issue 12): start-up against `node -e ''`, SimFaaS beside
 * `sim` on its README scenario, a sweep's speed-up on 2 workers, and with --month the month;
 * the report ends with every figure beside its goal (bench/goals.ts).
 *
 * The machine is shared: a throughput case runs `repeat` times, each in a fresh process, and
 * the fastest run is reported with the spread beside it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bestOf, CASE_NAMES, runCase, type CaseName, type CaseResult } from './cases.js';
import { formatReport } from './format-report.js';
import { goalLines, type GoalInputs, type SweepSpeedup } from './goals.js';
import { measureMonth } from './month.js';
import { buildReport } from './report.js';
import { compareWithSimfaas } from './simfaas-anchor.js';
import { measureStartup } from './startup.js';
import { measureTraceReplay } from './trace-replay.js';
import { SWEEP_GOAL } from './sweep-efficiency-goal.js';

/** Whole-process sections after the cases. */
export const SECTION_NAMES = ['startup', 'simfaas-anchor', 'sweep', 'trace', 'month'] as const;
type SectionName = (typeof SECTION_NAMES)[number];
type Name = CaseName | SectionName;

interface Options {
  readonly quick: boolean;
  readonly json: boolean;
  readonly only: readonly Name[] | null;
  readonly repeat: number | null;
  readonly month: boolean;
}

/**
 * [case, scale, runs] in the order they run. Scale 1 is the brief's size (quick: 0.1, and the
 * diurnal week becomes a day); the scale-4 runs show memory against duration. Diurnal (24M
 * requests, about half a minute) and SimFaaS at scale 4 go once. M/M/c and its bare loop go
 * `repeat` times at scale 4 too: the per-request goal is their difference with scale 1, and a
 * single noisy scale-4 run moved it by a third (bench/RESULTS.md, 2026-12-01).
 */
function plan(quick: boolean, repeat: number): [CaseName, number, number][] {
  const base = quick ? 0.1 : 1;
  return [
    ['baseline', 1, 1],
    ['simfaas', base, repeat],
    ['diurnal', quick ? 1 / 7 : 1, 1],
    ['diurnal-asyncio', quick ? 1 / 7 : 1, 1],
    ['diurnal-threadpool', quick ? 1 / 7 : 1, 1],
    ['mmc', base, repeat],
    ['mmc-asyncio', base, repeat],
    ['bare-mmc', base, repeat],
    ['simfaas', 4 * base, 1],
    ['mmc', 4 * base, repeat],
    ['bare-mmc', 4 * base, repeat],
  ];
}

function parseOptions(argv: readonly string[]): Options {
  let quick = false;
  let json = false;
  let only: Name[] | null = null;
  let repeat: number | null = null;
  let month = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--json') json = true;
    else if (arg === '--month') month = true;
    else if (arg === '--only') only = parseCases(argv[++i] ?? '');
    else if (arg === '--repeat') {
      repeat = Number(argv[++i]);
      if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`bench: --repeat ${argv[i]} is not allowed: an integer >= 1`);
    }
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: npm run bench -- [--quick] [--json] [--only name,...] [--repeat N] [--month]\ncases: ' + CASE_NAMES.join(', ') + '\nsections: ' + SECTION_NAMES.join(', ') + '\n');
      process.exit(0);
    } else throw new Error(`bench: unknown option ${arg} (allowed: --quick, --json, --only name,..., --repeat N, --month)`);
  }
  return { quick, json, only, repeat, month };
}

function parseCases(list: string): Name[] {
  const allowed: readonly string[] = [...CASE_NAMES, ...SECTION_NAMES];
  return list.split(',').map((name) => {
    if (!allowed.includes(name)) throw new Error(`bench: unknown case or section ${JSON.stringify(name)} (allowed: ${allowed.join(', ')})`);
    return name as Name;
  });
}

/** `sweep-efficiency.js --json` in a child: 8 runs (4 points x 2 replications) on 1 then 2 workers. */
function runSweepSpeedup(quick: boolean): SweepSpeedup {
  const script = fileURLToPath(new URL('./sweep-efficiency.js', import.meta.url));
  const child = spawnSync(process.execPath, [script, '--json', '--repeat', '1', '--no-controls', '--duration', quick ? '3h' : '1d'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`bench: sweep-efficiency failed (exit ${child.status ?? child.signal})`);
  const r = JSON.parse(child.stdout) as Omit<SweepSpeedup, 'goal'>;
  return { sweep: r.sweep, wallSeconds: r.wallSeconds, speedup: r.speedup, identicalOutput: r.identicalOutput, goal: SWEEP_GOAL };
}

/** Runs one case in a fresh `node --expose-gc` and reads the JSON line it prints. */
function runChild(name: CaseName, scale: number): CaseResult {
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', name, String(scale)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`bench: case ${name} x${scale} failed (exit ${child.status ?? child.signal})`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as CaseResult;
}

function main(argv: readonly string[]): void {
  if (argv[0] === '--child') {
    const name = parseCases(argv[1] ?? '')[0]! as CaseName;
    process.stdout.write(JSON.stringify(runCase(name, Number(argv[2] ?? '1'))) + '\n');
    return;
  }
  const options = parseOptions(argv);
  const results: CaseResult[] = [];
  const repeat = options.repeat ?? (options.quick ? 1 : 3);
  const wanted = (name: Name): boolean => options.only === null || options.only.includes(name);
  const onlySections = options.only !== null && options.only.every((n) => (SECTION_NAMES as readonly string[]).includes(n));
  for (const [name, scale, runs] of plan(options.quick, repeat)) {
    if (onlySections || (options.only !== null && name !== 'baseline' && !options.only.includes(name))) continue;
    process.stderr.write(`bench: ${name} x${Number(scale.toPrecision(3))} ...`);
    const each: CaseResult[] = [];
    for (let k = 0; k < runs; k++) {
      each.push(runChild(name, scale));
      process.stderr.write(` ${each[k]!.wallSeconds.toFixed(2)} s`);
    }
    process.stderr.write('\n');
    results.push(bestOf(each));
  }
  const report = buildReport(results, options.quick, options.quick ? 0.1 : 1);
  const goals: { -readonly [K in keyof GoalInputs]: GoalInputs[K] } = { cases: results };
  if (wanted('startup')) {
    process.stderr.write('bench: start-up ...');
    goals.startup = measureStartup(options.quick ? 3 : 5);
    process.stderr.write(` ${goals.startup.cases.map((c) => `${c.name} ${c.ratio.toFixed(1)}x`).join(', ')}\n`);
  }
  if (wanted('simfaas-anchor')) {
    process.stderr.write('bench: SimFaaS beside sim ...');
    goals.simfaas = compareWithSimfaas(options.quick ? 1 : 3);
    process.stderr.write(goals.simfaas.ratio !== null ? ` ${goals.simfaas.ratio.toFixed(1)}x\n` : ` SimFaaS skipped\n`);
  }
  if (wanted('sweep')) {
    process.stderr.write('bench: sweep speed-up ...\n');
    goals.sweep = runSweepSpeedup(options.quick);
  }
  if (wanted('trace')) {
    process.stderr.write('bench: trace replay ...');
    goals.trace = measureTraceReplay(options.quick ? 1 : 3);
    process.stderr.write(` ${goals.trace.medianWallSeconds.toFixed(1)} s\n`);
  }
  if (options.month || (options.only !== null && options.only.includes('month'))) goals.month = measureMonth();
  const lines = goalLines(goals);
  process.stdout.write(options.json ? JSON.stringify({ ...report, goals, goalLines: lines.slice(1) }, null, 2) + '\n' : (results.length > 0 ? formatReport(report) : '') + lines.join('\n') + '\n');
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
