import { checkExperiment, DEFAULT_LIMITS } from './preflight.js';
import { InputError } from '../errors.js';
import type { SummaryRecord } from '../metrics/summary.js';
import { checkAxes, gridPoints, pointSets, type GridAxis, type GridPoint } from './grid.js';
import { interval, type Interval } from './interval.js';
import type { Job } from './job.js';
import type { JobPool } from './job-pool.js';
import { paretoFrontier } from './pareto.js';
import { ScenarioResolver, readScenarioSource } from './scenario-source.js';
import { backlogGrows } from '../verdict/status.js';
import { meets, sloValue, type Slo } from './slo.js';

export interface OptimizeSpec {
  readonly file: string;
  readonly sets: readonly string[];
  readonly axes: readonly GridAxis[];
  readonly replications: number;
  /** Refuse optimisations estimated to take longer than this many wall-clock seconds. @default 3600 */
  readonly maxSeconds?: number;
  readonly seed: number;
  /** At least one; the first latency objective (else the first) is the frontier's axis. */
  readonly slos: readonly Slo[];
}

/** One grid point of one platform, over its replications. */
export interface PointOutcome {
  /** Values of the platform's axes (`PlatformOptimum.axes`), in order. */
  readonly values: GridPoint;
  readonly cost: Interval;
  /** One interval per objective, in `slos` order. */
  readonly slo: readonly Interval[];
  /** Every objective met by the mean, and no replication's backlog growing without bound. */
  readonly meets: boolean;
  /** Every objective met by the upper end of its 95 % interval too (and no backlog growing). */
  readonly confident: boolean;
  /**
   * Replications whose backlog grows without bound (src/verdict/status.ts backlogGrows): such a
   * point does not keep up, whatever it served within the run, as `sim run`'s verdict judges
   * it, so the search the verdict hands over (`sim optimize ... --grid vm.count=...`) judges
   * the same way.
   */
  readonly backlogGrowing: number;
  /** max over objectives of mean / limit: below 1 when all are met; how far off otherwise. */
  readonly worstRatio: number;
}

export interface PlatformOptimum {
  readonly platform: string;
  /** The grid axes that can change this platform's results (others name another platform). */
  readonly axes: readonly GridAxis[];
  readonly points: readonly PointOutcome[];
  /** The cheapest point meeting every objective (by mean cost), if any. */
  readonly best: PointOutcome | undefined;
  /** The point closest to meeting them (least worst ratio) when none does. */
  readonly closest: PointOutcome | undefined;
  /** Points no other beats on both mean cost and the frontier objective, cheapest first. */
  readonly frontier: readonly PointOutcome[];
}

export interface OptimizeResult {
  /** Index in `slos` of the objective the frontier trades against cost. */
  readonly frontierSlo: number;
  readonly platforms: readonly PlatformOptimum[];
}

