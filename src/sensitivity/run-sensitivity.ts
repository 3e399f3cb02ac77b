import { isDeepStrictEqual } from 'node:util';
import { InputError } from '../errors.js';
import type { AnyJob, Job } from '../experiment/job.js';
import type { PlatformJob } from '../experiment/platform-job.js';
import type { PlatformRun } from '../experiment/run.js';
import type { JobPool } from '../experiment/job-pool.js';
import { checkRun, DEFAULT_LIMITS, estimateRun, human, maxTimeSuggestion, REQUESTS_PER_SECOND_ESTIMATE, TYPICAL_REQUESTS_PER_SECOND, typically, type Limits } from '../experiment/preflight.js';
import { readScenarioSource, ScenarioResolver, type ScenarioSource } from '../experiment/scenario-source.js';
import type { SummaryRecord } from '../metrics/summary.js';
import { parseScenarioText } from '../scenario/scenario-text.js';
import { completeScenarioFile, resolveScenario } from '../scenario/load.js';
import { PLATFORMS } from '../platforms/registry.js';
import type { Scenario } from '../scenario/types.js';
import type { AssumptionRange } from '../scenario/assumptions.js';
import type { Judge } from './judge.js';
import { planSensitivity, showValue, type PlannedRow, type SensitivityPlan } from './plan.js';
import { assembleResult } from './tornado.js';
import type { SensitivityResult } from './types.js';

export interface SensitivitySpec {
  readonly file: string;
  /** The file's text as the caller already read it (`sim run`: every part of one run from one reading); absent: read here. */
  readonly source?: ScenarioSource;
  /** The user's --set flags (and billing.freeTier=true for --free-tier), applied to every run. */
  readonly sets: readonly string[];
  readonly seed: number;
  /** The assumptions varied: assumptionRanges() for models/, a fixture in tests. */
  readonly catalog: readonly AssumptionRange[];
  /** The verdict's rules (src/verdict/). */
  readonly judge: Judge;
  /** Refuse when the estimate exceeds these. @default DEFAULT_LIMITS */
  readonly limits?: Limits;
  /** Called in job order after each simulation: done of total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The plan of this file, sets and catalog already resolved (resolvePlan: `sim run`'s check), used instead of planning again. */
  readonly resolved?: ResolvedPlan;
  /**
   * The baseline's run, made already (`sim run`'s own run of each platform, with the same file,
   * sets and seed): its records in scenario order, and the records at both ends of each fromRun
   * row of the plan, in plan order. Given, the baseline is not simulated again.
   */
  readonly baselineRun?: BaselineRun;
}

/** What runSensitivity takes from the baseline's run (SensitivitySpec.baselineRun). */
export interface BaselineRun {
  readonly records: readonly SummaryRecord[];
  readonly ends: readonly { readonly low: SummaryRecord; readonly high: SummaryRecord }[];
}

/** Simulations a sensitivity run takes and how long they should take, before any starts. */
export interface SensitivityEstimate {
  readonly simulations: number;
  readonly requestsPerSimulation: number;
  /** Wall-clock seconds at the refusal's rate (REQUESTS_PER_SECOND_ESTIMATE). */
  readonly seconds: number;
  /** The same at the typical rate (TYPICAL_REQUESTS_PER_SECOND): the time to quote and to budget. */
  readonly typicalSeconds: number;
}

/**
 * Refuses (InputError) a sensitivity run estimated past `limits.maxSeconds`: every platform
 * once for the baseline, then one platform per simulated variant (2 per row that is not measured
 * from the baseline's run), each as long as one platform's baseline run, shared among the
 * pool's workers.
 */
export function checkSensitivity(baseline: Scenario, ends: number, workers: number, limits: Limits, where: string): SensitivityEstimate {
  const estimate = estimateSensitivity(baseline, ends, workers);
  const { requestsPerSimulation: requests, simulations, seconds, typicalSeconds } = estimate;
  if (seconds > limits.maxSeconds) {
    throw new InputError(
      `${where}: ${simulations} simulations (${baseline.platforms.length} platform${baseline.platforms.length === 1 ? '' : 's'} of the baseline + ${ends} range end${ends === 1 ? '' : 's'} simulated, one platform each) ` +
        `of about ${Math.round(requests).toLocaleString('en-US')} requests each, an estimated ${human(seconds)} on ${workers} worker${workers === 1 ? '' : 's'} ` +
        `(at ${REQUESTS_PER_SECOND_ESTIMATE.toLocaleString('en-US')} requests/s each, the low end; ${typically(typicalSeconds)}): refused; shorten duration, or pass --max-time ${maxTimeSuggestion(seconds)} to run it anyway`,
    );
  }
  return estimate;
}

/**
 * What checkSensitivity checks (pure): every platform once, then one platform per simulated
 * range end (simulatedEnds: not measured from the baseline's run, and not the baseline itself).
 */
