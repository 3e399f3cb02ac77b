import { availableParallelism } from 'node:os';
import { createJobPool, threadsAvailable, type JobPool } from '../experiment/job-pool.js';
import { checkRun, DEFAULT_LIMITS } from '../experiment/preflight.js';
import { checkTraffic } from '../experiment/no-traffic.js';
import type { PlatformEvent, PlatformJob } from '../experiment/platform-job.js';
import type { PlatformRun } from '../experiment/run.js';
import { readScenarioSource, ScenarioResolver } from '../experiment/scenario-source.js';
import { shareRequests } from '../experiment/share-requests.js';
import type { TimelineRow } from '../metrics/timeline-fields.js';
import { OrderedRows } from '../output/ordered-rows.js';
import { prepareOutputFile } from '../output/output-path.js';
import { RunDirectory } from '../output/run-directory.js';
import { summaryToCsv } from '../output/summary-csv.js';
import { summaryToTable } from '../output/summary-table.js';
import { runToJson, verdictToJson } from '../output/verdict-json.js';
import { writeSensitivityFiles } from '../output/sensitivity-files.js';
import { planAlternatives, planRecordsOnly, REMEDY_BUDGET_S, searchRemedies, type AlternativeRun, type RunWithAlternatives } from '../verdict/alternatives.js';
import { planBreakeven, trafficBreakeven } from '../verdict/breakeven-hint.js';
import { buildVerdict } from '../verdict/build-verdict.js';
import { endsFromRun, fromRunVariantSets, checkSensitivityInRun, planSensitivityCheck } from '../verdict/sensitivity-hint.js';
import { TimelineCollector } from '../report/timeline-series.js';
import type { Scenario } from '../scenario/types.js';
import { coldStartWarning, type Judged } from '../verdict/cold-start.js';
import { runWarnings } from '../verdict/warnings.js';
import type { Format } from './formats.js';
import { terminalParallelProgress, terminalProgress, type Progress } from './progress.js';
import { terminalProgressBar } from './sweep-progress.js';

export { FORMATS, type Format } from './formats.js';

export interface RunCommandOptions {
  readonly seed: number;
  readonly set: readonly string[];
  readonly format: Format;
  readonly out?: string;
  readonly timelineStep: number;
  /** --free-tier: the same as `--set billing.freeTier=true`, applied after the other --set flags. */
  readonly freeTier?: boolean;
  /** Refuse runs estimated to take longer than this many wall-clock seconds (default 1 h). */
  readonly maxSeconds?: number;
  /** --report FILE: also write the run's HTML report (the timeline downsampled in memory, no --out needed). */
  readonly report?: string;
  /**
   * --workers: threads for the platforms' simulations (and the break-even search). Absent:
   * every core, for a run estimated to take at least PARALLEL_MIN_S; a shorter run stays in
   * this thread, where starting threads would cost more than it saves.
   */
  readonly workers?: number;
}

/** Estimated seconds of simulation (preflight) from which `sim run` uses worker threads by default. */
export const PARALLEL_MIN_S = 2;

/**
 * `sim run`: load, check (preflight and output paths, before the work), simulate, judge,
 * render. The table ends with the verdict in words, JSON carries `{records, verdict}`, CSV the
 * records only. With --out DIR it also writes summary.csv, timeline.csv and verdict.json there
 * as one unit, with a manifest written last (output/run-directory.ts). Warnings about likely
 * mistakes go to stderr (and into the verdict); the run goes on.
 */
