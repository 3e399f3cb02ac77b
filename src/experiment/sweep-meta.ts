import { packageVersion } from '../package-version.js';
import type { GridAxis } from './grid.js';
import { sha256 } from '../scenario/text-hash.js';
import type { Shard } from './shard.js';
import type { SweepPlan } from './sweep-plan.js';

export const SWEEP_META_FORMAT = 'scalesim-sweep/1';

/**
 * What identifies a sweep's output: written beside a partial file (`<out>.partial.meta.json`)
 * so that a rerun only resumes the same command, and kept beside a shard's file
 * (`<out>.meta.json`) so that `sim merge` can check the shards belong together and none is
 * missing. `scenario` (the path) is informational; the rest must match.
 */
export interface SweepMeta {
  readonly format: typeof SWEEP_META_FORMAT;
  readonly version: string;
  readonly scenario: string;
  /** sha256 of the scenario file's bytes. */
  readonly scenarioSha256: string;
  /** sha256 of every point's resolved scenario (presets from models/ included), path left out. */
  readonly resolvedSha256: string;
  readonly sets: readonly string[];
  readonly grid: readonly GridAxis[];
  readonly replications: number;
  readonly seed: number;
  /** Tasks of the whole sweep, all shards together. */
  readonly tasks: number;
  readonly shard: Shard | null;
  readonly columns: readonly string[];
}

/** The fields compared when resuming, in the order a difference is reported. */
const COMPARED = ['scenarioSha256', 'sets', 'grid', 'replications', 'seed', 'shard', 'tasks', 'resolvedSha256', 'version', 'columns'] as const;


export function sweepMeta(plan: SweepPlan, shard: Shard | undefined, columns: readonly string[]): SweepMeta {
  const resolved = plan.points.map((point) => JSON.stringify({ ...point.scenario, source: undefined }));
  return {
    format: SWEEP_META_FORMAT,
    version: packageVersion(),
    scenario: plan.source.path,
    scenarioSha256: sha256(plan.source.text),
    resolvedSha256: sha256(resolved.join('\n')),
    sets: plan.spec.sets,
    grid: plan.spec.axes,
    replications: plan.spec.replications,
    seed: plan.spec.seed,
    tasks: plan.taskCount,
    shard: shard ?? null,
    columns,
  };
}

/** The first compared field in which `found` differs from `wanted`, or undefined when none. */
export function metaDifference(wanted: SweepMeta, found: unknown, ignore: readonly string[] = []): string | undefined {
  if (found === null || typeof found !== 'object' || (found as { format?: unknown }).format !== SWEEP_META_FORMAT) return 'format';
  const record = found as Record<string, unknown>;
  for (const field of COMPARED) {
    if (ignore.includes(field)) continue;
    if (JSON.stringify(record[field]) !== JSON.stringify(wanted[field])) return field;
  }
  return undefined;
}

export function formatMeta(meta: SweepMeta): string {
  return `${JSON.stringify(meta, null, 2)}\n`;
}