export function estimateSensitivity(baseline: Scenario, ends: number, workers: number): SensitivityEstimate {
  const requests = estimateRun(baseline).requests;
  const simulations = baseline.platforms.length + ends;
  return {
    simulations,
    requestsPerSimulation: requests,
    seconds: (requests * simulations) / REQUESTS_PER_SECOND_ESTIMATE / workers,
    typicalSeconds: (requests * simulations) / TYPICAL_REQUESTS_PER_SECOND / workers,
  };
}

/**
 * A variant's scenario; or, when the scenario's other settings refuse the range's value (a VM
 * count of 1 under an autoscaler whose minSize is 3), why, for the row to be skipped; a value
 * that no scenario takes is a broken models file, reported against it.
 */
function resolveVariant(
  resolver: ScenarioResolver,
  source: Parameters<ScenarioResolver['resolve']>[0],
  row: PlannedRow,
  end: 'low' | 'high',
  sets: readonly string[],
): Scenario | { readonly conflict: string } {
  try {
    return resolver.resolve(source, [...sets, ...row.sets[end]]);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const first = error.message.split('\n')[0]!;
    if (fitsOnItsOwn(row, end)) {
      return { conflict: `its ${end} end, ${showValue(row[end])}, does not fit the scenario's other settings (${first.replace(`${source.path}: `, '')})` };
    }
    const a = row.assumption;
    throw new InputError(`models/${PLATFORMS.of(a).catalogFile}: ${a.key}.range.${end}: ${showValue(row[end])} does not fit ${row.parameter}: ${first}`);
  }
}

/** Whether a range's value is one the platform takes with every other setting at the model's defaults. */
function fitsOnItsOwn(row: PlannedRow, end: 'low' | 'high'): boolean {
  const bare = {
    name: 'range-check',
    duration: '1m',
    traffic: { type: 'poisson', rps: 1 },
    requests: { cpu: { dist: 'exponential', mean: '10ms' } },
    platforms: [{ name: row.platform, model: row.assumption.model }],
  };
  try {
    resolveScenario(bare, 'range-check', row.sets[end]);
    return true;
  } catch (error) {
    if (error instanceof InputError) return false;
    throw error;
  }
}

/**
 * The plan with each row's two ends resolved against the scenario: a row whose end the
 * scenario's other settings refuse is moved to `skipped` with the reason (the check goes on
 * without it), so that `sim run`'s count of ranges and `sim sensitivity`'s agree.
 */
export interface ResolvedPlan {
  readonly plan: SensitivityPlan;
  /** Each row's scenario at its two ends, in the plan's order. */
  readonly variants: readonly { readonly low: Scenario; readonly high: Scenario }[];
  /**
   * Whether each row's end resolves to the baseline itself (the range's end is the scenario's
   * own value: a server that is already asyncio, a boost already off): its simulation would be
   * the baseline's, record for record, so the baseline's record stands for it.
   */
  readonly repeats: readonly { readonly low: boolean; readonly high: boolean }[];
}

/** A range end the check simulates: of a row not measured from the baseline's run (fromRun), and not the baseline itself. */
export interface SimulatedEnd {
  readonly row: PlannedRow;
  readonly end: 'low' | 'high';
}

/** The range ends the check simulates (of the rows `keep` keeps), in plan order, low before high. */
export function simulatedEnds(resolved: ResolvedPlan, keep: (row: PlannedRow) => boolean = () => true): SimulatedEnd[] {
  return resolved.plan.rows.flatMap((row, index) =>
    row.fromRun || !keep(row) ? [] : (['low', 'high'] as const).filter((end) => !resolved.repeats[index]![end]).map((end) => ({ row, end })),
  );
}

export function resolvePlan(plan: SensitivityPlan, resolver: ScenarioResolver, source: Parameters<ScenarioResolver['resolve']>[0], sets: readonly string[]): ResolvedPlan {
  const rows: PlannedRow[] = [];
  const skipped = [...plan.skipped];
  const variants: { low: Scenario; high: Scenario }[] = [];
  const repeats: { low: boolean; high: boolean }[] = [];
  const baseline = resolver.resolve(source, sets);
  for (const row of plan.rows) {
    const low = resolveVariant(resolver, source, row, 'low', sets);
    const high = resolveVariant(resolver, source, row, 'high', sets);
    if ('conflict' in low || 'conflict' in high) {
      skipped.push({ parameter: row.parameter, reason: 'conflict' in low ? low.conflict : (high as { conflict: string }).conflict });
      continue;
    }
    rows.push(row);
    variants.push({ low, high });
    // Equal as resolved scenarios, every field (a simulation depends on nothing else but the seed).
    repeats.push({ low: isDeepStrictEqual(low, baseline), high: isDeepStrictEqual(high, baseline) });
  }
  return { plan: { rows, skipped }, variants, repeats };
}