export async function runCommand(
  file: string,
  options: RunCommandOptions,
  stdout: (text: string) => void,
  stderr: (text: string) => void = (text) => process.stderr.write(text),
): Promise<void> {
  const sets = options.freeTier === true ? [...options.set, 'billing.freeTier=true'] : options.set;
  // Read once: every platform, in this thread or a worker, is resolved from this same text.
  const source = readScenarioSource(file);
  const resolver = new ScenarioResolver();
  const scenario = resolver.resolve(source, sets);
  const estimate = checkRun(scenario, { ...DEFAULT_LIMITS, maxSeconds: options.maxSeconds ?? DEFAULT_LIMITS.maxSeconds }, file, {
    ...(options.out !== undefined || options.report !== undefined ? { timelineStep: options.timelineStep } : {}),
  });
  checkTraffic(scenario, file);
  // Output paths are checked before the work: a typo must not cost the run.
  if (options.report !== undefined) await prepareOutputFile(options.report, '--report');
  const directory = options.out !== undefined ? await RunDirectory.open(options.out, '--out') : undefined;
  const timeline = directory?.timeline;
  // Likely mistakes in the file: said now, before the work; the run goes on.
  for (const warning of scenario.warnings ?? []) stderr(`sim: warning: ${file}: ${warning}\n`);
  const report = options.report !== undefined ? new TimelineCollector() : undefined;
  const onRow = (row: TimelineRow): void => {
    timeline?.write(row);
    report?.add(row);
  };
  // CSV on stdout and no --out or --report: the records are all anyone reads, so the verdict's
  // bills, searches and checks (as many simulations again, or more) are not made.
  const judged = options.format !== 'csv' || directory !== undefined || report !== undefined;
  // The assumptions' ranges (`sim sensitivity`'s plan): those that change only a bill or a
  // front end's latency are billed and measured beside the run itself, so they are checked
  // even when the whole check is too long.
  const check = judged ? planSensitivityCheck(source, scenario, file, sets, options.seed, { resolver }) : null;
  // The alternatives are billed from the same run (same requests, same instances); each
  // alternative is the scenario resolved with one more --set.
  const alternativesPlan = judged ? planAlternatives(scenario, (more) => resolver.resolve(source, [...sets, ...more])) : planRecordsOnly(scenario);
  const plan = {
    ...alternativesPlan,
    runs: alternativesPlan.runs.map((run) => (run.own ? { ...run, variantSets: [...run.variantSets, ...fromRunVariantSets(check, run.platform)] } : run)),
  };
  const byDefault = estimate.seconds >= PARALLEL_MIN_S && threadsAvailable() ? availableParallelism() : 1;
  const workers = Math.max(1, Math.min(options.workers ?? byDefault, plan.runs.length));
  const pool = createJobPool(workers, resolver);
  const names = scenario.platforms.map((p) => p.name);
  const progress = workers > 1 ? terminalParallelProgress(scenario.duration, names) : terminalProgress(scenario.duration, names.length);
  // No SIGINT handler: Ctrl-C ends the process (and its worker threads) at once; what it
  // leaves is at most a temporary file, never a half-written summary or timeline.
  try {
    const { run, own } = await simulateRun(scenario, plan, pool, {
      source,
      sets,
      seed: options.seed,
      ...(timeline || report ? { timelineStep: options.timelineStep, onRow } : {}),
      ...(progress ? { progress } : {}),
    });
    progress?.done();
    const { records } = run;
    checkTraffic(scenario, file, Math.max(0, ...records.map((r) => r.requests_arrived)));
    const afterRun = runWarnings(records);
    for (const warning of afterRun) stderr(`sim: warning: ${warning}\n`);
    if (!judged) {
      stdout(summaryToCsv(records));
      return;
    }
    const warnings = [...(scenario.warnings ?? []), ...afterRun];
    // A platform that did not keep up: the least of what its advice would change that keeps up, searched on the pool, priced beside the rest.
    const remedies = searchRemedies(scenario, records, (more) => resolver.resolve(source, [...sets, ...more]), REMEDY_BUDGET_S, { file, sets, seed: options.seed });
    // Every simulation judged ok or not, for the warning about a run with no warm-up.
    const simulated: Judged[] = scenario.platforms.map((spec) => ({ spec, status: records.find((r) => r.platform === spec.name)!.status }));
    for (let round = remedies.next(); round.length > 0; round = remedies.next()) {
      // Each as long as the run, or one period of its traffic (probeDuration): a line on a terminal says what they are and how far.
      const checking = terminalParallelProgress(remedies.probe.scenario.duration, round.map((run) => run.label), 'checking what keeps up');
      try {
        const outcomes = await simulateRemedies(remedies.probe.scenario, round, pool, { source, sets: [...sets, ...remedies.probe.sets], seed: options.seed, ...(checking ? { progress: checking } : {}) });
        remedies.record(outcomes);
        round.forEach((run, i) => simulated.push({ spec: run.spec, status: outcomes[i]!.record.status }));
      } finally {
        checking?.done();
      }
    }
    const coldStart = coldStartWarning(scenario.warmup, simulated);
    if (coldStart !== null) warnings.push(coldStart);
    const alternatives = [...run.alternatives, ...remedies.costs()];
    const ranked = [...records].sort((a, b) => a.rank - b.rank);
    const pair = ranked.length >= 2 ? ([ranked[0]!.platform, ranked[1]!.platform] as const) : null;
    const breakevenPlan = pair === null ? null : planBreakeven(scenario, file, sets, options.seed, pair);
    const statuses = new Map(records.map((r) => [r.platform, r.status]));
    const breakeven = pair === null ? null : await trafficBreakeven(breakevenPlan, file, options.seed, pair, pool, statuses, records);
    // The assumptions' ranges: `sim sensitivity` on the same pool when short, else the ranges
    // measured from this run (fromRun) and the command; a bar on a terminal while it runs (a
    // few seconds at most), gone when it is done.
    const bar = terminalProgressBar('checking the assumptions');
    let sensitivity;
    try {
      sensitivity = await checkSensitivityInRun(check, pool, bar && ((done, total) => bar.update(done, total)), check === null ? undefined : endsFromRun(check, own));
    } finally {
      bar?.stop();
    }
    const verdict = buildVerdict({ scenario, records, alternatives, breakeven, sensitivity: sensitivity?.verdict ?? null, warnings, caveats: remedies.caveats() });
    const tornado = sensitivity?.result ?? null;
    if (directory !== undefined) {
      await directory.finish(records, { scenario: { ...scenario, source: undefined }, seed: options.seed, timelineStep: options.timelineStep }, [
        { name: 'verdict.json', data: verdictToJson(verdict) },
      ]);
      // The files `sim sensitivity --out DIR` writes, which `sim report DIR` draws as the tornado.
      if (tornado !== null) await writeSensitivityFiles(directory.dir, tornado);
    }
    if (report !== undefined && options.report !== undefined) {
      // The report code (chart libraries) loads only for --report.
      const { writeRunReport } = await import('../report/write-report.js');
      await writeRunReport(records, report, options.report, {}, { verdict, sensitivity: tornado });
    }
    switch (options.format) {
      case 'table':
        stdout(`${summaryToTable(records)}\n${verdict.lines.join('\n')}\n`);
        break;
      case 'json':
        stdout(runToJson(records, verdict));
        break;
      case 'csv':
        stdout(summaryToCsv(records));
        break;
    }
  } catch (error) {
    progress?.done();
    directory?.abort();
    throw error;
  } finally {
    await pool.close();
  }
}

