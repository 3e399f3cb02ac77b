import { bestHourlyCommitment, commitmentCost } from '../billing/commitment.js';
import { hourFractions } from '../billing/hourly-spend.js';
import { InputError } from '../errors.js';
import { estimateRun } from '../experiment/preflight.js';
import { simulatePlatform, type PlatformRun, type RunOptions } from '../experiment/run.js';
import type { SummaryRecord } from '../metrics/summary.js';
import type { AlternativeSetting, RemedyLadder, RemedyLoad } from '../platforms/platform-entry.js';
import { PLATFORMS } from '../platforms/registry.js';
import { fromSpec } from '../random/from-spec.js';
import type { PlatformSpec, Scenario } from '../scenario/types.js';
import { peakToMean } from '../workload/busiest-window.js';
import type { AlternativeCost } from './build-verdict.js';
import type { AlternativeCaveat } from './availability.js';
import { costPerMonth } from './cost-per-month.js';
import { withRanks } from './rank.js';
import { aboutTime } from './command-words.js';
import { onePeriod } from './traffic-period.js';
import { formatDuration } from '../output/format-duration.js';
import { settingSets, untriedCommand, type RunInvocation, type UntriedCommand } from './remedy-command.js';
import { LadderSearch, MAX_PROBES } from './remedy-search.js';

export type { AlternativeSetting } from '../platforms/platform-entry.js';

/**
 * The settings the verdict prices beside each platform's own (pure), issue 11 item 4: each
 * platform's own (src/platforms/<model>/verdict.ts). Cloud Run: the other billing setting
 * (request- or instance-based). Compute Engine on demand, a fixed fleet: 1- and 3-year
 * resource-based committed use, billed from the same VM lifecycle. Spend-based commitments:
 * commitmentOptions.
 */
export function alternativeSettings(spec: PlatformSpec): AlternativeSetting[] {
  return PLATFORMS.of(spec).verdict.alternatives(spec);
}

export interface RunWithAlternatives {
  /** One ranked record per platform, exactly as runScenario gives them. */
  readonly records: SummaryRecord[];
  readonly alternatives: AlternativeCost[];
}

/** A spend-based committed use discount to price on a bill (src/billing/commitment.ts). */
export interface CommitmentOption {
  /** "a 1-year committed use discount (28 %)", "a committed use discount (17 %, 1 or 3 years)". */
  readonly change: string;
  readonly discount: number;
}

/**
 * The spend-based commitments Google offers a bill (pure): Cloud Run's own CUD on
 * request-based billing (17 %, the same for 1 and 3 years: one option), Compute flexible CUDs
 * on instance-based Cloud Run (28 % / 46 %) and on an autoscaled on-demand VM fleet, whose
 * changing size a resource-based commitment of `count` VMs would not fit. None for a bill that
 * already carries a commitment, Spot or resource-based VMs, or a fixed fleet (priced with its
 * resource-based CUDs instead, alternativeSettings).
 */
export function commitmentOptions(spec: PlatformSpec): CommitmentOption[] {
  if ('commitment' in spec && spec.commitment !== undefined) return [];
  const discounts = PLATFORMS.of(spec).verdict.commitmentDiscounts(spec);
  if (discounts === null) return [];
  const d1 = discounts['1y'];
  const d3 = discounts['3y'];
  const pct = (d: number): string => `${Number((d * 100).toPrecision(3))} %`;
  if (d1 === d3) return [{ change: `a committed use discount (${pct(d1)}, 1 or 3 years)`, discount: d1 }];
  return [
    { change: `a 1-year committed use discount (${pct(d1)})`, discount: d1 },
    { change: `a 3-year committed use discount (${pct(d3)})`, discount: d3 },
  ];
}

