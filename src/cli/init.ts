/**
 * `sim init [file]`: writes a commented scenario from the numbers a team has, or from its
 * request logs (--from-logs). On a terminal, what the flags leave out is asked
 * (@inquirer/prompts); in a script (no terminal, or --no-input) the flags are all there is,
 * and a missing required figure is bad input naming the flag. The library does the work
 * (src/init/, src/logs/, src/fit/); this file parses, asks, calls and prints.
 */
import type * as inquirer from '@inquirer/prompts';
import { Option, type Command } from 'commander';
import { InputError } from '../errors.js';
import type { LogsAnalysis } from '../init/draft-from-logs.js';
import type { CpuShareInputs, TrafficInputs } from '../init/draft-from-numbers.js';
import { DEFAULT_PLATFORMS, PLATFORM_CHOICES, type PlatformChoice, type PlatformInputs } from '../init/platforms-draft.js';
import { durationText, sig } from '../init/scenario-draft.js';
import { LOG_FORMATS, type LogFormat } from '../logs/log-formats.js';
import type { LogReadReport, TimestampAt } from '../logs/read-logs.js';
import { parseBytes, parseDuration, parseMemory } from '../scenario/units.js';
import { parseChoice } from './parse-flags.js';
import { join, dirname } from 'node:path';

export interface InitFlags {
  fromLogs?: string[];
  logFormat: string;
  strict: boolean;
  timestampAt?: string;
  timeScale: string;
  name?: string;
  requestsPerDay?: string;
  meanRps?: string;
  peakRps?: string;
  peakHour: string;
  weekendFactor: string;
  p50?: string;
  p95?: string;
  cpuShare?: string;
  cpuUtilization?: string;
  atRps?: string;
  responseSize?: string;
  memory: string;
  region: string;
  platforms: string;
  cpu: string;
  concurrency: string;
  machineType: string;
  vmCount: string;
  force: boolean;
  input: boolean;
}

const positive = (flag: string, value: string, allowZero = false): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (allowZero ? n < 0 : n <= 0)) {
    throw new InputError(`${flag}: ${JSON.stringify(value)} is not allowed: a number ${allowZero ? '>= 0' : '> 0'}`);
  }
  return n;
};
const fraction = (flag: string, value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InputError(`${flag}: ${JSON.stringify(value)} is not allowed: a number from 0 to 1`);
  return n;
};
const integer = (flag: string, value: string, min: number, max: number): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InputError(`${flag}: ${JSON.stringify(value)} is not allowed: an integer from ${min} to ${max}`);
  return n;
};
const latency = (flag: string, value: string): number => {
  const s = parseDuration(/^[\d.]+$/.test(value) ? Number(value) : value);
  if (s === undefined || !(s > 0)) throw new InputError(`${flag}: ${JSON.stringify(value)} is not allowed: a duration > 0 such as 80ms or 0.08`);
  return s;
};
const bytes = (flag: string, value: string): number => {
  const b = parseBytes(/^\d+$/.test(value) ? Number(value) : value);
  if (b === undefined) throw new InputError(`${flag}: ${JSON.stringify(value)} is not allowed: a size in bytes such as 16384 or 16KiB`);
  return b;
};

/** The prompts used, injectable so that a test can answer them (test/cli/init-prompts.test.ts). */
export interface Prompts {
  input: typeof inquirer.input;
  number: typeof inquirer.number;
  select: typeof inquirer.select;
  checkbox: typeof inquirer.checkbox;
}

/** Asks through the prompt library, or fails naming the flag when there is no terminal. */
interface Asker extends Prompts {
  readonly interactive: boolean;
  ask<T>(flag: string, what: string, prompt: () => Promise<T>): Promise<T>;
}

function asker(interactive: boolean, prompts: Prompts): Asker {
  return {
    ...prompts,
    interactive,
    async ask(flag, what, prompt) {
      if (!interactive) throw new InputError(`sim init: ${flag} is required without a terminal: ${what}`);
      return prompt();
    },
  };
}