/**
 * `sim sensitivity`: each assumption of the catalog that applies to a platform of the scenario,
 * at the low and at the high end of its range, one at a time, everything else at the baseline.
 *
 * Common random numbers: every run uses the same seed and replication, so every variant sees
 * exactly the requests of the baseline, and a variant differs from it only by the parameter.
 * A platform's simulation depends on that platform's settings alone (job.ts), so a variant
 * re-simulates only the platform whose parameter moved and reuses the baseline records of the
 * others: 2 + 2 x rows simulations for two platforms, not 2 x (1 + 2 x rows); an end that is
 * the baseline's own value (ResolvedPlan.repeats) takes the baseline's record. A range that
 * changes only the bill (a price, a rounding rule, a disk) or the latency a front end adds
 * (PlannedRow.fromRun) is not simulated at all: its ends are billed and measured beside the
 * baseline from the same run (simulatePlatform's variants). Results come back
 * in job order whatever the worker count (job-pool.ts), so the output does not depend on it.
 */
export async function runSensitivity(spec: SensitivitySpec, pool: JobPool): Promise<SensitivityResult> {
  const source = spec.source ?? readScenarioSource(spec.file);
  const resolver = new ScenarioResolver();
  const baseline = resolver.resolve(source, spec.sets);
  const planOf = (): ResolvedPlan => {
    const raw = parseScenarioText(source.text, source.path);
    return resolvePlan(planSensitivity(spec.catalog, raw, completeScenarioFile(raw, source.path, spec.sets), baseline, spec.sets), resolver, source, spec.sets);
  };
  const resolved = spec.resolved ?? planOf();
  const { plan, variants } = resolved;

  const limits = spec.limits ?? DEFAULT_LIMITS;
  // A variant can grow a backlog the baseline does not (a smaller queueLimit's range end of
  // "unbounded", say): each is checked as `sim run` checks a run.
  for (const v of [baseline, ...variants.flatMap((x) => [x.low, x.high])]) checkRun(v, { ...limits, maxSeconds: Infinity }, spec.file);
  const simulated = simulatedEnds(resolved);
  checkSensitivity(baseline, simulated.length, pool.workers, limits, spec.file);

  // The baseline: each platform once, billing and measuring the ends of its fromRun rows from
  // the same run (unless the caller ran it already).
  const names = baseline.platforms.map((p) => p.name);
  const fromRunOf = (name: string): PlannedRow[] => plan.rows.filter((row) => row.fromRun && row.platform === name);
  const given = spec.baselineRun;
  const fromRunRows = plan.rows.filter((row) => row.fromRun);
  if (given !== undefined && (given.records.length !== names.length || given.ends.length !== fromRunRows.length)) {
    throw new Error(`sensitivity: the baseline run given has ${given.records.length} records and ${given.ends.length} rows measured from it; the plan needs ${names.length} and ${fromRunRows.length}`);
  }
  const own = given === undefined ? names.length : 0;
  const jobs: AnyJob[] = [
    ...names.slice(0, own).map(
      (name): PlatformJob => ({
        kind: 'platform',
        source,
        sets: spec.sets,
        seed: spec.seed,
        replication: 0,
        platform: name,
        variantSets: fromRunOf(name).flatMap((row) => [row.sets.low[0]!, row.sets.high[0]!]),
      }),
    ),
    ...simulated.map(({ row, end }): Job => ({ source, sets: [...spec.sets, ...row.sets[end]], seed: spec.seed, replication: 0, platforms: [row.platform] })),
  ];
  const results: (SummaryRecord[] | PlatformRun)[] = [];
  let done = 0;
  spec.onProgress?.(0, jobs.length);
  await pool.runJobs(jobs, (index, result) => {
    results[index] = result;
    spec.onProgress?.(++done, jobs.length);
  });

  const baseRuns = results.slice(0, own) as PlatformRun[];
  const baseRecords = given?.records ?? baseRuns.map((run) => run.record);
  // Each row's records at its two ends: from the baseline's run when fromRun, else its own jobs (in plan order).
  const ends = new Map<PlannedRow, { low: SummaryRecord; high: SummaryRecord }>();
  if (given !== undefined) fromRunRows.forEach((row, k) => ends.set(row, given.ends[k]!));
  else {
    for (const [i, name] of names.entries()) {
      fromRunOf(name).forEach((row, k) => ends.set(row, { low: baseRuns[i]!.variantRecords[2 * k]!, high: baseRuns[i]!.variantRecords[2 * k + 1]! }));
    }
  }
  // Else the baseline's record, where the end is the baseline itself, or the end's own job.
  for (const row of plan.rows) {
    if (row.fromRun) continue;
    const baseRecord = baseRecords.find((r) => r.platform === row.platform)!;
    ends.set(row, { low: baseRecord, high: baseRecord });
  }
  simulated.forEach(({ row, end }, k) => (ends.get(row)![end] = (results[own + k] as SummaryRecord[])[0]!));
  const judge = (scenario: Scenario, platform: string | null, record: SummaryRecord | null) =>
    spec.judge(
      baseRecords.map((r) => (r.platform === platform ? record! : r)),
      scenario,
    );
  const at = plan.rows.map((row, i) => ({
    low: judge(variants[i]!.low, row.platform, ends.get(row)!.low),
    high: judge(variants[i]!.high, row.platform, ends.get(row)!.high),
  }));
  return assembleResult(baseline.name, spec.seed, plan.rows, plan.skipped, judge(baseline, null, null), at);
}
