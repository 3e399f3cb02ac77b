import { MODEL_FILES, readModelJson } from './presets.js';

export type PlatformModelName = keyof typeof MODEL_FILES;

/** One assumption of models/<model>.json with its range (docs: COMMON format, README "Model reference"). */
export interface AssumptionRange {
  readonly model: PlatformModelName;
  /** Where it sits in the catalog: `defaults.scaleInDelay`, `prices.tier2.idleCpuSecond`. */
  readonly key: string;
  /** The platform field a scenario sets: `scaleInDelay`, `prices.idleCpuSecond`. */
  readonly field: string;
  readonly value: unknown;
  /** Why the value (the entry's `assumption`). */
  readonly assumption: string;
  readonly low: unknown;
  readonly high: unknown;
  /** Why the range. */
  readonly why: string;
  /** Tier 2 price assumptions bite only on a platform in a Tier 2 region. */
  readonly tier2Only: boolean;
}

const MODELS = Object.keys(MODEL_FILES) as PlatformModelName[];

interface Entry {
  value: unknown;
  assumption?: string;
  range?: { low: unknown; high: unknown; why: string };
}

/**
 * Every assumption of the catalogs in models/ (the catalog schema in presets.ts makes a range
 * mandatory), in file order: what `sim sensitivity` varies. Catalog `defaults.X` set the field
 * X; `prices.tier2.X` set `prices.X`. Other sections hold no assumptions. Read with the
 * presets' own reader; `paths` replaces a model's file (test fixtures).
 */
export function assumptionRanges(model?: PlatformModelName, paths: Partial<Record<PlatformModelName, string>> = {}): AssumptionRange[] {
  const out: AssumptionRange[] = [];
  for (const m of MODELS) {
    if (model !== undefined && m !== model) continue;
    const path = paths[m];
    const catalog = (path === undefined ? readModelJson(MODEL_FILES[m]) : readModelJson(MODEL_FILES[m], path)) as {
      defaults: Record<string, Entry>;
      prices?: { tier2?: Record<string, Entry> };
    };
    const add = (key: string, field: string, e: Entry, tier2Only: boolean): void => {
      if (e.assumption === undefined || e.range === undefined) return;
      out.push({ model: m, key, field, value: e.value, assumption: e.assumption, low: e.range.low, high: e.range.high, why: e.range.why, tier2Only });
    };
    for (const [name, e] of Object.entries(catalog.defaults)) add(`defaults.${name}`, name, e, false);
    for (const [name, e] of Object.entries(catalog.prices?.tier2 ?? {})) add(`prices.tier2.${name}`, `prices.${name}`, e, true);
  }
  return out;
}

/**
 * The `--set` arguments that put platform `platform` at one end of a range. A partial object
 * (`{"evaluationInterval": "5s"}`) sets only the keys it names, so a scenario's other settings
 * of that object stay; a distribution (`dist`) or a disk (`type`) is one value, set whole.
 */
export function rangeSets(platform: string, range: AssumptionRange, end: 'low' | 'high'): string[] {
  const v = range[end];
  const isPartial = v !== null && typeof v === 'object' && !Array.isArray(v) && !('dist' in v) && !('type' in v);
  if (isPartial) return Object.entries(v).map(([k, x]) => `${platform}.${range.field}.${k}=${text(x)}`);
  return [`${platform}.${range.field}=${text(v)}`];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