/**
 * A bill's cost under the best spend commitment, from its on-demand eligible spend per clock
 * hour over a run (pure): the eligible spend is replaced by the commitment's fee plus the usage
 * above it, at the commitment C that minimises it (bestHourlyCommitment). `fractions`: the
 * share of each of those hours inside the run (hourFractions): a first or last part-hour pays
 * its part of the fee and is covered up to its part of C, as the billing of a scenario that
 * carries the commitment does (src/billing/hourly-spend.ts), so a run of 10 minutes prices the
 * commitment it would need for a whole month of the same traffic.
 * cost - sum(hours) + commitmentCost(hours, d, C, fractions). Returns that cost and C.
 * Tests: test/verdict/alternatives.test.ts (equal to the bill of a scenario that carries the
 * commitment, whole hours and parts of hours).
 */
export function costWithCommitment(costUsd: number, hours: readonly number[], discount: number, fractions: readonly number[]): { costUsd: number; hourlyUsd: number } {
  const hourlyUsd = bestHourlyCommitment(hours, discount, fractions);
  const eligible = hours.reduce((sum, h) => sum + h, 0);
  return { costUsd: Math.max(0, costUsd - eligible + commitmentCost(hours, discount, hourlyUsd, fractions)), hourlyUsd };
}

export interface RunWithAlternatives {
  /** One ranked record per platform, exactly as runScenario gives them. */
  readonly records: SummaryRecord[];
  readonly alternatives: AlternativeCost[];
}

/**
 * One simulation the verdict needs: a platform's own run (billing `variantSpecs` beside it from
 * the same events, and carrying the run's timeline and progress), or a simulated alternative.
 */
export interface AlternativeRun {
  readonly platform: string;
  readonly spec: PlatformSpec;
  /** The `--set` flags that make `spec` from the scenario (a simulated alternative); none for a platform's own run. */
  readonly specSets?: readonly string[];
  readonly variantSpecs: readonly PlatformSpec[];
  /** The `--set` of each variant, in the same order. */
  readonly variantSets: readonly string[];
  /** True for a platform's own run. */
  readonly own: boolean;
  /** For progress: "cloud-run with instance-based billing". */
  readonly label: string;
}

/** The runs of runWithAlternatives, and how to make its result from their outcomes. */
export interface AlternativesPlan {
  /** Every platform's own run first (in scenario order), then the simulated alternatives. */
  readonly runs: readonly AlternativeRun[];
  /** The records and alternatives from the runs' outcomes, given in `runs` order. */
  assemble(outcomes: readonly PlatformRun[]): RunWithAlternatives;
}

/**
 * The simulations behind runWithAlternatives (pure apart from `resolveWith`): each independent
 * of the others, so they can run in any order or at once (sim run --workers) and give the same
 * result. An alternative the scenario refuses is left out.
 */
