import { findBreakeven } from '../experiment/breakeven.js';
import { innerPoint } from '../experiment/crossing-search.js';
import { createJobPool, type JobPool } from '../experiment/job-pool.js';
import { TYPICAL_REQUESTS_PER_SECOND } from '../experiment/preflight.js';
import type { Scenario } from '../scenario/types.js';
import type { SummaryRecord } from '../metrics/summary.js';
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

/** The search stops when the bracket is narrower than this fraction of its midpoint. */
const BREAKEVEN_TOLERANCE = 0.02;

/**
 * A break-even search is run inside `sim run` up to this many estimated seconds on one core (at
 * the typical rate): it starts when its first two values fit, and stops, with what it found,
 * before a value that would take it past this (findBreakeven's budget).
 */
export const BREAKEVEN_BUDGET_S = 10;

/**
 * Runs of the scenario a search over [low, high] takes, about, with the values in units of the
 * scenario's own (a run at value v costs v runs): the two ends, the inner point, and three
 * values near it (src/experiment/crossing-search.ts). For [0.1, 10], 14.1 runs; over crossings
 * spread evenly in log over that range the search simulated 13.6 on average (and bisection
 * 29.8: test/experiment/crossing-search.test.ts). A crossing below the inner point spares the
 * high end (10 of the 14.1); one near the high end costs about twice the estimate.
 */
export function searchRuns(low: number, high: number): number {
  const inner = innerPoint(low, high, BREAKEVEN_TOLERANCE, false) ?? (low + high) / 2;
  return low + high + 4 * inner;
}

export interface BreakevenPlan {
  readonly parameter: string;
  /** The scenario's own value of it: the range is a tenth to ten times this. */
  readonly own: number;
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
  /** Estimated seconds on one core of simulating both platforms at one value of the parameter. */
  readonly secondsAt: (value: number) => number;
  /** The command of a search over [low, high] (the plan's own, or a narrower one). */
  readonly commandFor: (low: number, high: number) => string;
}

/** "over 7d, the traffic's own period", or nothing when the search runs the whole scenario. */
const overPeriod = (plan: BreakevenPlan): string => (plan.periodS === null ? '' : `over ${durationFlag(plan.periodS)}, the traffic's own period`);

/** A value of the plan's parameter in words: "12.3 req/s", or "2.31 (1.34 req/s on average)" for a scale. */
function amount(plan: BreakevenPlan, x: number, shown = short(x)): string {
  return plan.unit === 'req/s' ? `${shown} req/s` : `${shown} (${short(x * plan.rpsPerUnit)} req/s on average)`;
}

/** A range of the plan's parameter in words: "0.5 and 50 req/s (traffic.rps)", or "0.1 and 10 times the traffic (traffic.scale; 0.058 to 5.8 req/s on average)". */
function between(plan: BreakevenPlan, low = plan.low, high = plan.high): string {
  return plan.unit === 'req/s'
    ? `${short(low)} and ${short(high)} req/s (${plan.parameter})`
    : `${short(low)} and ${short(high)} times the traffic (${plan.parameter}; ${short(low * plan.rpsPerUnit)} to ${short(high * plan.rpsPerUnit)} req/s on average)`;
}

const short = (x: number): string => String(Number(x.toPrecision(3)));

/**
 * `x` to three significant digits, or more when fewer would put it outside [low, high], the
 * bracket it is shown beside: "≈ 17.66, between 17.22 and 17.69", not "≈ 17.7".
 */
export function insideBracket(x: number, low: number, high: number): string {
  for (let digits = 3; digits < 8; digits++) {
    const shown = Number(x.toPrecision(digits));
    if (shown >= low && shown <= high) return String(shown);
  }
  return String(Number(x.toPrecision(8)));
}

/** `x` to four significant digits, rounded down (`direction` -1) or up (1). */
function outward(x: number, direction: -1 | 1): number {
  if (!(x > 0)) return x;
  const unit = 10 ** (Math.floor(Math.log10(x)) - 3);
  const k = x / unit;
  return Number(((direction < 0 ? Math.floor(k + 1e-9) : Math.ceil(k - 1e-9)) * unit).toPrecision(4));
}

