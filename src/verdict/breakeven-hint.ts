import { findBreakeven } from '../experiment/breakeven.js';
import { createJobPool, type JobPool } from '../experiment/job-pool.js';
import { TYPICAL_REQUESTS_PER_SECOND } from '../experiment/preflight.js';
import type { Scenario } from '../scenario/types.js';
import { meanRate } from '../workload/mean-rate.js';
import { durationFlag, onePeriod } from './traffic-period.js';
import type { PlatformStatus, Verdict } from './types.js';
import { aboutTime, shellWord } from './command-words.js';
import { STATUS_WORDS } from './words.js';

/**
 * The traffic parameter a break-even search varies, by traffic type: a rate in req/s, or the
 * `scale` of a piecewise profile, an MMPP, a sum or a trace, a multiplier of all its rates (of
 * a trace's requests per minute: src/workload/trace-arrivals.ts).
 */
export function trafficRateParameter(scenario: Scenario): { path: string; value: number; unit: 'req/s' | 'scale' } {
  const t = scenario.traffic;
  if (t.type === 'poisson') return { path: 'traffic.rps', value: t.rps, unit: 'req/s' };
  if (t.type === 'diurnal') return { path: 'traffic.meanRps', value: t.meanRps, unit: 'req/s' };
  return { path: 'traffic.scale', value: t.scale ?? 1, unit: 'scale' };
}

/**
 * What the break-even compares: the cost per month, the figure the verdict ranks platforms by.
 * It is the run's cost scaled, except where a month earns what the run cannot (VM sustained
 * use, egress tiers: summarize.ts), so the crossing is the verdict's own.
 */
const BREAKEVEN_METRIC = 'cost_per_month_usd';

/** Simulated runs a break-even bisection takes, as a multiple of one run of the scenario at its own rate (see planBreakeven). */
const BISECTION_RUNS = 20;

/** A break-even search estimated at up to this many seconds on one core (at the typical rate) is run inside `sim run`; a longer one is a hint. */
export const BREAKEVEN_BUDGET_S = 10;

export interface BreakevenPlan {
  readonly parameter: string;
  readonly low: number;
  readonly high: number;
  /** The exact command that finds it (what `sim run` prints when it does not run it itself). */
  readonly command: string;
  /** Estimated seconds of the search on one core, at TYPICAL_REQUESTS_PER_SECOND. */
  readonly seconds: number;
  /** What the parameter is: a rate in req/s, or a multiplier of the traffic (traffic.scale). */
  readonly unit: 'req/s' | 'scale';
  /** Mean req/s over the run per unit of the parameter: 1 for a rate, the rate at scale 1 for a scale. */
  readonly rpsPerUnit: number;
  /** The `--set` flags the search runs with: the run's, less the varied path, and the cut to one period when there is one. */
  readonly sets: readonly string[];
  /** Seconds of one period of the traffic the search simulates when shorter than the run (probeDuration), else null. */
  readonly periodS: number | null;
}

/** "over 7d, the traffic's own period", or nothing when the search runs the whole scenario. */
const overPeriod = (plan: BreakevenPlan): string => (plan.periodS === null ? '' : `over ${durationFlag(plan.periodS)}, the traffic's own period`);

/** A value of the plan's parameter in words: "12.3 req/s", or "2.31 (1.34 req/s on average)" for a scale. */
function amount(plan: BreakevenPlan, x: number): string {
  return plan.unit === 'req/s' ? `${short(x)} req/s` : `${short(x)} (${short(x * plan.rpsPerUnit)} req/s on average)`;
}

/** The plan's range in words: "0.5 and 50 req/s (traffic.rps)", or "0.1 and 10 times the traffic (traffic.scale; 0.058 to 5.8 req/s on average)". */
function between(plan: BreakevenPlan): string {
  return plan.unit === 'req/s'
    ? `${short(plan.low)} and ${short(plan.high)} req/s (${plan.parameter})`
    : `${short(plan.low)} and ${short(plan.high)} times the traffic (${plan.parameter}; ${short(plan.low * plan.rpsPerUnit)} to ${short(plan.high * plan.rpsPerUnit)} req/s on average)`;
}

const short = (x: number): string => String(Number(x.toPrecision(3)));

/**
 * The break-even search of the traffic (pure): over a tenth to ten times the scenario's rate,
 * between its two platforms (the two best ranked when there are more). Its cost, for the
 * budget: the two ends (0.1 and 10 times the requests) and about 9 bisection steps (2 %
 * tolerance over a 100-fold range: log2(9.9 / 0.02) = 8.95) near the crossing, about
 * BISECTION_RUNS runs of the scenario. Null with fewer than two platforms or no traffic.
 */
