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
 *
 * The machine is shared: a throughput case runs `repeat` times, each in a fresh process, and
 * the fastest run is reported with the spread beside it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bestOf, CASE_NAMES, runCase, type CaseName, type CaseResult } from './cases.js';
import { formatReport } from './format-report.js';
import { buildReport } from './report.js';

interface Options {
  readonly quick: boolean;
  readonly json: boolean;
  readonly only: readonly CaseName[] | null;
  readonly repeat: number | null;
}

/**
 * [case, scale, runs] in the order they run. Scale 1 is the brief's size (quick: 0.1, and the
 * diurnal week becomes a day); the scale-4 runs show memory against duration. Diurnal (24M
 * requests, about half a minute) and the scale-4 runs go once.
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
    ['mmc', 4 * base, 1],
    ['bare-mmc', 4 * base, 1],
  ];
}

function parseOptions(argv: readonly string[]): Options {
  let quick = false;
  let json = false;
  let only: CaseName[] | null = null;
  let repeat: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--json') json = true;
    else if (arg === '--only') only = parseCases(argv[++i] ?? '');
    else if (arg === '--repeat') {
      repeat = Number(argv[++i]);
      if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`bench: --repeat ${argv[i]} is not allowed: an integer >= 1`);
    }
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: npm run bench -- [--quick] [--json] [--only case,...] [--repeat N]\ncases: ' + CASE_NAMES.join(', ') + '\n');
      process.exit(0);
    } else throw new Error(`bench: unknown option ${arg} (allowed: --quick, --json, --only case,..., --repeat N)`);
  }
  return { quick, json, only, repeat };
}

function parseCases(list: string): CaseName[] {
  return list.split(',').map((name) => {
    if (!(CASE_NAMES as readonly string[]).includes(name)) throw new Error(`bench: unknown case ${JSON.stringify(name)} (allowed: ${CASE_NAMES.join(', ')})`);
    return name as CaseName;
  });
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
    const name = parseCases(argv[1] ?? '')[0]!;
    process.stdout.write(JSON.stringify(runCase(name, Number(argv[2] ?? '1'))) + '\n');
    return;
  }
  const options = parseOptions(argv);
  const results: CaseResult[] = [];
  const repeat = options.repeat ?? (options.quick ? 1 : 3);
  for (const [name, scale, runs] of plan(options.quick, repeat)) {
    if (options.only !== null && name !== 'baseline' && !options.only.includes(name)) continue;
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
  process.stdout.write(options.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