export function planAlternatives(scenario: Scenario, resolveWith: (sets: readonly string[]) => Scenario): AlternativesPlan {
  const settings = scenario.platforms.map((spec) =>
    alternativeSettings(spec)
      .map((setting) => ({ setting, spec: variantSpec(resolveWith, setting) }))
      .filter((a): a is { setting: AlternativeSetting; spec: PlatformSpec } => a.spec !== null),
  );
  const billed = settings.map((list) => list.filter((a) => !a.setting.simulate));
  const simulated = settings.map((list) => list.filter((a) => a.setting.simulate));
  const runs: AlternativeRun[] = scenario.platforms.map((spec, i) => ({
    platform: spec.name,
    spec,
    variantSpecs: billed[i]!.map((a) => a.spec),
    variantSets: billed[i]!.map((a) => a.setting.set),
    own: true,
    label: spec.name,
  }));
  const firstSimulated: number[] = [];
  scenario.platforms.forEach((spec, i) => {
    firstSimulated.push(runs.length);
    for (const a of simulated[i]!) {
      runs.push(simulatedRun(a.setting, a.spec));
    }
  });

  const assemble = (outcomes: readonly PlatformRun[]): RunWithAlternatives => {
    const alternatives: AlternativeCost[] = [];
    const month = (usd: number): number => costPerMonth(usd, scenario.duration);
    const fractions = hourFractions(scenario.startEpochMs, scenario.duration);
    // What a record's cost per month adds to its cost scaled (VM sustained use, summarize.ts):
    // a commitment leaves it as it is (sustained use is taken on all usage, README "Billing").
    const correction = (record: PlatformRun['record']): number => record.cost_per_month_usd - month(record.cost_total_usd);
    const addCommitments = (spec: PlatformSpec, prefix: string, costUsd: number, hours: readonly number[], status: AlternativeCost['status'], simulated: boolean, perMonth = 0): void => {
      for (const option of commitmentOptions(spec)) {
        const priced = costWithCommitment(costUsd, hours, option.discount, fractions);
        if (!(priced.hourlyUsd > 0)) continue; // nothing worth committing to
        alternatives.push({
          platform: spec.name,
          change: `${prefix}${option.change}, committing $${Number(priced.hourlyUsd.toPrecision(3))}/h`,
          costPerMonthUsd: month(priced.costUsd) + perMonth,
          status,
          simulated,
        });
      }
    };
    const records = scenario.platforms.map((spec, i) => {
      const run = outcomes[i]!;
      const status = run.record.status;
      addCommitments(spec, '', run.record.cost_total_usd, run.eligibleHours, status, false, correction(run.record));
      billed[i]!.forEach((a, k) => {
        const cost = run.variantCosts[k]!;
        const perMonth = run.variantPerMonthCorrections[k]!;
        alternatives.push({ platform: spec.name, change: a.setting.change, costPerMonthUsd: month(cost) + perMonth, status, simulated: false });
        addCommitments(a.spec, `${a.setting.change} and `, cost, run.variantEligibleHours[k]!, status, false, perMonth);
      });
      simulated[i]!.forEach((a, k) => {
        const other = outcomes[firstSimulated[i]! + k]!;
        alternatives.push({ platform: spec.name, change: a.setting.change, costPerMonthUsd: other.record.cost_per_month_usd, status: other.record.status, simulated: true });
        addCommitments(a.spec, `${a.setting.change} and `, other.record.cost_total_usd, other.eligibleHours, other.record.status, true, correction(other.record));
      });
      return run.record;
    });
    return { records: withRanks(records), alternatives };
  };
  return { runs, assemble };
}

/**
 * The runs of a `sim run` whose verdict nobody reads (`--format csv` with neither `--out` nor
 * `--report`): each platform's own run and nothing else. No bill is kept beside it and no
 * alternative is simulated, and the records are the very records planAlternatives gives
 * (a variant's bill never touches the platform's own: test/cli/run-csv.test.ts).
 */
export function planRecordsOnly(scenario: Scenario): AlternativesPlan {
  const runs: AlternativeRun[] = scenario.platforms.map((spec) => ({ platform: spec.name, spec, variantSpecs: [], variantSets: [], own: true, label: spec.name }));
  return { runs, assemble: (outcomes) => ({ records: withRanks(outcomes.map((o) => o.record)), alternatives: [] }) };
}

/**
 * Estimated seconds on one core (preflight's estimateRun at its typical rate) that the search for the least
 * remedy may spend on each ladder beyond its first simulation, as the break-even search and the
 * check of the assumptions have theirs inside `sim run`.
 */
export const REMEDY_BUDGET_S = 10;

/**
 * The verdict's search, after the run, for what keeps up (pure apart from `resolveWith`; the
 * caller simulates): for each platform that is not ok and whose advice is one number
 * (VerdictHooks.remedies), the least value of its ladder that keeps up (LadderSearch), so that
 * the verdict can say what keeping up would cost and whether that changes the choice, not only
 * what to try. Round by round: each round is at most one simulation per ladder, independent of
 * the others (they may run at once), and which comes next depends only on the outcomes, so the
 * result is the same whatever the number of workers.
 */