export function planBreakeven(scenario: Scenario, file: string, sets: readonly string[], seed: number, pair?: readonly [string, string]): BreakevenPlan | null {
  const rate = trafficRateParameter(scenario);
  if (!(rate.value > 0) || scenario.platforms.length < 2) return null;
  const low = Number((rate.value / 10).toPrecision(3));
  const high = Number((rate.value * 10).toPrecision(3));
  // One period of the traffic when the run is longer (probeDuration): the same crossing in
  // expectation, as the verdict's remedies are tried, for a fraction of the simulation.
  const cut = onePeriod(scenario);
  const simulated = cut.scenario.duration;
  const mean = meanRate(scenario.traffic, 0, simulated, scenario.startEpochMs);
  const requests = mean * simulated;
  const seconds = (BISECTION_RUNS * 2 * requests) / TYPICAL_REQUESTS_PER_SECOND;
  const parts = ['sim breakeven', shellWord(file), `--vary ${rate.path}`, `--between ${short(low)},${short(high)}`, `--metric ${BREAKEVEN_METRIC}`, '--replications 1', `--seed ${seed}`];
  if (scenario.platforms.length > 2 && pair !== undefined) parts.push(`--platforms ${pair[0]},${pair[1]}`);
  // A --set of the varied path itself would be overridden by --vary: left out; so is one of the
  // duration when the search runs one period.
  const searchSets = cut.withCut(sets.filter((set) => !set.startsWith(`${rate.path}=`)));
  for (const set of searchSets) parts.push(`--set ${shellWord(set)}`);
  return { parameter: rate.path, low, high, command: parts.join(' '), seconds, unit: rate.unit, rpsPerUnit: rate.unit === 'req/s' ? 1 : mean / rate.value, sets: searchSets, periodS: cut.periodS };
}

/** The verdict's break-even entry when the search is not run: the command and what it costs. */
export function breakevenHintOnly(plan: BreakevenPlan | null): Verdict['breakeven'] {
  if (plan === null) return null;
  const over = overPeriod(plan);
  return { parameter: plan.parameter, value: null, hint: `Break-even traffic: \`${plan.command}\` (${over === '' ? '' : `${over}: `}${aboutTime(plan.seconds)} on one core at ${TYPICAL_REQUESTS_PER_SECOND.toLocaleString('en-US')} simulated requests/s, about half that on two: its two platforms run side by side).` };
}

/**
 * The break-even compares costs alone; a platform of the pair that does not keep up at the
 * scenario's own traffic is named after it, so that "lambda is cheaper throughout" is not read
 * as a recommendation of a platform the verdict has just turned down.
 */
function withStatuses(entry: Verdict['breakeven'], pair: readonly [string, string], statuses: ReadonlyMap<string, PlatformStatus>): Verdict['breakeven'] {
  if (entry === null) return null;
  const notOk = pair.filter((p) => (statuses.get(p) ?? 'ok') !== 'ok').map((p) => `${p} ${STATUS_WORDS[statuses.get(p)!]}`);
  if (notOk.length === 0) return entry;
  return { ...entry, hint: `${entry.hint} It compares costs alone: at this scenario's traffic ${notOk.join(' and ')}.` };
}

/**
 * The break-even traffic, found by `sim breakeven`'s bisection (src/experiment/breakeven.ts,
 * one replication, common random numbers) when the plan fits BREAKEVEN_BUDGET_S, else the
 * hint with the command; with the plan's `--set` flags (the run's, and the cut to one period).
 * `statuses`: the run's status of each platform (withStatuses).
 */
export async function trafficBreakeven(
  plan: BreakevenPlan | null,
  file: string,
  seed: number,
  pair: readonly [string, string],
  shared?: JobPool,
  statuses: ReadonlyMap<string, PlatformStatus> = new Map(),
): Promise<Verdict['breakeven']> {
  if (plan === null) return null;
  const entry = plan.seconds > BREAKEVEN_BUDGET_S ? breakevenHintOnly(plan) : await searchBreakeven(plan, { file, sets: plan.sets, seed, pair }, shared);
  return withStatuses(entry, pair, statuses);
}

/** The bisection itself, on `shared` or a pool of its own. */
async function searchBreakeven(
  plan: BreakevenPlan,
  { file, sets, seed, pair }: { readonly file: string; readonly sets: readonly string[]; readonly seed: number; readonly pair: readonly [string, string] },
  shared?: JobPool,
): Promise<Verdict['breakeven']> {
  // The run's own pool when given (its threads already started); the result does not depend on it.
  const pool = shared ?? createJobPool(1);
  try {
    const result = await findBreakeven(
      { file, sets, vary: plan.parameter, low: plan.low, high: plan.high, replications: 1, seed, metric: BREAKEVEN_METRIC, tolerance: 0.02, platforms: pair },
      pool,
    );
    if (result.state === 'no-crossing') {
      const which = result.lower === undefined ? 'neither platform is cheaper throughout' : `${result.lower} is cheaper throughout`;
      return { parameter: plan.parameter, value: null, hint: `Break-even traffic: none between ${between(plan)}: ${which}.` };
    }
    return {
      parameter: plan.parameter,
      value: result.estimate,
      hint: `Break-even traffic: ${plan.parameter} ≈ ${amount(plan, result.estimate)}; ${result.lowerBelow} is cheaper below it, ${result.lowerAbove} above (sim breakeven${overPeriod(plan) === '' ? ',' : ` ${overPeriod(plan)};`} ${result.evaluations} values simulated).`,
    };
  } finally {
    if (shared === undefined) await pool.close();
  }
}
