import type { Command } from 'commander';
import { InputError } from '../errors.js';
import type { Evaluation, MetricField } from '../experiment/breakeven.js';
import type { Interval } from '../experiment/interval.js';
import { formatMilliseconds, formatPercent, formatUsd } from '../output/format-human.js';
import { formatNumber } from '../output/format-number.js';
import { parseInteger, parseWorkers } from './experiment-flags.js';
import { collect, parseChoice, parsePositiveDuration, parseSeed } from './parse-flags.js';
import { textTable } from './text-table.js';

export interface BreakevenFlags {
  readonly vary: string;
  readonly between: string;
  readonly replications: string;
  readonly metric: string;
  readonly tolerance: string;
  readonly seed: string;
  readonly set: string[];
  readonly workers?: string;
  readonly maxTime: string;
  readonly platforms?: string;
}

function parseBetween(text: string): [number, number] {
  const parts = text.split(',').map((p) => p.trim());
  const numbers = parts.map(Number);
  if (parts.length !== 2 || parts.some((p) => p === '') || numbers.some((n) => !Number.isFinite(n)) || !(numbers[0]! < numbers[1]!)) {
    throw new InputError(`--between: ${JSON.stringify(text)} is not allowed: two numbers a,b with a < b, e.g. 1,200`);
  }
  return [numbers[0]!, numbers[1]!];
}

function parseFraction(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !(n > 0 && n < 1)) throw new InputError(`${flag}: ${JSON.stringify(text)} is not allowed: a fraction between 0 and 1, e.g. 0.02`);
  return n;
}

function parsePlatforms(text: string): [string, string] {
  const names = text.split(',').map((p) => p.trim());
  if (names.length !== 2 || names.some((n) => n === '')) throw new InputError(`--platforms: ${JSON.stringify(text)} is not allowed: two platform names a,b`);
  return [names[0]!, names[1]!];
}

/** `value ± half` with the given formatter; the ± part left out when undefined. */
function withHalf(i: Interval, format: (x: number) => string): string {
  return Number.isNaN(i.half) ? format(i.mean) : `${format(i.mean)} ± ${format(i.half)}`;
}

/** A value of the varied parameter for people: 4 significant digits. */
const short = (x: number): string => formatNumber(Number(x.toPrecision(4)));

function evaluationTable(e: Evaluation, metric: MetricField): string {
  const extra = metric === 'cost_total_usd' ? [] : [metric];
  const header = ['platform', 'cost_total_usd', 'cost_per_million_usd', 'latency_p95_ms', 'lost_%', ...extra];
  const rows = e.platforms.map((p) => [
    p.platform,
    withHalf(p.costTotal, formatUsd),
    withHalf(p.costPerMillion, formatUsd),
    withHalf(p.latencyP95, formatMilliseconds),
    formatPercent(p.rejectFraction.mean),
    ...(extra.length > 0 ? [withHalf(p.metric, formatNumber)] : []),
  ]);
  return textTable(header, rows);
}

/**
 * `sim breakeven`: the value of one parameter where the cheaper of two platforms changes
 * (findBreakeven's search), with both platforms' costs and p95 latency just below and just above it.
 */