/**
 * The break-even search of the traffic (pure): over a tenth to ten times the scenario's rate,
 * between its two platforms (the two best ranked when there are more), with what it costs
 * (`secondsAt` a value; `seconds`, searchRuns of the whole search) and its command for any
 * range. Null with fewer than two platforms or no traffic.
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
  const secondsAt = (value: number): number => (2 * requests * (value / rate.value)) / TYPICAL_REQUESTS_PER_SECOND;
  // A --set of the varied path itself would be overridden by --vary: left out; so is one of the
  // duration when the search runs one period.
  const searchSets = cut.withCut(sets.filter((set) => !set.startsWith(`${rate.path}=`)));
  // The ends as given: the plan's are already three digits, a narrower bracket's four, rounded outwards.
  const commandFor = (from: number, to: number): string => {
    const parts = ['sim breakeven', shellWord(file), `--vary ${rate.path}`, `--between ${from},${to}`, `--metric ${BREAKEVEN_METRIC}`, '--replications 1', `--seed ${seed}`];
    if (scenario.platforms.length > 2 && pair !== undefined) parts.push(`--platforms ${pair[0]},${pair[1]}`);
    for (const set of searchSets) parts.push(`--set ${shellWord(set)}`);
    return parts.join(' ');
  };
  return {
    parameter: rate.path,
    own: rate.value,
    low,
    high,
    command: commandFor(low, high),
    seconds: searchSeconds(secondsAt, rate.value, low, high),
    unit: rate.unit,
    rpsPerUnit: rate.unit === 'req/s' ? 1 : mean / rate.value,
    sets: searchSets,
    periodS: cut.periodS,
    secondsAt,
    commandFor,
  };
}

/** Estimated seconds on one core of a search over [low, high] (searchRuns, in runs at the scenario's own value). */
function searchSeconds(secondsAt: (value: number) => number, own: number, low: number, high: number): number {
  return secondsAt(own) * searchRuns(low / own, high / own);
}

/** The verdict's break-even entry when the search is not run: the command and what it costs. */
export function breakevenHintOnly(plan: BreakevenPlan | null): Verdict['breakeven'] {
  if (plan === null) return null;
  return { parameter: plan.parameter, value: null, hint: `Break-even traffic: ${commandWithTime(plan, plan.command, plan.seconds)}.` };
}

/** "`sim breakeven ...` (over 7d, the traffic's own period: about 3 min on one core at ...)". */
function commandWithTime(plan: BreakevenPlan, command: string, seconds: number): string {
  const over = overPeriod(plan);
  return `\`${command}\` (${over === '' ? '' : `${over}: `}${aboutTime(seconds)} on one core at ${TYPICAL_REQUESTS_PER_SECOND.toLocaleString('en-US')} simulated requests/s, about half that on two: its two platforms run side by side)`;
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
 * The break-even traffic, found by `sim breakeven`'s search (src/experiment/breakeven.ts, one
 * replication, common random numbers) with a budget of BREAKEVEN_BUDGET_S, when its first two
 * values fit it; else the hint with the command. With the plan's `--set` flags (the run's, and
 * the cut to one period). `statuses`: the run's status of each platform (withStatuses).
 * `run`: the run's own records, which are the search's evaluation at the run's own traffic
 * when that is its inner point and the search is not cut to one period (knownRun).
 */
export async function trafficBreakeven(
  plan: BreakevenPlan | null,
  file: string,
  seed: number,
  pair: readonly [string, string],
  shared?: JobPool,
  statuses: ReadonlyMap<string, PlatformStatus> = new Map(),
  run?: readonly SummaryRecord[],
): Promise<Verdict['breakeven']> {
  if (plan === null) return null;
  const known = knownRun(plan, run);
  const entry = firstSeconds(plan, known !== undefined) > BREAKEVEN_BUDGET_S ? breakevenHintOnly(plan) : await searchBreakeven(plan, { file, sets: plan.sets, seed, pair, known }, shared);
  return withStatuses(entry, pair, statuses);
}

/**
 * The run as the search's evaluation at its inner point: a search of the whole run (not one
 * period) whose inner point is the run's own traffic (a tenth to ten times it: the geometric
 * mean is the run's value to three digits) simulates exactly the run there, same file, sets
 * and seed, replication 0, so it takes the run's records instead.
 */
