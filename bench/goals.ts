import type { CaseResult } from './cases.js';
import { MONTH_GOALS, type MonthResult } from './month.js';
import type { TraceReplayResult } from './trace-replay.js';
import { SIMFAAS_GOAL, type SimfaasComparison } from './simfaas-anchor.js';
import type { StartupResult } from './startup.js';

/** Issue 12 item 3: marginal CPU per request within 2x of the bare loop's. */
export const PER_REQUEST_GOAL = 2;

/** What `sim-efficiency.js --json` reports, the part used here. */
export interface SweepSpeedup {
  readonly sweep: string;
  readonly wallSeconds: { readonly 1: readonly number[]; readonly 2: readonly number[] };
  readonly speedup: number;
  readonly identicalOutput: boolean;
  readonly goal: number;
}

export interface GoalInputs {
  readonly cases: readonly CaseResult[];
  readonly startup?: StartupResult;
  readonly simfaas?: SimfaasComparison;
  readonly sweep?: SweepSpeedup;
  readonly month?: MonthResult;
  readonly trace?: TraceReplayResult;
}

const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
const s2 = (x: number): string => x.toFixed(2);

/**
 * Marginal CPU seconds per request of a case: (CPU at the larger scale - at the smaller) /
 * (requests at the larger - at the smaller), so that start-up and fixed costs cancel (issue 12's
 * "long run minus short run, both sides").
 */
export function marginalCpuPerRequest(cases: readonly CaseResult[], name: CaseResult['case']): number | null {
  const runs = cases.filter((c) => c.case === name).sort((a, b) => a.scale - b.scale);
  if (runs.length < 2) return null;
  const small = runs[0]!;
  const large = runs[runs.length - 1]!;
  if (!(large.requests > small.requests)) return null;
  return (large.cpuSeconds - small.cpuSeconds) / (large.requests - small.requests);
}

/** Every figure of issue 12 beside its goal, one line each. */
export function goalLines(g: GoalInputs): string[] {
  const lines = ['', 'issue 12 goals (CPU seconds are whole-process user + system, all threads):'];
  if (g.startup !== undefined) {
    const st = g.startup;
    lines.push(`  node -e '' (the floor): median ${s2(st.nodeMedianCpuSeconds)} s CPU of ${st.nodeCpuSeconds.length}`);
    for (const c of st.cases) {
      lines.push(`  start-up, ${c.command}: median ${s2(c.medianCpuSeconds)} s CPU = ${c.ratio.toFixed(1)}x node; goal <= ${c.goal}x: ${met(c.ratio <= c.goal)}`);
    }
  }
  const simMarginal = marginalCpuPerRequest(g.cases, 'mmc');
  const bareMarginal = marginalCpuPerRequest(g.cases, 'bare-mmc');
  if (simMarginal !== null && bareMarginal !== null) {
    const ratio = simMarginal / bareMarginal;
    lines.push(
      `  per request, M/M/c, marginal CPU (x4 minus x1): simulator ${(simMarginal * 1e6).toFixed(3)} us, bare loop ${(bareMarginal * 1e6).toFixed(3)} us = ${ratio.toFixed(1)}x; goal <= ${PER_REQUEST_GOAL}x: ${met(ratio <= PER_REQUEST_GOAL)}`,
    );
  }
  if (g.simfaas !== undefined) {
    const a = g.simfaas;
    const simMedian = [...a.simCpuSeconds].sort((x, y) => x - y)[a.simCpuSeconds.length >> 1]!;
    if (a.ratio !== null) {
      const pyMedian = [...a.simfaasCpuSeconds].sort((x, y) => x - y)[a.simfaasCpuSeconds.length >> 1]!;
      lines.push(`  SimFaaS README scenario: SimFaaS median ${s2(pyMedian)} s CPU, sim ${s2(simMedian)} s (of ${a.simCpuSeconds.length} each) = ${a.ratio.toFixed(1)}x less; goal >= ${SIMFAAS_GOAL}x: ${met(a.ratio >= SIMFAAS_GOAL)}`);
      lines.push(`    SimFaaS printed: ${a.simfaasCheck} (requests, P(cold), mean servers); sim: ${a.simCheck}`);
    } else {
      lines.push(`  SimFaaS README scenario: SimFaaS skipped: ${a.skipped ?? 'unknown'}; sim median ${s2(simMedian)} s CPU; goal >= ${SIMFAAS_GOAL}x: not measured`);
    }
    const inProcess = g.cases.find((c) => c.case === 'simfaas' && c.scale === 1);
    if (inProcess !== undefined) {
      lines.push(
        `    of sim's ${s2(simMedian)} s: the simulation itself ${s2(inProcess.cpuSeconds)} s (case simfaas x1, in-process); the rest, ${s2(simMedian - inProcess.cpuSeconds)} s, is start-up, scenario loading, the verdict and its alternatives, output`,
      );
    }
  }
  if (g.sweep !== undefined) {
    const w = g.sweep;
    lines.push(
      `  sweep, ${w.sweep}: 1 worker ${s2(Math.min(...w.wallSeconds[1]))} s, 2 workers ${s2(Math.min(...w.wallSeconds[2]))} s wall = ${w.speedup.toFixed(2)}x; goal >= ${w.goal}x: ${met(w.speedup >= w.goal)}; outputs identical: ${w.identicalOutput ? 'yes' : 'NO'}`,
    );
  }
  if (g.trace !== undefined) {
    const t = g.trace;
    lines.push(
      `  trace replay (sim run of ${t.rows.toLocaleString('en-US')} logged requests, 2 days, both platforms; no goal): median ${s2(t.medianWallSeconds)} s wall, ${s2(t.medianCpuSeconds)} s CPU of ${t.runs.length}, peak RSS ${t.maxRssMiB.toFixed(0)} MiB`,
    );
  }
  if (g.month !== undefined) {
    const m = g.month;
    const row = (label: string, r: MonthResult['plain'], wallGoal: number): string =>
      `  month${label}: ${r.requests.toLocaleString('en-US')} requests, ${s2(r.wallSeconds)} s wall (goal <= ${wallGoal} s: ${met(r.wallSeconds <= wallGoal)}), ${s2(r.cpuSeconds)} s CPU, peak RSS ${r.maxRssMiB.toFixed(0)} MiB (goal <= ${MONTH_GOALS.maxRssMiB}: ${met(r.maxRssMiB <= MONTH_GOALS.maxRssMiB)})`;
    lines.push(row('', m.plain, MONTH_GOALS.wallSeconds), row(' with --out, 60 s timeline', m.withOut, MONTH_GOALS.wallSecondsWithOut));
  } else {
    lines.push('  month (30 d at 100 req/s, both platforms): not run; `npm run bench -- --month` runs it (several minutes)');
  }
  return lines;
}