export async function breakevenCommand(file: string, flags: BreakevenFlags, stdout: (text: string) => void): Promise<void> {
  const [low, high] = parseBetween(flags.between);
  const { findBreakeven, METRIC_FIELDS } = await import('../experiment/breakeven.js');
  const { createJobPool } = await import('../experiment/job-pool.js');
  const metric = parseChoice('--metric', flags.metric, METRIC_FIELDS);
  const spec = {
    file,
    sets: flags.set,
    vary: flags.vary,
    low,
    high,
    replications: parseInteger('--replications', flags.replications, 1),
    seed: parseSeed(flags.seed),
    metric,
    tolerance: parseFraction('--tolerance', flags.tolerance),
    maxSeconds: parsePositiveDuration('--max-time', flags.maxTime),
    ...(flags.platforms !== undefined ? { platforms: parsePlatforms(flags.platforms) } : {}),
  };
  const pool = createJobPool(Math.max(1, Math.min(parseWorkers(flags.workers), spec.replications * 2)), undefined, { warm: true });
  const tty = process.stderr.isTTY === true;
  const onEvaluation = (e: Evaluation): void => {
    if (!tty) return;
    const parts = e.platforms.map((p) => `${p.platform} ${formatNumber(Number(p.metric.mean.toPrecision(4)))}`);
    process.stderr.write(`breakeven: ${spec.vary}=${formatNumber(e.value)}: ${metric} ${parts.join(', ')}\n`);
  };
  let result;
  try {
    result = await findBreakeven(spec, pool, onEvaluation);
  } finally {
    await pool.close();
  }
  // Only a search with a budget stops early, and this one has none.
  if (result.state === 'stopped') throw new Error('breakeven: the search stopped without a budget');

  const lines: string[] = [];
  const names = (result.state === 'crossing' ? result.below : result.low).platforms.map((p) => p.platform);
  lines.push(
    `breakeven of ${metric} between ${names.join(' and ')} over ${spec.vary} from ${formatNumber(low)} to ${formatNumber(high)}`,
    `(mean of ${spec.replications} replication${spec.replications === 1 ? '' : 's'} per value, ± 95 % CI; seed ${spec.seed}; ${result.evaluations} values simulated)`,
    '',
  );
  if (result.state === 'no-crossing') {
    lines.push(
      result.lower !== undefined
        ? `no crossing between ${formatNumber(low)} and ${formatNumber(high)}: ${result.lower} has the lower ${metric} at both ends`
        : `no crossing found between ${formatNumber(low)} and ${formatNumber(high)}: the two are equal, or undefined, at an end`,
      '',
      `${spec.vary} = ${formatNumber(low)}`,
      evaluationTable(result.low, metric),
      `${spec.vary} = ${formatNumber(high)}`,
      evaluationTable(result.high, metric),
    );
  } else {
    const bracket = result.integer
      ? `between ${formatNumber(result.below.value)} and ${formatNumber(result.above.value)}`
      : `bracket ${formatNumber(result.below.value)} .. ${formatNumber(result.above.value)}, ${formatNumber(spec.tolerance * 100)} % tolerance`;
    lines.push(
      `crossing at ${spec.vary} ≈ ${short(result.estimate)} (${bracket}): ${result.lowerBelow} has the lower ${metric} below it, ${result.lowerAbove} above`,
      '',
      `just below: ${spec.vary} = ${formatNumber(result.below.value)}`,
      evaluationTable(result.below, metric),
      `just above: ${spec.vary} = ${formatNumber(result.above.value)}`,
      evaluationTable(result.above, metric),
    );
  }
  stdout(lines.join('\n'));
}

/** Adds `sim breakeven` to the program. */
export function registerBreakeven(program: Command, stdout: (text: string) => void): void {
  program
    .command('breakeven')
    .description('find where the cheaper of two platforms changes as one parameter varies (a bracketing search over simulated runs)')
    .argument('<scenario>', 'scenario file (JSON) with two platforms')
    .requiredOption('--vary <path>', 'the scenario path to vary, e.g. traffic.meanRps')
    .requiredOption('--between <a,b>', 'the interval searched, e.g. 1,200')
    .option('--replications <n>', 'replications per value (the mean is compared)', '3')
    .option('--metric <field>', 'summary field compared', 'cost_total_usd')
    .option('--tolerance <fraction>', 'stop when the bracket is narrower than this fraction of its midpoint', '0.02')
    .option('--platforms <a,b>', 'the two platforms compared (default: the scenario\'s two)')
    .option('--seed <n>', 'seed (non-negative integer)', '1')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--workers <n>', 'worker threads (default: every core)')
    .option('--max-time <duration>', 'refuse work estimated to take longer than this (wall-clock, shared by the workers)', '1h')
    .action((file: string, flags: BreakevenFlags) => breakevenCommand(file, flags, stdout));
}
