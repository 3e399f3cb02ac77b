import { InputError } from '../errors.js';
import type { JobPool } from '../experiment/job-pool.js';
import { TYPICAL_REQUESTS_PER_SECOND } from '../experiment/preflight.js';
import type { PlatformRun } from '../experiment/run.js';
import { ScenarioResolver, type ScenarioSource } from '../experiment/scenario-source.js';
import type { SummaryRecord } from '../metrics/summary.js';
import { assumptionRanges } from '../scenario/assumptions.js';
import { completeScenarioFile } from '../scenario/load.js';
import { parseScenarioText } from '../scenario/scenario-text.js';
import type { Scenario } from '../scenario/types.js';
import { PLATFORMS } from '../platforms/registry.js';
import { planSensitivity, type PlannedRow } from '../sensitivity/plan.js';
import { assembleResult } from '../sensitivity/tornado.js';
import { estimateSensitivity, resolvePlan, runSensitivity, simulatedEnds, type ResolvedPlan } from '../sensitivity/run-sensitivity.js';
import type { SensitivityResult } from '../sensitivity/types.js';
import { countKinds, kindsInBrief, notPublishedBy, providers, type KindCount } from '../sensitivity/kind-words.js';
import { verdictJudge } from '../sensitivity/verdict-judge.js';
import { shellWord } from './command-words.js';
import type { VerdictSensitivity } from './types.js';

/**
 * A check of the assumptions costing up to this many seconds on one core (estimated at the typical rate) runs
 * inside `sim run`, as the break-even search does (BREAKEVEN_BUDGET_S); a longer one is a hint
 * with the command.
 */
export const SENSITIVITY_BUDGET_S = 10;

/** Whether a row is a front end's (PlatformEntry.frontEndOnly), not only a bill's. */
const frontEnd = (row: PlannedRow): boolean => PLATFORMS.of(row.assumption).frontEndOnly(row.assumption);

/** What `sim sensitivity` would run for a scenario, before any of it runs. */
export interface SensitivityCheck {
  readonly file: string;
  /** The file as the run read it: the check resolves every variant from this text. */
  readonly source: ScenarioSource;
  readonly sets: readonly string[];
  readonly seed: number;
  /** Assumption ranges that apply to the scenario's platforms. */
  readonly ranges: number;
  /** The same per kind of assumption (holds null: not checked yet). */
  readonly kinds: readonly KindCount[];
  /** Whose unpublished rules: "Google", "Google and AWS". */
  readonly provider: string;
  readonly simulations: number;
  /** Seconds on one worker, at TYPICAL_REQUESTS_PER_SECOND. */
  readonly secondsOnOne: number;
  readonly command: string;
  /**
   * The same check over the provider's unpublished rules alone (`--kind unpublished`), the
   * unknowns no user can settle: null when they are all the ranges, or none of them.
   */
  readonly unpublishedOnly: { readonly ranges: number; readonly simulations: number; readonly secondsOnOne: number } | null;
  /** The scenario the run resolved (its baseline). */
  readonly baseline: Scenario;
  /** The plan with its rows' ends resolved (null when a range no scenario takes broke it: the check, if run, reports it). */
  readonly resolved: ResolvedPlan | null;
  /**
   * What the check inside `sim run` runs, from the estimate on one core against the budget:
   * the whole check, the unpublished rules alone, or no simulation (the ranges measured from
   * the run, and the command).
   */
  readonly runs: 'all' | 'unpublished' | 'none';
  /**
   * The ranges `sim run` bills and measures beside its own run of each platform
   * (fromRunVariantSets), in plan order, so that these are checked at no simulation at all,
   * even when the check is too long to run: those that change only a bill, and, when the whole
   * check runs, those that change only a front end's latency (PlannedRow.fromRun). A front
   * end's ends cost a draw and a histogram record per response each (the quickstart's week:
   * 40 % more CPU), less than simulating them when the whole check runs, more than a long run
   * should pay for three ranges of a hint.
   */
  readonly fromRun: readonly PlannedRow[];
}

export interface PlanOptions {
  /** Seconds on one core the check may take to run inside `sim run` (SensitivityCheck.runs). @default SENSITIVITY_BUDGET_S */
  readonly budgetS?: number;
  /**
   * Resolves each range end's scenario: the run's own, whose pool (in this thread) then finds
   * every variant it simulates resolved already instead of resolving it again. @default a
   * resolver of its own
   */
  readonly resolver?: ScenarioResolver;
}

