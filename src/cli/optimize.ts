import type { Command } from 'commander';
import type { Interval } from '../experiment/interval.js';
import type { OptimizeResult, PlatformOptimum, PointOutcome } from '../experiment/optimize.js';
import { meets, parseSlo, type Slo } from '../experiment/slo.js';
import { formatMilliseconds, formatPercent, formatUsd } from '../output/format-human.js';
import { parseGrids, parseInteger, parseWorkers } from './experiment-flags.js';
import { collect, parsePositiveDuration, parseSeed } from './parse-flags.js';
import { terminalProgressBar } from './sweep-progress.js';
import { textTable } from './text-table.js';

export interface OptimizeFlags {
  readonly slo: string[];
  readonly grid: string[];
  readonly set: string[];
  readonly replications: string;
  readonly seed: string;
  readonly workers?: string;
  readonly maxTime: string;
}

/** An objective's value for people: ms for latencies, % for the reject share. */
function sloText(slo: Slo, x: number): string {
  return slo.kind === 'latency' ? `${formatMilliseconds(x)} ms` : `${formatPercent(x)} %`;
}

function withHalf(i: Interval, format: (x: number) => string): string {
  return Number.isNaN(i.half) ? format(i.mean) : `${format(i.mean)} ± ${format(i.half)}`;
}

function pointName(p: PlatformOptimum, o: PointOutcome): string {
  return p.axes.length === 0 ? '(the scenario as given)' : p.axes.map((axis, i) => `${axis.path}=${o.values[i]!}`).join(' ');
}

function verdict(o: PointOutcome): string {
  return o.confident ? 'meets with confidence' : o.meets ? 'meets on the mean' : 'does not meet';
}

function describePoint(o: PointOutcome, slos: readonly Slo[], replications: number): string[] {
  const lines = [`    cost   $${withHalf(o.cost, formatUsd)}`];
  slos.forEach((slo, i) => {
    const value = o.slo[i]!;
    const met = Number.isNaN(value.half)
      ? meets(slo, value.mean)
        ? ': met (one replication: no CI)'
        : ': not met'
      : meets(slo, value.mean + value.half)
        ? ': meets with confidence (the 95 % CI is within the limit)'
        : meets(slo, value.mean)
          ? ': meets on the mean only (the 95 % CI reaches past the limit)'
          : ': not met';
    lines.push(`    ${slo.label.padEnd(6)} ${withHalf(value, (x) => sloText(slo, x))} (objective ${slo.inclusive ? '<=' : '<'} ${sloText(slo, slo.limit)})${met}`);
  });
  if (o.backlogGrowing > 0) lines.push(`    backlog grows without bound in ${o.backlogGrowing} of ${replications} replication${replications === 1 ? '' : 's'}: does not keep up, as sim run judges it`);
  return lines;
}

/** The terminal report of an optimisation. */
export function renderOptimize(result: OptimizeResult, slos: readonly Slo[], replications: number, seed: number): string {
  const out: string[] = [];
  const frontier = slos[result.frontierSlo]!;
  out.push(
    `optimize: the cheapest setting per platform (mean cost_total_usd) meeting ${slos.map((s) => s.text).join(' and ')}`,
    `(objectives judged on the mean of ${replications} replication${replications === 1 ? '' : 's'}, ± 95 % CI; seed ${seed})`,
  );
  for (const p of result.platforms) {
    out.push('', `${p.platform} (${p.points.length} grid point${p.points.length === 1 ? '' : 's'}${p.axes.length > 0 ? ` over ${p.axes.map((a) => a.path).join(', ')}` : ''})`);
    if (p.best !== undefined) {
      out.push(`  cheapest meeting every objective: ${pointName(p, p.best)} (${verdict(p.best)})`, ...describePoint(p.best, slos, replications));
    } else {
      const bounded = p.points.some((o) => o.backlogGrowing > 0) ? ' with its backlog bounded' : '';
      out.push(`  no grid point meets every objective (${slos.map((s) => s.text).join(', ')})${bounded}.`);
      if (p.closest !== undefined) out.push(`  closest: ${pointName(p, p.closest)}`, ...describePoint(p.closest, slos, replications));
    }
    out.push(`  frontier of cost against ${frontier.label} (Pareto-optimal points, cheapest first):`);
    const header = [...(p.axes.length > 0 ? p.axes.map((a) => a.path) : ['point']), 'cost_usd', ...slos.map((s) => `${s.label}${s.kind === 'latency' ? '_ms' : '_%'}`), 'objectives'];
    const rows = p.frontier.map((o) => [
      ...(p.axes.length > 0 ? [...o.values] : ['-']),
      withHalf(o.cost, formatUsd),
      ...slos.map((s, i) => withHalf(o.slo[i]!, s.kind === 'latency' ? formatMilliseconds : formatPercent)),
      o.confident ? 'met (with confidence)' : o.meets ? 'met (on the mean)' : o.backlogGrowing > 0 ? 'not met (backlog grows)' : 'not met',
    ]);
    out.push(textTable(header, rows, '    ').trimEnd());
  }
  return out.join('\n') + '\n';
}

/** `sim optimize`: the cheapest grid point per platform meeting service-level objectives. */
export async function optimizeCommand(file: string, flags: OptimizeFlags, stdout: (text: string) => void): Promise<void> {
  const slos = flags.slo.map(parseSlo);
  const { createJobPool } = await import('../experiment/job-pool.js');
  const { optimize } = await import('../experiment/optimize.js');
  const spec = {
    file,
    sets: flags.set,
    axes: parseGrids(flags.grid),
    replications: parseInteger('--replications', flags.replications, 1),
    seed: parseSeed(flags.seed),
    slos,
    maxSeconds: parsePositiveDuration('--max-time', flags.maxTime),
  };
  const pool = createJobPool(parseWorkers(flags.workers), undefined, { warm: true });
  const progress = terminalProgressBar('optimize');
  try {
    const result = await optimize(spec, pool, progress !== undefined ? (done, total) => progress.update(done, total) : undefined);
    progress?.stop();
    stdout(renderOptimize(result, slos, spec.replications, spec.seed));
  } finally {
    progress?.stop();
    await pool.close();
  }
}

/** Adds `sim optimize` to the program. */
export function registerOptimize(program: Command, stdout: (text: string) => void): void {
  program
    .command('optimize')
    .description('per platform, the cheapest grid point meeting latency and rejection objectives, and the cost/latency frontier')
    .argument('<scenario>', 'scenario file (JSON, or YAML ending .yaml/.yml)')
    .option('--slo <objective>', 'an objective: p50|p90|p95|p99|p999|mean<N(ms|s), or reject<N% (repeatable)', collect, [])
    .option('--grid <path=v1,v2,...>', 'a scenario path and its values, e.g. vm.count=1,2,4..8 (a..b: every integer from a to b) (repeatable)', collect, [])
    .option('--set <path=value>', 'override a scenario field at every point (repeatable)', collect, [])
    .option('--replications <n>', 'replications per point', '3')
    .option('--seed <n>', 'seed (non-negative integer)', '1')
    .option('--workers <n>', 'worker threads (default: every core)')
    .option('--max-time <duration>', 'refuse work estimated to take longer than this (wall-clock, shared by the workers)', '1h')
    .action((file: string, flags: OptimizeFlags) => optimizeCommand(file, flags, stdout));
}
