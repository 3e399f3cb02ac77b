/**
 * A/B timing of two builds on one `sim` command, alternating them in fresh processes:
 *
 *   node dist/bench/ab.js <other checkout> [--runs 5] -- run workloads/diurnal.json --seed 1
 *
 * `<other checkout>` is another built copy of the repository (a git worktree of the commit to
 * compare with, after `npm ci`). Each round runs this checkout's bin/sim.js, then the other's,
 * with the same arguments from this repository's root; the report gives each side's best and
 * median CPU seconds (user + system, every thread) and wall seconds, the ratio of the best CPU
 * figures, and whether both printed byte-identical output on every run (an optimisation must
 * not change it).
 *
 * Why alternate: on this project's shared 2-core machine a single process's CPU time swings by
 * up to half from one minute to the next (bench/RESULTS.md, 2026-12-01). Runs of two builds
 * taken in turn see the same swings, so the best of each, side by side, is what a change did.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureNode, median, type ProcessRun } from './whole-process.js';

interface Side {
  readonly label: string;
  readonly bin: string;
  readonly runs: ProcessRun[];
}

export interface AbReport {
  readonly args: readonly string[];
  readonly rounds: number;
  readonly sides: readonly { readonly label: string; readonly cpuSeconds: readonly number[]; readonly wallSeconds: readonly number[] }[];
  /** Best CPU of this build over best CPU of the other: below 1 means this build is cheaper. */
  readonly cpuRatio: number;
  readonly identicalOutput: boolean;
}

export function abCompare(other: string, args: readonly string[], rounds: number): AbReport {
  const here: Side = { label: 'this build', bin: fileURLToPath(new URL('../../bin/sim.js', import.meta.url)), runs: [] };
  const there: Side = { label: resolve(other), bin: join(resolve(other), 'bin', 'sim.js'), runs: [] };
  if (!existsSync(there.bin)) throw new Error(`bench: ab: ${there.bin} does not exist (give a built checkout of scalesim)`);
  for (let k = 0; k < rounds; k++) {
    // Which side goes first alternates too, so neither always follows the other's cache.
    const order = k % 2 === 0 ? [here, there] : [there, here];
    for (const side of order) side.runs.push(measureNode([side.bin, ...args]));
  }
  const best = (s: Side): number => Math.min(...s.runs.map((r) => r.cpuSeconds));
  const first = here.runs[0]!.stdout;
  return {
    args,
    rounds,
    sides: [here, there].map((s) => ({ label: s.label, cpuSeconds: s.runs.map((r) => r.cpuSeconds), wallSeconds: s.runs.map((r) => r.wallSeconds) })),
    cpuRatio: best(here) / best(there),
    identicalOutput: [...here.runs, ...there.runs].every((r) => r.stdout === first),
  };
}

export function formatAb(r: AbReport): string {
  const f = (x: number): string => x.toFixed(2);
  const lines = [`sim ${r.args.join(' ')}: ${r.rounds} rounds, alternating`];
  for (const s of r.sides) {
    lines.push(`  ${s.label}: CPU best ${f(Math.min(...s.cpuSeconds))} s, median ${f(median(s.cpuSeconds))} s; wall best ${f(Math.min(...s.wallSeconds))} s, median ${f(median(s.wallSeconds))} s`);
  }
  lines.push(`  CPU, best over best: ${r.cpuRatio.toFixed(3)} (${((1 - r.cpuRatio) * 100).toFixed(1)} % less)`);
  lines.push(`  output byte-identical on every run: ${r.identicalOutput ? 'yes' : 'NO'}`);
  return lines.join('\n');
}

function main(argv: readonly string[]): number {
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const args = dash < 0 ? [] : argv.slice(dash + 1);
  let rounds = 5;
  let other: string | undefined;
  for (let i = 0; i < own.length; i++) {
    if (own[i] === '--runs') {
      rounds = Number(own[++i]);
      if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`bench: ab: --runs ${own[i]} is not allowed: an integer >= 1`);
    } else if (other === undefined) other = own[i];
    else throw new Error(`bench: ab: unexpected ${own[i]}`);
  }
  if (other === undefined || args.length === 0) {
    process.stderr.write('usage: node dist/bench/ab.js <other built checkout> [--runs N] -- <sim arguments>\n');
    return 2;
  }
  const report = abCompare(other, args, rounds);
  process.stdout.write(formatAb(report) + '\n');
  return report.identicalOutput ? 0 : 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