/** One simulation of the verdict's plan as a job: a platform's own run carries the timeline and progress when wanted. */
function platformJob(run: AlternativeRun, options: Pick<SimulateOptions, 'source' | 'sets' | 'seed' | 'timelineStep' | 'progress'>): PlatformJob {
  return {
    kind: 'platform',
    source: options.source,
    sets: options.sets,
    seed: options.seed,
    replication: 0,
    platform: run.platform,
    ...(run.specSets !== undefined ? { specSets: run.specSets } : {}),
    variantSets: run.variantSets,
    ...(run.own && options.timelineStep !== undefined ? { timelineStep: options.timelineStep } : {}),
    ...(run.own && options.progress !== undefined ? { progress: true } : {}),
  };
}

/**
 * One round of the remedies' search (searchRemedies) on the pool, in order: each its own job,
 * no timeline; progress, when wanted, under each run's label (the runs of a round are often of
 * one platform, so its name would not tell them apart). The jobs that start together read one
 * draw of the requests, as the run's own do (share-requests.ts): a remedy changes a platform,
 * never the traffic. `scenario` and the sets are the search's probe (searchRemedies): the run,
 * or one period of its traffic when that is shorter.
 */
async function simulateRemedies(
  scenario: Scenario,
  runs: readonly AlternativeRun[],
  pool: JobPool,
  options: Pick<SimulateOptions, 'source' | 'sets' | 'seed' | 'progress'>,
): Promise<PlatformRun[]> {
  const { progress } = options;
  const jobs = runs.map((run) => ({ ...platformJob(run, { source: options.source, sets: options.sets, seed: options.seed }), ...(progress ? { progress: true } : {}) }));
  const outcomes: PlatformRun[] = [];
  await runSharingRequests(
    scenario,
    jobs,
    pool,
    (index, outcome) => {
      outcomes[index] = outcome;
    },
    (index, event) => {
      if (event.kind === 'progress') progress?.(runs[index]!.label, event.simulated, event.requests);
    },
  );
  return outcomes;
}