async function platformInputs(flags: InitFlags, a: Asker, given: (name: string) => boolean): Promise<PlatformInputs> {
  let platforms = flags.platforms.split(',').map((p) => parseChoice('--platforms', p.trim(), PLATFORM_CHOICES));
  let memory = flags.memory;
  let region = flags.region;
  if (a.interactive && !given('platforms')) {
    platforms = await a.checkbox<PlatformChoice>({
      message: 'Platforms to compare',
      choices: [
        { value: 'cloud-run', name: `Cloud Run (${flags.cpu} vCPU, concurrency ${flags.concurrency})`, checked: true },
        { value: 'vm', name: `Compute Engine (${flags.vmCount} x ${flags.machineType})`, checked: true },
      ],
      required: true,
    });
  }
  if (a.interactive && !given('memory') && platforms.includes('cloud-run')) memory = await a.input({ message: 'Cloud Run memory', default: memory, validate: (v) => parseMemory(v) !== undefined || 'a size such as 512Mi or 1Gi' });
  if (a.interactive && !given('region')) region = await a.input({ message: 'Region', default: region });
  if (parseMemory(memory) === undefined) throw new InputError(`--memory: ${JSON.stringify(memory)} is not allowed: a size such as 512Mi or 1Gi`);
  return {
    platforms,
    region,
    memory,
    cloudRunCpu: positive('--cpu', flags.cpu),
    concurrency: integer('--concurrency', flags.concurrency, 1, 1000),
    machineType: flags.machineType,
    vmCount: integer('--vm-count', flags.vmCount, 1, 1000),
  };
}

async function cpuInputs(flags: InitFlags, a: Asker, vcpu: number): Promise<CpuShareInputs> {
  if (flags.cpuShare !== undefined) return { kind: 'share', share: fraction('--cpu-share', flags.cpuShare), assumed: false };
  if (flags.cpuUtilization !== undefined || flags.atRps !== undefined) {
    if (flags.cpuUtilization === undefined || flags.atRps === undefined) throw new InputError('--cpu-utilization and --at-rps go together: the CPU utilisation measured at that request rate');
    return { kind: 'utilization', utilization: fraction('--cpu-utilization', flags.cpuUtilization), atRps: positive('--at-rps', flags.atRps), vcpu };
  }
  if (!a.interactive) return { kind: 'share', share: 0.5, assumed: true };
  const how = await a.select({
    message: 'How much of a request is CPU work (the rest is waiting on a database or an API)?',
    choices: [
      { value: 'share', name: 'I know the share of the latency that is CPU' },
      { value: 'utilization', name: 'I know the CPU utilisation at some request rate' },
      { value: 'assume', name: "I don't know: assume half" },
    ],
  });
  if (how === 'share') return { kind: 'share', share: (await a.number({ message: 'CPU share of the latency (0 to 1)', min: 0, max: 1, step: 'any', required: true }))!, assumed: false };
  if (how === 'utilization') {
    const utilization = (await a.number({ message: `CPU utilisation of one ${vcpu}-vCPU instance (0 to 1)`, min: 0, max: 1, step: 'any', required: true }))!;
    const atRps = (await a.number({ message: 'at this many requests per second on that instance', min: 0, step: 'any', required: true }))!;
    return { kind: 'utilization', utilization, atRps, vcpu };
  }
  return { kind: 'share', share: 0.5, assumed: true };
}

const askLatency = (a: Prompts, message: string) => async (): Promise<number> => {
  const text = await a.input({ message, validate: (v) => (parseDuration(/^[\d.]+$/.test(v) ? Number(v) : v) ?? 0) > 0 || 'a duration such as 80ms or 0.25s' });
  return latency('latency', text);
};

async function trafficInputs(flags: InitFlags, a: Asker): Promise<TrafficInputs> {
  const peak = flags.peakRps === undefined ? undefined : positive('--peak-rps', flags.peakRps);
  if (flags.requestsPerDay !== undefined && flags.meanRps !== undefined) throw new InputError('--requests-per-day and --mean-rps: give one of them');
  if (flags.requestsPerDay !== undefined) return { kind: 'per-day', requestsPerDay: positive('--requests-per-day', flags.requestsPerDay), peakRps: peak };
  if (flags.meanRps !== undefined) return { kind: 'rps', meanRps: positive('--mean-rps', flags.meanRps), peakRps: peak };
  return a.ask('--requests-per-day or --mean-rps', 'the traffic (or --from-logs FILE)', async () => {
    const kind = await a.select({ message: 'Traffic', choices: [{ value: 'per-day', name: 'requests per day' }, { value: 'rps', name: 'mean requests per second' }] });
    const value = (await a.number({ message: kind === 'per-day' ? 'Requests per day' : 'Mean requests per second', min: 0, step: 'any', required: true }))!;
    const askedPeak = peak ?? (await a.number({ message: 'Peak requests per second in the busiest hour (empty: a flat day)', min: 0, step: 'any' }));
    return kind === 'per-day' ? { kind, requestsPerDay: value, peakRps: askedPeak } : { kind, meanRps: value, peakRps: askedPeak };
  });
}