export function knownRun(plan: BreakevenPlan, run: readonly SummaryRecord[] | undefined): { value: number; records: readonly SummaryRecord[] } | undefined {
  if (run === undefined || plan.periodS !== null) return undefined;
  const inner = innerPoint(plan.low, plan.high, BREAKEVEN_TOLERANCE, false);
  return inner === plan.own ? { value: inner, records: run } : undefined;
}

/** Estimated seconds of the search's first batch: the low end, and the inner point unless the run is it (crossing-search.ts). */
export function firstSeconds(plan: BreakevenPlan, innerKnown = false): number {
  return plan.secondsAt(plan.low) + (innerKnown ? 0 : plan.secondsAt(innerPoint(plan.low, plan.high, BREAKEVEN_TOLERANCE, false) ?? plan.high));
}

/** The search itself, on `shared` or a pool of its own. */
async function searchBreakeven(
  plan: BreakevenPlan,
  {
    file,
    sets,
    seed,
    pair,
    known,
  }: { readonly file: string; readonly sets: readonly string[]; readonly seed: number; readonly pair: readonly [string, string]; readonly known: { value: number; records: readonly SummaryRecord[] } | undefined },
  shared?: JobPool,
): Promise<Verdict['breakeven']> {
  // The run's own pool when given (its threads already started); the result does not depend on it.
  const pool = shared ?? createJobPool(1);
  try {
    const result = await findBreakeven(
      {
        file,
        sets,
        vary: plan.parameter,
        low: plan.low,
        high: plan.high,
        replications: 1,
        seed,
        metric: BREAKEVEN_METRIC,
        tolerance: BREAKEVEN_TOLERANCE,
        platforms: pair,
        budget: { cost: plan.secondsAt, limit: BREAKEVEN_BUDGET_S },
        ...(known !== undefined ? { known } : {}),
      },
      pool,
    );
    const over = overPeriod(plan);
    const simulated = `sim breakeven${over === '' ? ',' : ` ${over};`} ${result.evaluations} ${result.evaluations === 1 ? 'value' : 'values'} simulated${known !== undefined ? ' beside this run' : ''}`;
    if (result.state === 'no-crossing') {
      const which = throughout(result.lower);
      return { parameter: plan.parameter, value: null, hint: `Break-even traffic: none between ${between(plan)}: ${which}.` };
    }
    if (result.state === 'crossing') {
      return {
        parameter: plan.parameter,
        value: result.estimate,
        hint: `Break-even traffic: ${plan.parameter} ≈ ${amount(plan, result.estimate)}; ${result.lowerBelow} is cheaper below it, ${result.lowerAbove} above (${simulated}).`,
      };
    }
    // Stopped at the budget: what it found, and the command that goes on from there.
    const spent = `${simulated} in its budget of about ${BREAKEVEN_BUDGET_S} s`;
    if (result.bracket !== null) {
      const { below, above, estimate, lowerBelow, lowerAbove } = result.bracket;
      // Rounded outwards, so that the narrower search still holds the crossing.
      const [a, b] = [outward(below.value, -1), outward(above.value, 1)];
      const narrower = commandWithTime(plan, plan.commandFor(a, b), searchSeconds(plan.secondsAt, plan.own, a, b));
      return {
        parameter: plan.parameter,
        value: estimate,
        hint: `Break-even traffic: ${plan.parameter} ≈ ${amount(plan, estimate, insideBracket(estimate, a, b))}, between ${a} and ${b}${plan.unit === 'req/s' ? ' req/s' : ''}; ${lowerBelow} is cheaper below it, ${lowerAbove} above (${spent}). To 2 %: ${narrower}.`,
      };
    }
    const seen = result.evaluated;
    if (seen.length === 0) return breakevenHintOnly(plan);
    const [a, b] = [seen[0]!.value, seen[seen.length - 1]!.value];
    const which = throughout(result.lower);
    const above = commandWithTime(plan, plan.commandFor(b, plan.high), searchSeconds(plan.secondsAt, plan.own, b, plan.high));
    return {
      parameter: plan.parameter,
      value: null,
      hint: `Break-even traffic: none between ${between(plan, a, b)}: ${which} (${spent}). Above, to ${short(plan.high)}: ${above}.`,
    };
  } finally {
    if (shared === undefined) await pool.close();
  }
}

/** "cloud-run is cheaper throughout", of the values a search simulated. */
const throughout = (lower: string | undefined): string => (lower === undefined ? 'neither platform is cheaper throughout' : `${lower} is cheaper throughout`);