export interface RemedySearch {
  /** The next round's simulations, in scenario order; empty when the search is over. */
  next(): AlternativeRun[];
  /** The outcomes of the round `next` gave, in its order. */
  record(outcomes: readonly PlatformRun[]): void;
  /** For each ladder with a simulation: the least value that keeps up (or the largest tried), priced. */
  costs(): AlternativeCost[];
  /** What the alternatives of costs() risk that the simulation does not model (VerdictHooks.availability of their specs). */
  caveats(): AlternativeCaveat[];
  /**
   * What each simulation of the search is run on: the scenario cut to one period of its
   * traffic when that is shorter (probeDuration), and the `--set` that cuts it
   * (none when it is the run's own length), for the jobs that resolve it again.
   */
  readonly probe: { readonly scenario: Scenario; readonly sets: readonly string[] };
}

interface LadderState {
  readonly ladder: RemedyLadder;
  /** The platform as the scenario has it (for the estimate of a command that finishes the search). */
  readonly own: PlatformSpec;
  readonly search: LadderSearch;
  /** The resolved spec of each index tried (null: the scenario refuses it). */
  readonly specs: Map<number, PlatformSpec | null>;
  readonly outcomes: Map<number, SummaryRecord>;
  /** The search stopped at the budget, not at its own end. */
  stopped: boolean;
  /** Estimated seconds of its simulations beyond the first. */
  spent: number;
}

/**
 * The value of a ladder the verdict prices: the least that keeps up, or, below a platform that
 * keeps up when only its own value does, the largest below that does not.
 */
function chosenIndex(state: LadderState): number {
  const { keepsUp, fails } = state.search.result;
  return keepsUp >= 0 && keepsUp < state.ladder.values.length ? keepsUp : fails;
}

/**
 * The search for each ladder of the platforms that are not ok (RemedySearch). The first value
 * of each ladder (the advice's estimate) is always simulated; further values while their
 * estimated seconds stay within `budgetS`, per ladder. A value the scenario refuses ends its
 * ladder there. With `run` (what `sim run` was given), a search stopped at the budget with values
 * untried in between says the command that simulates them (remedy-command.ts).
 */
