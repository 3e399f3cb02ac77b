import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transpileTree } from '../experiment/transpile-tree.js';
import { runProcess, type ProcessResult } from '../helpers/run-process.js';
import { TINY_SWEEP_SCENARIO } from '../helpers/tiny-scenario.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The CLI as a user runs it, in child processes: src/ transpiled into test/artifacts/ (about a
 * second, not dist/, which test/cli builds at the same time), a launcher that runs `main` as
 * bin/sim.js does, and a scratch directory. One per test file (`name`).
 */
export interface CliHarness {
  readonly work: string;
  readonly launcher: string;
  sim(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<ProcessResult>;
  write(name: string, content: unknown): string;
  cleanup(): void;
}

export function createCliHarness(name: string): CliHarness {
  const build = join(ROOT, 'test', 'artifacts', `${name}-${process.pid}`);
  const work = join(build, 'work');
  const launcher = join(build, 'sim.mjs');
  transpileTree(ROOT, build);
  writeFileSync(launcher, "import { main } from './src/cli/main.js';\nprocess.exitCode = await main(process.argv);\n");
  mkdirSync(work, { recursive: true });
  return {
    work,
    launcher,
    sim: (args, env = {}) => runProcess(process.execPath, [launcher, ...args], { cwd: work, timeoutMs: 120_000, env: { ...process.env, ...env } }),
    write: (file, content) => {
      const path = join(work, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path;
    },
    cleanup: () => rmSync(build, { recursive: true, force: true }),
  };
}

/** Exit 2 with exactly one line on stderr, and no stack trace. */
export function oneLine(r: ProcessResult): string {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  if (r.code !== 2 || lines.length !== 1 || /\n\s+at /.test(r.stderr)) {
    throw new Error(`expected exit 2 with one line, got exit ${r.code}:\n${r.stderr}`);
  }
  return lines[0]!;
}

/**
 * A small scenario: 10 minutes at 5 requests a second on Cloud Run and two e2-medium VMs (the
 * sweep tests' tiny scenario under its own name).
 */
export const SMALL = { ...TINY_SWEEP_SCENARIO, name: 'small' };