/** The first segment of a `--set` path: a top-level key or a platform's name. */
function head(path: string): string {
  return path.split(/[.[]/)[0]!;
}

/**
 * Per platform, the cheapest grid point that meets every objective, judged on the mean over
 * replications (with the 95 % interval reported), and the Pareto frontier of mean cost
 * against the frontier objective.
 *
 * Each platform runs alone over the grid axes that concern it: an axis whose path starts with
 * another platform's name (`vm.count` for `cloud-run`) cannot change its results, since every
 * platform is its own simulation over the same requests. So `--grid cloud-run.concurrency=...
 * --grid vm.count=...` costs the sum of the two lists, not their product.
 */
export async function optimize(spec: OptimizeSpec, pool: JobPool, onProgress?: (done: number, total: number) => void): Promise<OptimizeResult> {
  if (spec.slos.length === 0) throw new InputError('--slo: give at least one objective, e.g. --slo p99<300ms');
  if (!Number.isInteger(spec.replications) || spec.replications < 1) throw new InputError(`--replications: ${spec.replications} is not allowed: an integer >= 1`);
  checkAxes(spec.axes);
  const resolver = new ScenarioResolver();
  const source = readScenarioSource(spec.file);
  const base = resolver.resolve(source, spec.sets);
  const names = base.platforms.map((p) => p.name);

  // Plan and validate everything before the first run.
  const plans = names.map((platform) => {
    const axes = spec.axes.filter((axis) => !names.includes(head(axis.path)) || head(axis.path) === platform);
    const points = gridPoints(axes).map((values) => {
      const sets = [...spec.sets, ...pointSets(axes, values)];
      let scenario;
      try {
        scenario = resolver.resolve(source, sets);
      } catch (error) {
        if (error instanceof InputError) throw new InputError(`--grid point ${pointSets(axes, values).join(' ')}: ${error.message}`);
        throw error;
      }
      // Each job runs this platform alone: that is what the preflight estimates.
      const alone = { ...scenario, platforms: scenario.platforms.filter((p) => p.name === platform) };
      return { values, sets, scenario: alone };
    });
    return { platform, axes, points };
  });
  const taskCount = plans.reduce((acc, plan) => acc + plan.points.length * spec.replications, 0);
  checkExperiment(
    {
      points: plans.flatMap(({ axes, points }) =>
        points.map((point) => ({ scenario: point.scenario, label: axes.length === 0 ? spec.file : `${spec.file}: --grid point ${pointSets(axes, point.values).join(' ')}` })),
      ),
      runsPerPoint: spec.replications,
      workers: pool.workers,
      tasks: taskCount,
    },
    { ...DEFAULT_LIMITS, ...(spec.maxSeconds !== undefined ? { maxSeconds: spec.maxSeconds } : {}) },
    spec.file,
  );
  const jobs: Job[] = plans.flatMap(({ platform, points }) =>
    points.flatMap(({ sets }) =>
      Array.from({ length: spec.replications }, (_, replication) => ({ source, sets, seed: spec.seed, replication, platforms: [platform] })),
    ),
  );

  let done = 0;
  onProgress?.(0, jobs.length);
  const records: SummaryRecord[] = [];
  await pool.run(jobs, (index, result) => {
    records[index] = result[0]!;
    onProgress?.(++done, jobs.length);
  });

  const frontierSlo = Math.max(0, spec.slos.findIndex((slo) => slo.kind === 'latency'));
  let next = 0;
  const platforms = plans.map(({ platform, axes, points }) => {
    const outcomes = points.map(({ values, scenario }) => {
      const runs = records.slice(next, next + spec.replications);
      next += spec.replications;
      return pointOutcome(values, runs, spec.slos, scenario.warmup);
    });
    const feasible = outcomes.filter((o) => o.meets);
    const best = feasible.reduce<PointOutcome | undefined>((a, b) => (a === undefined || b.cost.mean < a.cost.mean ? b : a), undefined);
    const closest =
      best !== undefined ? undefined : outcomes.reduce<PointOutcome | undefined>((a, b) => (a === undefined || b.worstRatio < a.worstRatio ? b : a), undefined);
    const frontier = paretoFrontier(outcomes, (o) => o.cost.mean, (o) => o.slo[frontierSlo]!.mean);
    return { platform, axes, points: outcomes, best, closest, frontier };
  });
  return { frontierSlo, platforms };
}

/** `warmup`: the point's warm-up, seconds (the records' counts cover the run after it). */
function pointOutcome(values: GridPoint, runs: readonly SummaryRecord[], slos: readonly Slo[], warmup: number): PointOutcome {
  const cost = interval(runs.map((r) => r.cost_total_usd));
  const slo = slos.map((s) => interval(runs.map((r) => sloValue(s.metric, r))));
  const upper = (i: Interval): number => i.mean + i.half;
  const backlogGrowing = runs.filter((r) => backlogGrows(r, r.duration_s - warmup)).length;
  return {
    values,
    cost,
    slo,
    meets: backlogGrowing === 0 && slos.every((s, i) => meets(s, slo[i]!.mean)),
    confident: backlogGrowing === 0 && slos.every((s, i) => meets(s, upper(slo[i]!))),
    backlogGrowing,
    worstRatio: Math.max(...slos.map((s, i) => (Number.isNaN(slo[i]!.mean) ? Infinity : slo[i]!.mean / Math.max(s.limit, Number.MIN_VALUE)))),
  };
}