export function searchRemedies(
  scenario: Scenario,
  records: readonly SummaryRecord[],
  resolveWith: (sets: readonly string[]) => Scenario,
  budgetS: number = REMEDY_BUDGET_S,
  run?: RunInvocation,
): RemedySearch {
  const cut = onePeriod(scenario);
  const probe = { scenario: cut.scenario, sets: cut.withCut([]) };
  // The command that tries what the budget left untried runs what the probes ran: one period too.
  const probeRun = run === undefined ? run : { ...run, sets: cut.withCut(run.sets) };
  const load: RemedyLoad = {
    cpuPerRequest: fromSpec(scenario.requests.cpu).mean,
    peakToMean: peakToMean(scenario.traffic, scenario.startEpochMs, scenario.warmup, scenario.duration),
    measuredS: scenario.duration - scenario.warmup,
  };
  const states: LadderState[] = [];
  for (const own of scenario.platforms) {
    const record = records.find((r) => r.platform === own.name);
    if (record === undefined) continue;
    const hooks = PLATFORMS.of(own).verdict;
    const ladders = (record.status === 'ok' ? hooks.rightSizes : hooks.remedies)?.(record, own, load) ?? [];
    for (const ladder of ladders) {
      const search = new LadderSearch(ladder.values, ladder.first, ladder.below === true);
      states.push({ ladder, own, search, specs: new Map(), outcomes: new Map(), stopped: false, spent: 0 });
    }
  }
  const spec = (state: LadderState, index: number): PlatformSpec | null => {
    if (!state.specs.has(index)) state.specs.set(index, variantSpec(resolveWith, state.ladder.setting(state.ladder.values[index]!)));
    return state.specs.get(index)!;
  };
  let round: { state: LadderState; index: number }[] = [];
  return {
    next() {
      round = [];
      for (const state of states) {
        if (state.stopped) continue;
        let index = state.search.next();
        while (index !== null && spec(state, index) === null) {
          state.search.refuse(index);
          index = state.search.next();
        }
        if (index === null) continue;
        const target = spec(state, index)!;
        const seconds = estimateRun({ ...probe.scenario, platforms: [target] }).typicalSeconds;
        // A remedy's first value is always simulated; a right-sizing's only within the budget.
        if (state.search.simulations > 0 || state.ladder.below === true) {
          if (state.spent + seconds > budgetS) {
            state.stopped = true;
            continue;
          }
          state.spent += seconds;
        }
        round.push({ state, index });
      }
      return round.map(({ state, index }) => {
        return simulatedRun(state.ladder.setting(state.ladder.values[index]!), spec(state, index)!);
      });
    },
    record(outcomes) {
      round.forEach(({ state, index }, i) => {
        const record = outcomes[i]!.record;
        state.outcomes.set(index, record);
        state.search.record(index, record.status === 'ok');
      });
      round = [];
    },
    costs() {
      const costs: AlternativeCost[] = [];
      for (const state of states) {
        const chosen = chosenIndex(state);
        const record = state.outcomes.get(chosen);
        if (record === undefined) continue;
        const setting = state.ladder.setting(state.ladder.values[chosen]!);
        costs.push({
          platform: setting.platform,
          change: setting.change,
          costPerMonthUsd: record.cost_per_month_usd,
          status: record.status,
          simulated: true,
          search: searchNote(state, probeRun === undefined ? null : (untried) => untriedCommand(state.ladder, untried, probe.scenario, state.own, probeRun), cut.periodS),
        });
      }
      return costs;
    },
    caveats() {
      const caveats: AlternativeCaveat[] = [];
      for (const state of states) {
        const chosen = chosenIndex(state);
        const spec = state.outcomes.has(chosen) ? state.specs.get(chosen) : undefined;
        const text = spec === undefined || spec === null ? null : (PLATFORMS.of(spec).verdict.availability?.(spec) ?? null);
        if (text !== null) caveats.push({ platform: spec!.name, change: state.ladder.setting(state.ladder.values[chosen]!).change, text });
      }
      return caveats;
    },
    probe,
  };
}

/**
 * What the search found, in words: "the least that keeps up, not with 5 VMs; 3 simulations";
 * "less may keep up too: 3 VMs to 5 VMs not simulated (past sim run's 10 s budget); 2
 * simulations"; "none simulated keeps up, not even with 32 VMs; 3 simulations"; below a
 * platform that keeps up, "the least that keeps up is its own, 2 VMs; 1 simulation". Values left
 * untried at the budget come with the command that simulates them when `command` gives one
 * ("... not simulated (past sim run's 10 s budget: `sim optimize ...` tries them, about 9 min
 * on one core)").
 */