/**
 * Platform jobs on the pool, the ones that start together reading one draw of the requests made
 * in this thread (share-requests.ts; none when the pool runs one job at a time).
 */
async function runSharingRequests(
  scenario: Scenario,
  jobs: readonly PlatformJob[],
  pool: JobPool,
  onResult: (index: number, run: PlatformRun) => void,
  onEvent: (index: number, event: PlatformEvent) => void,
): Promise<void> {
  const shared = shareRequests(scenario, jobs, pool.workers);
  const writing = shared?.write();
  try {
    await Promise.all([pool.runJobs(shared?.jobs ?? jobs, onResult, onEvent), writing]);
  } catch (error) {
    shared?.stop();
    throw error;
  }
}

interface SimulateOptions {
  readonly source: { readonly path: string; readonly text: string };
  readonly sets: readonly string[];
  readonly seed: number;
  readonly timelineStep?: number;
  readonly onRow?: (row: TimelineRow) => void;
  readonly progress?: Progress;
}

/**
 * The run's simulations (planAlternatives) on the pool, one job per platform and per simulated
 * alternative. Results come back in job order and timeline rows go to `onRow` in platform
 * order (OrderedRows), so the output is byte-identical whatever the number of workers.
 * Returns the assembled result and each platform's own run (its variants' records too).
 */
async function simulateRun(
  scenario: Scenario,
  plan: ReturnType<typeof planAlternatives>,
  pool: JobPool,
  options: SimulateOptions,
): Promise<{ readonly run: RunWithAlternatives; readonly own: readonly PlatformRun[] }> {
  const jobs = plan.runs.map((run) => platformJob(run, options));
  const own = plan.runs.filter((run) => run.own).length;
  const rows = options.onRow !== undefined ? new OrderedRows(own, options.onRow) : undefined;
  const outcomes: PlatformRun[] = [];
  try {
    await runSharingRequests(
      scenario,
      jobs,
      pool,
      (index, run) => {
        outcomes[index] = run;
        if (index < own) rows?.finish(index);
      },
      (index, event) => {
        if (event.kind === 'rows') rows?.add(index, event.batch);
        else options.progress?.(event.platform, event.simulated, event.requests);
      },
    );
  } finally {
    rows?.close();
  }
  if (scenario.platforms.length !== own) throw new Error('sim run: one own run per platform expected');
  return { run: plan.assemble(outcomes), own: outcomes.slice(0, own) };
}
