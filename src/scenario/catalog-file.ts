/**
 * The one reader of the catalogs in `models/*.json`, shared by every platform's presets.ts.
 * Every parameter there is `{"value": ..., "source": "..."}` or `{"value": ..., "assumption":
 * "...", "kind": "...", "range": {...}}`, so each number the simulator uses can be traced to a
 * page of the provider's documentation or to a stated assumption, and each assumption says
 * whose it is (AssumptionKind). Catalogs are validated like user input.
 * This module knows no platform: it sits below src/platforms/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { EgressTier, PlatformSpec } from './types.js';
import { parseJsonText } from './json-text.js';
import { parseOrThrow } from './zod-issues.js';
import { ASSUMPTION_KINDS, type AssumptionKind } from './assumption-kind.js';

/**
 * The package root: the nearest directory above this module holding package.json. Works from
 * src/scenario/ (vitest) and from the compiled dist/src/scenario/ alike.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Path of a file in models/. */
export function modelsPath(file: string): string {
  return join(packageRoot(), 'models', file);
}

/** A platform model's name, as scenario files write it (`"model": "cloud-run"`). */
export type ModelName = PlatformSpec['model'];

export { ASSUMPTION_KINDS, type AssumptionKind } from './assumption-kind.js';

/** One assumption of models/<model>.json with its range (README "Model reference"): what `sim sensitivity` varies. */
export interface AssumptionRange {
  readonly model: ModelName;
  /** Where it sits in the catalog: `defaults.scaleInDelay`, `prices.tier2.idleCpuSecond`. */
  readonly key: string;
  /** The platform field a scenario sets: `scaleInDelay`, `prices.idleCpuSecond`. */
  readonly field: string;
  readonly value: unknown;
  /** Why the value (the entry's `assumption`). */
  readonly assumption: string;
  readonly kind: AssumptionKind;
  readonly low: unknown;
  readonly high: unknown;
  /** Why the range. */
  readonly why: string;
  /** Tier 2 price assumptions bite only on a platform in a Tier 2 region. */
  readonly tier2Only: boolean;
}

/**
 * An assumption's plausible range, in the same units and format as the scenario field it sets
 * (`"60s"`, a number, a distribution). `sim sensitivity` runs each assumption at `low` and at
 * `high` as `--set <platform>.<field>=<value>`; a partial object (`{"evaluationInterval": "5s"}`)
 * varies only the keys it names. low = high means "not varied" (the why says why).
 */
const rangeSchema = z.strictObject({ low: z.unknown(), high: z.unknown(), why: z.string().min(1) });

/** A catalog parameter: its value with a dated source, or with the assumption behind it and a range. */
export function param<T extends z.ZodType>(value: T) {
  return z.union([
    z.strictObject({ value, source: z.string().min(1) }),
    z.strictObject({ value, assumption: z.string().min(1), kind: z.enum(ASSUMPTION_KINDS), range: rangeSchema }),
  ]);
}

/** A catalog's `defaults`: the preset of the platform's fields in file form. */
export const defaultsSchema = z.record(z.string(), param(z.unknown()));

/** Monthly tiered internet egress prices; the last tier is unbounded. */
export const egressTiersSchema = z
  .array(z.strictObject({ upToGiB: z.number().gt(0).nullable(), perGiB: z.number().min(0) }))
  .min(1)
  .refine((tiers: readonly EgressTier[]) => tiers.at(-1)!.upToGiB === null, { error: 'the last egress tier has upToGiB null (unbounded)' });

/**
 * A models file parsed, not yet validated: the one reader of models/*.json (presets, the
 * README's model reference, the assumption catalog of `sim sensitivity`). `path` defaults to
 * the file in models/; tests pass a fixture.
 */
export function readModelJson(file: string, path: string = modelsPath(file)): unknown {
  return parseJsonText(readFileSync(path, 'utf8'), path);
}

/** A catalog of models/ read and validated against its schema (an error names the file). */
export function readCatalog<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const path = modelsPath(file);
  return parseOrThrow(schema, readModelJson(file, path), path);
}

/**
 * The reader of one catalog: on its first call it reads and validates models/<file> and
 * `shape`s it (wrappers removed, sections renamed); later calls return the same object, so a
 * catalog is read once per process.
 */
export function catalogReader<S extends z.ZodType, T>(file: string, schema: S, shape: (raw: z.output<S>) => T): () => T {
  let cache: T | undefined;
  return () => (cache ??= shape(readCatalog(file, schema)));
}

/** A section of parameters with the {value, source} wrappers removed. */
export function values<T>(record: Readonly<Record<string, { value: T }>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, entry]) => [key, entry.value]));
}

interface Entry {
  value: unknown;
  assumption?: string;
  kind?: AssumptionKind;
  range?: { low: unknown; high: unknown; why: string };
}

/**
 * Every assumption of a catalog (the catalog schemas make a range mandatory), in file order:
 * `defaults.X` set the platform field X; each section of `priceSections` (`prices.tier2`) sets
 * `prices.X`, and only in the regions it prices (`tier2Only`). Other sections hold no
 * assumptions. `path` replaces the file in models/ (test fixtures).
 */
export function catalogAssumptions(model: ModelName, file: string, path: string | undefined, priceSections: readonly string[] = []): AssumptionRange[] {
  const catalog = (path === undefined ? readModelJson(file) : readModelJson(file, path)) as {
    defaults: Record<string, Entry>;
    prices?: Record<string, Record<string, Entry> | undefined>;
  };
  const out: AssumptionRange[] = [];
  const add = (key: string, field: string, e: Entry, tier2Only: boolean): void => {
    if (e.assumption === undefined || e.kind === undefined || e.range === undefined) return;
    out.push({ model, key, field, value: e.value, assumption: e.assumption, kind: e.kind, low: e.range.low, high: e.range.high, why: e.range.why, tier2Only });
  };
  for (const [name, e] of Object.entries(catalog.defaults)) add(`defaults.${name}`, name, e, false);
  for (const section of priceSections) {
    for (const [name, e] of Object.entries(catalog.prices?.[section] ?? {})) add(`prices.${section}.${name}`, `prices.${name}`, e, true);
  }
  return out;
}