function searchNote(
  state: LadderState,
  command: ((untried: readonly number[]) => UntriedCommand | null) | null,
  /** The simulations' length when cut to one period of the traffic (probeDuration), else null. */
  probeS: number | null,
): NonNullable<AlternativeCost['search']> {
  const { ladder, search } = state;
  const { keepsUp, fails, fewest, refused } = search.result;
  const simulations = search.simulations;
  const period = probeS === null ? '' : ` of ${formatDuration(probeS)}, the traffic's own period`;
  const count = `${simulations} simulation${simulations === 1 ? '' : 's'}${period}`;
  const describe = (index: number): string => ladder.describe(ladder.values[index]!);
  // Why the values from index `from` to `to` were not simulated, and how to simulate them.
  const why = (from: number, to: number): string => {
    if (!state.stopped) return `at most ${MAX_PROBES} simulations`;
    const budget = `past sim run's ${REMEDY_BUDGET_S} s budget`;
    const untried = command?.(ladder.values.slice(from, to + 1)) ?? null;
    return untried === null ? budget : `${budget}: \`${untried.command}\` tries them, ${aboutTime(untried.seconds)} on one core`;
  };
  const own = ladder.values.length;
  let note: string;
  if (ladder.below === true && keepsUp === own) {
    // Only the platform's own value is known to keep up.
    const gap = fails + 1 === own - 1 ? describe(fails + 1) : `${describe(fails + 1)} to ${describe(own - 1)}`;
    note = fewest
      ? `the least that keeps up is its own, ${ladder.describe(ladder.own)}; ${count}`
      : `its own ${ladder.describe(ladder.own)} keeps up, not ${describe(fails)}; ${gap} not simulated (${why(fails + 1, own - 1)}); ${count}`;
  } else if (keepsUp >= 0 && fewest) {
    // A value the scenario's other settings refuse was not simulated: it is not said to fail.
    note = refused
      ? `the least that keeps up of what the scenario's other settings allow (not ${describe(fails)}); ${count}`
      : fails >= 0
        ? `the least that keeps up, not with ${describe(fails)}; ${count}`
        : `the least that keeps up; ${count}`;
  } else if (keepsUp >= 0) {
    const gap = keepsUp - fails === 2 ? describe(fails + 1) : `${describe(fails + 1)} to ${describe(keepsUp - 1)}`;
    note = `less may keep up too: ${gap} not simulated (${why(fails + 1, keepsUp - 1)}); ${count}`;
  } else {
    note = `none simulated keeps up, not even with ${describe(fails)}; ${count}`;
  }
  return { simulations, fewest, note };
}

/**
 * Runs every platform of the scenario, billing the alternatives of alternativeSettings beside
 * each one from the same simulated lifecycle (common random numbers: the same requests, the
 * same instance starts and stops), and simulating again only those that change behaviour.
 * Each bill (the platform's own, and the other Cloud Run billing setting) is also priced under
 * the spend commitments of commitmentOptions, from its eligible spend per clock hour of the
 * same run. Then, for a platform that did not keep up, the least value of the one number its
 * advice would change that keeps up (searchRemedies), simulated. `resolveWith(sets)` resolves the scenario with more `--set`
 * overrides (the CLI re-reads its file); an alternative the scenario refuses is left out. In this thread, one run
 * after another; `sim run` runs the same plan on worker threads (cli/run.ts).
 */
export function runWithAlternatives(
  scenario: Scenario,
  options: RunOptions,
  resolveWith: (sets: readonly string[]) => Scenario,
  onSimulate?: (label: string) => void,
): RunWithAlternatives {
  const plan = planAlternatives(scenario, resolveWith);
  const simulate = (run: AlternativeRun): PlatformRun => {
    if (!run.own) onSimulate?.(run.label);
    return simulatePlatform(scenario, run.spec, run.own ? options : { seed: options.seed, replication: options.replication ?? 0 }, run.variantSpecs);
  };
  const { records, alternatives } = plan.assemble(plan.runs.map(simulate));
  const remedies = searchRemedies(scenario, records, resolveWith);
  const probe = (run: AlternativeRun): PlatformRun => simulatePlatform(remedies.probe.scenario, run.spec, { seed: options.seed, replication: options.replication ?? 0 }, run.variantSpecs);
  for (let round = remedies.next(); round.length > 0; round = remedies.next()) {
    remedies.record(
      round.map((run) => {
        onSimulate?.(run.label);
        return probe(run);
      }),
    );
  }
  return { records, alternatives: [...alternatives, ...remedies.costs()] };
}

/** The simulation of a setting: its platform with the setting's `spec`, nothing billed beside it. */
function simulatedRun(setting: AlternativeSetting, spec: PlatformSpec): AlternativeRun {
  return { platform: setting.platform, spec, specSets: settingSets(setting), variantSpecs: [], variantSets: [], own: false, label: `${setting.platform} with ${setting.change}` };
}


function variantSpec(resolveWith: (sets: readonly string[]) => Scenario, setting: AlternativeSetting): PlatformSpec | null {
  try {
    return resolveWith(settingSets(setting)).platforms.find((p) => p.name === setting.platform) ?? null;
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}
