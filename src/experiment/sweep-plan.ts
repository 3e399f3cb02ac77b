import { InputError } from '../errors.js';
import type { Scenario } from '../scenario/types.js';
import { gridPoints, checkAxes, pointSets, type GridAxis, type GridPoint } from './grid.js';
import type { Job } from './job.js';
import { ScenarioResolver, readScenarioSource, type ScenarioSource } from './scenario-source.js';

/** What a sweep is asked to do: the command line, parsed. */
export interface SweepSpec {
  /** Scenario file. */
  readonly file: string;
  /** `--set` overrides applied to every point, before the grid values. */
  readonly sets: readonly string[];
  readonly axes: readonly GridAxis[];
  readonly replications: number;
  readonly seed: number;
}

/** One point of the grid, validated. */
export interface PlannedPoint {
  readonly values: GridPoint;
  /** `--set` overrides of this point: the common ones, then one per axis. */
  readonly sets: readonly string[];
  readonly scenario: Scenario;
}

/**
 * A sweep with every point validated: tasks are (point, replication) pairs numbered
 * `point * replications + replication`, so the grid order (last axis fastest) comes first and
 * the replications of a point are neighbours.
 */
export interface SweepPlan {
  readonly spec: SweepSpec;
  readonly source: ScenarioSource;
  readonly points: readonly PlannedPoint[];
  readonly taskCount: number;
}

/**
 * Reads the scenario once and resolves every grid point through the `--set` machinery
 * (`path=value` after the common `--set` flags), so a bad path, an empty list or a value of
 * the wrong type is an InputError naming the grid flag before any simulation starts.
 */
export function planSweep(spec: SweepSpec, resolver: ScenarioResolver = new ScenarioResolver()): SweepPlan {
  if (!Number.isInteger(spec.replications) || spec.replications < 1) {
    throw new InputError(`--replications: ${spec.replications} is not allowed: an integer >= 1`);
  }
  checkAxes(spec.axes);
  const source = readScenarioSource(spec.file);
  resolver.resolve(source, spec.sets); // the file and the common --set flags, reported as such
  const points = gridPoints(spec.axes).map((values) => {
    const sets = [...spec.sets, ...pointSets(spec.axes, values)];
    return { values, sets, scenario: resolvePoint(resolver, source, spec, sets, values) };
  });
  return { spec, source, points, taskCount: points.length * spec.replications };
}

/** Resolves one point; an error names the grid value that caused it. */
function resolvePoint(resolver: ScenarioResolver, source: ScenarioSource, spec: SweepSpec, sets: string[], values: GridPoint): Scenario {
  try {
    return resolver.resolve(source, sets);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // The first axis whose value alone fails is the one to name; the message keeps the rest.
    const culprit = spec.axes.findIndex((axis, i) => failsAlone(resolver, source, [...spec.sets, `${axis.path}=${values[i]!}`]));
    const axis = culprit >= 0 ? spec.axes[culprit]! : undefined;
    const flag = axis !== undefined ? `--grid ${axis.path}=${values[culprit]!}` : `--grid point ${values.join(', ')}`;
    const message = axis !== undefined ? error.message.replace(`--set ${axis.path}=${values[culprit]!}: `, '') : error.message;
    throw new InputError(`${flag}: ${message}`);
  }
}

function failsAlone(resolver: ScenarioResolver, source: ScenarioSource, sets: string[]): boolean {
  try {
    resolver.resolve(source, sets);
    return false;
  } catch {
    return true;
  }
}

/** The point and replication of a task. */
export function taskOf(plan: SweepPlan, task: number): { point: number; replication: number } {
  return { point: Math.floor(task / plan.spec.replications), replication: task % plan.spec.replications };
}

/** The job that runs a task. */
export function taskJob(plan: SweepPlan, task: number): Job {
  const { point, replication } = taskOf(plan, task);
  return { source: plan.source, sets: plan.points[point]!.sets, seed: plan.spec.seed, replication };
}
