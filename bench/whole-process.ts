import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './repo-root.js';

/** One whole process, measured: wall seconds around it, its own CPU seconds and peak RSS. */
export interface ProcessRun {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly maxRssMiB: number;
  readonly stdout: string;
}

const MARK = 'scalesim-bench-usage ';
const PRELOAD = new URL('./exit-usage.js', import.meta.url).href;

/**
 * Python preamble: the same figures at exit from getrusage(RUSAGE_SELF) (every thread of the
 * process; ru_maxrss in KiB on Linux).
 */
export const PYTHON_USAGE_PREAMBLE = [
  'import atexit, resource, sys',
  'def _report():',
  '    r = resource.getrusage(resource.RUSAGE_SELF)',
  `    sys.stderr.write('\\n${MARK}{"cpuSeconds": %r, "maxRssMiB": %r}\\n' % (r.ru_utime + r.ru_stime, r.ru_maxrss / 1024))`,
  'atexit.register(_report)',
  '',
].join('\n');

/** Runs a command to its end and reads the usage line it wrote at exit. */
export function measure(command: string, args: readonly string[], options: { readonly input?: string; readonly env?: NodeJS.ProcessEnv } = {}): ProcessRun {
  const t0 = performance.now();
  const r = spawnSync(command, args, {
    cwd: repoRoot(),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    ...(options.input !== undefined ? { input: options.input } : {}),
    env: { ...process.env, ...options.env },
  });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`bench: ${command} ${args.join(' ')} exited ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
  const line = (r.stderr ?? '').split('\n').reverse().find((l) => l.startsWith(MARK));
  if (line === undefined) throw new Error(`bench: ${command} ${args.join(' ')} reported no usage`);
  const usage = JSON.parse(line.slice(MARK.length)) as { cpuSeconds: number; maxRssMiB: number };
  return { wallSeconds, cpuSeconds: usage.cpuSeconds, maxRssMiB: usage.maxRssMiB, stdout: r.stdout };
}

/** A Node process with the usage preload: `node --import exit-usage.js ...args`. */
export function measureNode(args: readonly string[], options: { readonly env?: NodeJS.ProcessEnv } = {}): ProcessRun {
  return measure(process.execPath, ['--import', PRELOAD, ...args], options);
}

/** `sim ...` as a user runs it (bin/sim.js), measured. */
export function measureSim(args: readonly string[]): ProcessRun {
  return measureNode([fileURLToPath(new URL('../../bin/sim.js', import.meta.url)), ...args]);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