function printLogReport(report: LogReadReport, analysis: LogsAnalysis, out: (t: string) => void): void {
  for (const f of report.files) {
    out(`read ${f.path}: ${f.format}, ${f.lines} lines, ${f.requests} requests, ${f.notRequests} other lines, ${f.malformed} malformed (skipped); times read as request ${f.timestampAt}\n`);
  }
  for (const m of report.malformed) out(`  ${m.path}:${m.line}: ${m.reason}\n`);
  if (report.malformedCount > report.malformed.length) out(`  ... and ${report.malformedCount - report.malformed.length} more malformed lines\n`);
  out(`trace: ${analysis.requests} requests from ${analysis.firstIso} to ${analysis.lastIso} (${sig(analysis.spanSeconds, 6)} s)\n`);
  const { fit, service } = analysis;
  if (fit !== null && service !== null) {
    out(`service time: ${fit.n} requests that arrived with ${service.level === 0 ? 'nothing' : `at most ${service.level}`} in flight (${sig(service.aloneShare * 100, 3)} % of ${service.eligible} eligible)\n`);
    for (const d of [fit.best, fit.other]) {
      const f = d.fit;
      const params = f.dist === 'lognormal' ? `mu ${sig(f.mu, 5)} sigma ${sig(f.sigma, 4)}` : `shape ${sig(f.shape, 4)} scale ${durationText(f.scale)}`;
      out(`  ${d === fit.best ? 'chosen ' : 'other  '} ${f.dist.padEnd(9)} ${params}; mean ${durationText(f.mean)} cv ${sig(f.cv, 4)}; AIC ${sig(d.aic, 6)}; KS D ${sig(d.ks, 3)} (5 % critical ${sig(fit.ksCritical5, 3)})\n`);
    }
    out(`  all requests, queueing included: mean latency ${durationText(analysis.allMeanLatency)}\n`);
  }
  if (analysis.bytes !== null) out(`response size: mean ${Math.round(analysis.bytes.mean)} B, median ${Math.round(analysis.bytes.p50)} B, p95 ${Math.round(analysis.bytes.p95)} B\n`);
}

export async function initCommand(
  file: string | undefined,
  flags: InitFlags,
  given: (name: string) => boolean,
  out: (t: string) => void,
  terminal: { interactive?: boolean; prompts?: Prompts } = {},
): Promise<void> {
  const interactive = flags.input && (terminal.interactive ?? (process.stdin.isTTY === true && process.stdout.isTTY === true));
  // The libraries load when the command runs, not at start-up (issue 12).
  const a = asker(interactive, terminal.prompts ?? (await import('@inquirer/prompts')));
  const { checkWritable, traceFileFor, writeInit } = await import('../init/write-init.js');
  const path = file ?? 'scenario.yaml';
  const name = flags.name ?? (path.split(/[\\/]/).pop() ?? 'scenario').replace(/\.(ya?ml|json)$/i, '').replace(/[^A-Za-z0-9_-]/g, '-');
  const platforms = await platformInputs(flags, a, given);
  const cpu = await cpuInputs(flags, a, platforms.cloudRunCpu);
  let written: string[];
  if (flags.fromLogs !== undefined && flags.fromLogs.length > 0) {
    const traceFile = traceFileFor(path);
    checkWritable([path, join(dirname(path), traceFile)], flags.force);
    const { readLogs } = await import('../logs/read-logs.js');
    const { draftFromLogs } = await import('../init/draft-from-logs.js');
    const { sample, report } = await readLogs(flags.fromLogs, {
      format: parseChoice('--log-format', flags.logFormat, LOG_FORMATS) as LogFormat,
      strict: flags.strict,
      ...(flags.timestampAt !== undefined ? { timestampAt: parseChoice('--timestamp-at', flags.timestampAt, ['start', 'end'] as TimestampAt[]) } : {}),
    });
    const hasLatency = report.requestsWithoutLatency < sample.length;
    const p50 = flags.p50 !== undefined ? latency('--p50', flags.p50) : !hasLatency ? await a.ask('--p50', 'the logs have no latencies: the median latency on an idle instance', askLatency(a, 'p50 latency on an idle instance (e.g. 80ms)')) : undefined;
    const p95 = flags.p95 !== undefined ? latency('--p95', flags.p95) : !hasLatency ? await a.ask('--p95', 'the logs have no latencies: the 95th percentile on an idle instance', askLatency(a, 'p95 latency on an idle instance (e.g. 200ms)')) : undefined;
    const { draft, analysis } = draftFromLogs(sample, report, {
      ...platforms,
      name,
      traceFile,
      timeScale: positive('--time-scale', flags.timeScale),
      cpu,
      p50,
      p95,
      responseBytes: flags.responseSize === undefined ? undefined : bytes('--response-size', flags.responseSize),
    });
    printLogReport(report, analysis, out);
    written = await writeInit(draft, path);
  } else {
    checkWritable([path], flags.force);
    const traffic = await trafficInputs(flags, a);
    const p50 = flags.p50 !== undefined ? latency('--p50', flags.p50) : await a.ask('--p50', 'the median latency of the endpoint on an idle instance', askLatency(a, 'p50 latency on an idle instance (e.g. 80ms)'));
    const p95 = flags.p95 !== undefined ? latency('--p95', flags.p95) : await a.ask('--p95', 'the 95th percentile latency on an idle instance', askLatency(a, 'p95 latency on an idle instance (e.g. 200ms)'));
    let responseSize = flags.responseSize ?? '16KiB';
    if (interactive && !given('responseSize')) responseSize = await a.input({ message: 'Typical response size', default: responseSize, validate: (v) => parseBytes(/^\d+$/.test(v) ? Number(v) : v) !== undefined || 'a size such as 16384 or 16KiB' });
    const { draftFromNumbers } = await import('../init/draft-from-numbers.js');
    const draft = draftFromNumbers({
      ...platforms,
      name,
      traffic,
      peakHour: integer('--peak-hour', flags.peakHour, 0, 23),
      weekendFactor: positive('--weekend-factor', flags.weekendFactor, true),
      p50,
      p95,
      cpu,
      responseBytes: bytes('--response-size', responseSize),
    });
    written = await writeInit(draft, path);
  }
  // The file must load as any scenario does: a failure here is a bug, not bad input.
  const { loadScenario } = await import('../scenario/load.js');
  try {
    loadScenario(path);
  } catch (error) {
    throw new Error(`sim init wrote ${path}, but it does not load: ${(error as Error).message}`);
  }
  out(`wrote ${written.join(' and ')}\nnext: sim run ${path}\n`);
}

