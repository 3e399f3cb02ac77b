import { z } from 'zod';
import { MODEL_FILES, readModelJson } from '../scenario/presets.js';
import { parseOrThrow } from '../scenario/zod-issues.js';

export type PlatformModelName = keyof typeof MODEL_FILES;

/** A low-high range of an assumption, values in file form ("60s", 0.5, {"dist": ...}). */
export interface AssumptionRange {
  readonly low: unknown;
  readonly high: unknown;
  readonly why: string;
}

/**
 * One parameter that models/*.json marks as an assumption (Google does not publish it):
 * `"name": { "value": V, "assumption": "why", "range": { "low": L, "high": H, "why": "..." } }`.
 */
export interface Assumption {
  readonly model: PlatformModelName;
  /** Where in the file, e.g. ["defaults", "scaleInDelay"] or ["prices", "tier2", "idleCpuSecond"]. */
  readonly path: readonly string[];
  /** The platform field (path below the platform) it presets, e.g. "scaleInDelay", "prices.idleCpuSecond"; null when none. */
  readonly field: string | null;
  readonly value: unknown;
  readonly assumption: string;
  /** null when the file gives none. */
  readonly range: AssumptionRange | null;
}

const entrySchema = z.looseObject({
  value: z.unknown(),
  assumption: z.string().min(1),
  range: z.strictObject({ low: z.unknown(), high: z.unknown(), why: z.string().min(1) }).optional(),
});

/**
 * The platform field an entry presets: `defaults.<field>`, and for Cloud Run the Tier 2 prices
 * `prices.tier2.<name>`, which a platform replaces with its own `prices.<name>`. Other entries
 * (the catalog's regions, its Tier 1 prices...) are no platform setting: null.
 */
function platformField(model: PlatformModelName, path: readonly string[]): string | null {
  if (path.length === 2 && path[0] === 'defaults') return path[1]!;
  if (model === 'cloud-run' && path.length === 3 && path[0] === 'prices' && path[1] === 'tier2') return `prices.${path[2]!}`;
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Every assumption entry of one parsed models file, in file order. An entry is an object with
 * `value` and `assumption`; its `range`, when present, must be `{low, high, why}` (checked here,
 * naming the file and the JSON path, since `sim sensitivity` is what reads it). Entries are
 * not searched inside a `value`: what a value holds is data, not more parameters.
 */
export function assumptionsOf(model: PlatformModelName, json: unknown, where: string): Assumption[] {
  const found: Assumption[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (!isObject(node)) return;
    if ('value' in node && ('assumption' in node || 'source' in node)) {
      if (!('assumption' in node)) return;
      const entry = parseOrThrow(entrySchema, node, `${where}: ${path.join('.')}`);
      found.push({
        model,
        path,
        field: platformField(model, path),
        value: entry.value,
        assumption: entry.assumption,
        range: entry.range === undefined ? null : { low: entry.range.low, high: entry.range.high, why: entry.range.why },
      });
      return;
    }
    for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(json, []);
  return found;
}

/**
 * The assumption catalog of models/ (or of the files given, for tests): every assumption of
 * every platform model, read with the presets' own reader.
 */
export function assumptionCatalog(paths: Partial<Record<PlatformModelName, string>> = {}): Assumption[] {
  return (Object.keys(MODEL_FILES) as PlatformModelName[]).flatMap((model) => {
    const file = MODEL_FILES[model];
    const path = paths[model];
    const json = path === undefined ? readModelJson(file) : readModelJson(file, path);
    return assumptionsOf(model, json, path ?? `models/${file}`);
  });
}