/**
 * The assumptions a verdict depends on (pure apart from reading models/): `sim sensitivity`'s
 * plan for the same file, --set flags and seed, so the check in `sim run` and the command it
 * prints give the same answer. Null when no assumption with a range applies.
 */
export function planSensitivityCheck(
  source: ScenarioSource,
  scenario: Scenario,
  file: string,
  sets: readonly string[],
  seed: number,
  options: PlanOptions = {},
): SensitivityCheck | null {
  const budgetS = options.budgetS ?? SENSITIVITY_BUDGET_S;
  const raw = parseScenarioText(source.text, source.path);
  // The rows `sim sensitivity` would keep: those whose ends the scenario takes. A range no
  // scenario takes (a broken models file) is `sim sensitivity`'s error to report: the plan as
  // it is, and the check, if run, turns into the hint (checkSensitivityInRun).
  const planned = planSensitivity(assumptionRanges(), raw, completeScenarioFile(raw, source.path, sets), scenario, sets);
  let resolved: ResolvedPlan | null = null;
  try {
    resolved = resolvePlan(planned, options.resolver ?? new ScenarioResolver(), source, sets);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
  const plan = resolved?.plan ?? planned;
  if (plan.rows.length === 0) return null;
  // Ranges that change only a bill or a front end's latency are billed and measured from the
  // baseline's run: no simulation of their own.
  // Ends that are the baseline itself take its record (ResolvedPlan.repeats); unresolved, every end counts.
  const ends = (keep: (row: PlannedRow) => boolean): number =>
    resolved !== null ? simulatedEnds(resolved, keep).length : 2 * plan.rows.filter((r) => !r.fromRun && keep(r)).length;
  const estimate = estimateSensitivity(scenario, ends(() => true), 1);
  const command = ['sim sensitivity', shellWord(file), `--seed ${seed}`, ...sets.map((set) => `--set ${shellWord(set)}`)].join(' ');
  const kinds = countKinds(plan.rows.map((r) => ({ kind: r.assumption.kind })), false);
  const provider = providers(plan.rows.filter((r) => r.assumption.kind === 'unpublished').map((r) => r.assumption.model));
  const unpublished = plan.rows.filter((r) => r.assumption.kind === 'unpublished').length;
  const narrower = estimateSensitivity(scenario, ends((r) => r.assumption.kind === 'unpublished'), 1);
  const unpublishedOnly =
    unpublished === 0 || unpublished === plan.rows.length ? null : { ranges: unpublished, simulations: narrower.simulations, secondsOnOne: narrower.typicalSeconds };
  // The whole check when it fits; else the unpublished rules alone when they do (the unknowns
  // no user can settle, about a third of the simulations); else none.
  const runs = estimate.typicalSeconds <= budgetS ? 'all' : unpublishedOnly !== null && unpublishedOnly.secondsOnOne <= budgetS ? 'unpublished' : 'none';
  return {
    file,
    source,
    sets,
    seed,
    ranges: plan.rows.length,
    kinds,
    provider,
    simulations: estimate.simulations,
    secondsOnOne: estimate.typicalSeconds,
    command,
    unpublishedOnly,
    baseline: scenario,
    resolved,
    runs,
    // Measured from the run only where their ends resolved.
    fromRun: resolved === null ? [] : plan.rows.filter((r) => r.fromRun && (runs === 'all' || !frontEnd(r))),
  };
}

/**
 * The `--set` of each end of the check's ranges measured from the run (fromRun) of `platform`,
 * low then high per range: the variants `sim run` adds to its own run of that platform (a
 * PlatformJob's variantSets, after the verdict's alternatives).
 */
export function fromRunVariantSets(check: SensitivityCheck | null, platform: string): string[] {
  return (check?.fromRun ?? []).filter((row) => row.platform === platform).flatMap((row) => [row.sets.low[0]!, row.sets.high[0]!]);
}

/**
 * The records of each fromRun range's ends, from `sim run`'s own runs (one per platform, in
 * scenario order) whose last variants are fromRunVariantSets: the records `sim sensitivity`
 * gives those rows, since its baseline is the same simulation with the same seed.
 */
export interface EndsFromRun {
  readonly records: readonly SummaryRecord[];
  readonly ends: readonly { readonly low: SummaryRecord; readonly high: SummaryRecord }[];
}

/** EndsFromRun from the run's own outcomes (PlatformRun.variantRecords, the fromRun sets last). */
export function endsFromRun(check: SensitivityCheck, own: readonly PlatformRun[]): EndsFromRun {
  const ends = check.fromRun.map((row) => {
    const run = own.find((r) => r.record.platform === row.platform)!;
    const mine = check.fromRun.filter((r) => r.platform === row.platform);
    const at = run.variantRecords.length - 2 * mine.length + 2 * mine.indexOf(row);
    return { low: run.variantRecords[at]!, high: run.variantRecords[at + 1]! };
  });
  return { records: own.map((r) => r.record), ends };
}

const LEAD = 'Assumptions';

/** What the rows change ("a bill", "the latency a front end adds", or both), and how the run finds it ("priced" for bills alone). */
function whatChanges(rows: readonly PlannedRow[]): { readonly what: string; readonly how: string } {
  const fronts = rows.filter(frontEnd).length;
  if (fronts === 0) return { what: 'a bill', how: 'priced' };
  return { what: fronts === rows.length ? 'the latency a front end adds' : 'a bill or the latency a front end adds', how: 'measured' };
}

/** "about 3 min", "about 27 s". */
const time = (seconds: number): string => (seconds >= 60 ? `about ${Math.ceil(seconds / 60)} min` : `about ${Math.ceil(seconds)} s`);

/** "rules Google does not publish", "the one rule Google does not publish". */
const unpublishedWords = (n: number, provider: string): string =>
  `${n === 1 ? 'the one rule' : `the ${n} rules`} ${notPublishedBy(provider)}`;

/**
 * The verdict's entry from the ranges measured from the run itself (those that change only a
 * bill or a front end's latency), when the check is too long to run: what they found, and the
 * command for all of them (sensitivityHintOnly's words). `holds` stays null (not every range
 * was checked), as do the kinds' counts.
 */
export function sensitivityFromRun(check: SensitivityCheck, result: SensitivityResult): VerdictSensitivity {
  const hint = sensitivityHintOnly(check);
  const names = result.rows.map((r) => r.parameter);
  const { what, how } = whatChanges(check.fromRun);
  const which = `${names.length === 1 ? 'the one range' : `the ${names.length} ranges`} that change${names.length === 1 ? 's' : ''} only ${what} (${names.join(', ')}), ${how} from this run`;
  return {
    ...hint,
    flips: result.rows.filter((r) => r.flips).map((r) => ({ parameter: r.parameter, model: r.model, kind: r.kind })),
    summary: result.summary,
    checked: 'from-run',
    hint: `${LEAD} (ranges in models/; ${which}): the verdict ${result.summary}. ${hint.hint.slice(`${LEAD} (ranges in models/): `.length)}`,
  };
}

/**
 * The verdict's entry when the check is not run: how many ranges, the command, and what it
 * costs on one core (the same text on every machine; `sim sensitivity` divides it among the
 * cores it has).
 */
export function sensitivityHintOnly(check: SensitivityCheck): VerdictSensitivity {
  const narrower = check.unpublishedOnly;
  const alone =
    narrower === null
      ? ''
      : ` With \`--kind unpublished\` it checks ${unpublishedWords(narrower.ranges, check.provider)} alone (${narrower.simulations} simulations, ${time(narrower.secondsOnOne)}).`;
  return {
    ranges: check.ranges,
    simulations: check.simulations,
    holds: null,
    kinds: check.kinds.map((c) => ({ ...c })),
    flips: [],
    summary: null,
    checked: 'none',
    command: check.command,
    hint:
      `${LEAD} (ranges in models/): \`${check.command}\` says whether the verdict holds under each of the ${check.ranges} that apply here ` +
      `(${kindsInBrief(check.kinds, check.provider)}; ${check.simulations} simulations, ${time(check.secondsOnOne)} on one core at ${TYPICAL_REQUESTS_PER_SECOND.toLocaleString('en-US')} simulated requests/s, shared among all cores).${alone}`,
  };
}

/** The verdict's entry from a finished check. */
export function sensitivityFromResult(check: SensitivityCheck, result: SensitivityResult): VerdictSensitivity {
  return {
    ranges: check.ranges,
    simulations: check.simulations,
    holds: result.holds,
    kinds: result.kinds.map((c) => ({ ...c })),
    flips: result.rows.filter((r) => r.flips).map((r) => ({ parameter: r.parameter, model: r.model, kind: r.kind })),
    summary: result.summary,
    checked: 'all',
    command: check.command,
    hint: `${LEAD} (ranges in models/; ${check.simulations} simulations of \`sim sensitivity\`): the verdict ${result.summary}.`,
  };
}

/**
 * The verdict's entry from the check of the unpublished rules alone (`sim sensitivity --kind
 * unpublished`), run when the whole check is too long and it is not: what it found, and the
 * command for the rest. `holds` stays null (not every range was checked); `kinds` has the
 * unpublished count's holds and null for the others.
 */
export function sensitivityFromUnpublished(check: SensitivityCheck, result: SensitivityResult): VerdictSensitivity {
  const narrower = check.unpublishedOnly!;
  const rest = check.kinds.filter((c) => c.kind !== 'unpublished');
  return {
    ranges: check.ranges,
    simulations: narrower.simulations,
    holds: null,
    kinds: check.kinds.map((c) => (c.kind === 'unpublished' ? { ...c, holds: result.holds } : { ...c })),
    flips: result.rows.filter((r) => r.flips).map((r) => ({ parameter: r.parameter, model: r.model, kind: r.kind })),
    summary: result.summary,
    checked: 'unpublished',
    command: check.command,
    hint:
      `${LEAD} (ranges in models/; ${unpublishedWords(narrower.ranges, check.provider)}, ${narrower.simulations} simulations of \`sim sensitivity --kind unpublished\`): the verdict ${result.summary}. ` +
      `\`${check.command}\` checks the other ${check.ranges - narrower.ranges} too (${kindsInBrief(rest, check.provider)}; ${check.simulations} simulations, ${time(check.secondsOnOne)} on one core at ${TYPICAL_REQUESTS_PER_SECOND.toLocaleString('en-US')} simulated requests/s, shared among all cores).`,
  };
}

/**
 * Whether the verdict holds over the assumptions: `sim sensitivity` run on `pool` (the run's
 * own, its threads already started; the result does not depend on it) when it is estimated to
 * fit the budget on one core (check.runs), else the unpublished rules alone when they fit
 * (`--kind unpublished`), else the ranges measured from the run and the hint with the
 * command. The estimate is taken on one core whatever the pool, so that whether the check
 * runs, and so the output, does not depend on --workers or on the machine. A variant the
 * preflight refuses (a range end that would take too much memory) turns the check into the
 * hint: the run's own answer stands.
 * `result` is the whole tornado when it ran (for --out and --report); `onProgress` hears of
 * each of its simulations (none when it does not run).
 */
export async function checkSensitivityInRun(
  check: SensitivityCheck | null,
  pool: JobPool,
  onProgress?: (done: number, total: number) => void,
  fromRun?: EndsFromRun,
): Promise<{ readonly verdict: VerdictSensitivity; readonly result: SensitivityResult | null } | null> {
  if (check === null) return null;
  const whole = check.runs === 'all';
  const unpublished = check.runs === 'unpublished';
  if (whole || unpublished) {
    try {
      const catalog = assumptionRanges().filter((a) => whole || a.kind === 'unpublished');
      // The whole check's plan is the one resolved here already.
      const resolved = whole && check.resolved !== null ? { resolved: check.resolved } : {};
      // And its baseline is the run itself: the same simulations, with the ends of that plan's
      // fromRun rows (check.fromRun) billed and measured beside them.
      const baselineRun = whole && check.resolved !== null && fromRun !== undefined ? { baselineRun: fromRun } : {};
      const spec = { file: check.file, source: check.source, sets: check.sets, seed: check.seed, catalog, judge: verdictJudge, ...resolved, ...baselineRun };
      const result = await runSensitivity(onProgress !== undefined ? { ...spec, onProgress } : spec, pool);
      return { verdict: whole ? sensitivityFromResult(check, result) : sensitivityFromUnpublished(check, result), result };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  }
  if (fromRun !== undefined && check.fromRun.length > 0) {
    const result = fromRunResult(check, fromRun);
    return { verdict: sensitivityFromRun(check, result), result };
  }
  return { verdict: sensitivityHintOnly(check), result: null };
}

/**
 * The check's fromRun ranges judged from the run's own records (pure), as runSensitivity judges
 * them: the baseline records with the row's platform at each end, by the verdict's rules.
 */
export function fromRunResult(check: SensitivityCheck, fromRun: EndsFromRun): SensitivityResult {
  const judge = (scenario: Scenario, platform: string | null, record: SummaryRecord | null) =>
    verdictJudge(
      fromRun.records.map((r) => (r.platform === platform ? record! : r)),
      scenario,
    );
  // check.fromRun is empty unless the plan resolved.
  const resolved = check.resolved!;
  const at = check.fromRun.map((row, i) => {
    const ends = resolved.variants[resolved.plan.rows.indexOf(row)]!;
    return { low: judge(ends.low, row.platform, fromRun.ends[i]!.low), high: judge(ends.high, row.platform, fromRun.ends[i]!.high) };
  });
  return assembleResult(check.baseline.name, check.seed, check.fromRun, [], judge(check.baseline, null, null), at);
}