/** Adds `sim init` to the program. */
export function registerInit(program: Command, stdout: (text: string) => void): void {
  const command = program
    .command('init')
    .description("write a commented scenario from your service's numbers or its request logs")
    .argument('[file]', 'the scenario to write: YAML (with comments) when it ends .yaml/.yml, else JSON', 'scenario.yaml')
    .option('--from-logs <files...>', 'request logs: Cloud Logging JSON/NDJSON exports (Cloud Run, load balancer), nginx, Apache, uvicorn; .gz accepted')
    .addOption(new Option('--log-format <format>', 'log format').choices(LOG_FORMATS).default('auto'))
    .option('--strict', 'stop at the first malformed log line instead of skipping it', false)
    .addOption(new Option('--timestamp-at <when>', "read log times as each request's start or end (default per format: see README)").choices(['start', 'end']))
    .option('--time-scale <x>', 'simulated time = log time x this (0.5 replays twice as fast)', '1')
    .option('--name <name>', 'scenario name (default: from the file name)')
    .option('--requests-per-day <n>', 'traffic: requests per day')
    .option('--mean-rps <x>', 'traffic: mean requests per second')
    .option('--peak-rps <x>', 'traffic: requests per second at the busiest hour (a daily cosine up to twice the weekday mean; past it, a daily triangle)')
    .option('--peak-hour <h>', 'the busiest hour, UTC', '14')
    .option('--weekend-factor <x>', "a weekend day's traffic relative to a weekday", '1')
    .option('--p50 <duration>', 'median latency on an idle instance, e.g. 80ms')
    .option('--p95 <duration>', '95th percentile latency on an idle instance, e.g. 200ms')
    .option('--cpu-share <x>', 'share of the latency that is CPU work, 0 to 1 (default: asked, or 0.5 assumed)')
    .option('--cpu-utilization <x>', 'CPU utilisation (0 to 1) of one instance measured at --at-rps')
    .option('--at-rps <x>', 'the request rate of that --cpu-utilization figure')
    .option('--response-size <bytes>', 'response size when the logs have none, e.g. 16KiB (default 16KiB)')
    .option('--memory <size>', 'Cloud Run memory', DEFAULT_PLATFORMS.memory)
    .option('--region <region>', 'Cloud Run region', DEFAULT_PLATFORMS.region)
    .option('--platforms <list>', 'platforms to compare: cloud-run, vm or both', DEFAULT_PLATFORMS.platforms.join(','))
    .option('--cpu <vcpu>', 'Cloud Run vCPU per instance', String(DEFAULT_PLATFORMS.cloudRunCpu))
    .option('--concurrency <n>', 'Cloud Run max concurrent requests per instance', String(DEFAULT_PLATFORMS.concurrency))
    .option('--machine-type <type>', 'Compute Engine machine type', DEFAULT_PLATFORMS.machineType)
    .option('--vm-count <n>', 'number of VMs', String(DEFAULT_PLATFORMS.vmCount))
    .option('--force', 'overwrite existing files', false)
    .option('--no-input', 'never prompt, even on a terminal (flags and defaults only)');
  command.action((file: string, flags: InitFlags) =>
    initCommand(file, flags, (name) => command.getOptionValueSource(name) === 'cli', stdout),
  );
}
