/**
 * Platform presets and price catalogs from `models/*.json`. Every parameter there is
 * `{"value": ..., "source": "..."}` or `{"value": ..., "assumption": "..."}`, so each number the
 * simulator uses can be traced to a page of Google's documentation or to a stated assumption.
 * The files are read once per process and validated like user input.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CloudRunFreeTier, CloudRunPrices, EgressTier } from './types.js';
import { parseJsonText } from './json-text.js';
import { parseOrThrow } from './zod-issues.js';

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

/**
 * An assumption's plausible range, in the same units and format as the scenario field it sets
 * (`"60s"`, a number, a distribution). `sim sensitivity` runs each assumption at `low` and at
 * `high` as `--set <platform>.<field>=<value>`; a partial object (`{"evaluationInterval": "5s"}`)
 * varies only the keys it names. low = high means "not varied" (the why says why).
 */
const rangeSchema = z.strictObject({ low: z.unknown(), high: z.unknown(), why: z.string().min(1) });

function param<T extends z.ZodType>(value: T) {
  return z.union([
    z.strictObject({ value, source: z.string().min(1) }),
    z.strictObject({ value, assumption: z.string().min(1), range: rangeSchema }),
  ]);
}

const defaultsSchema = z.record(z.string(), param(z.unknown()));

const cloudRunPricesSchema = z.strictObject({
  cpuSecond: param(z.number().min(0)),
  memoryGiBSecond: param(z.number().min(0)),
  idleCpuSecond: param(z.number().min(0)),
  idleMemoryGiBSecond: param(z.number().min(0)),
  perMillionRequests: param(z.number().min(0)),
  instanceCpuSecond: param(z.number().min(0)),
  instanceMemoryGiBSecond: param(z.number().min(0)),
  egressPerGiB: param(z.number().min(0)),
});

const egressTiersSchema = z
  .array(z.strictObject({ upToGiB: z.number().gt(0).nullable(), perGiB: z.number().min(0) }))
  .min(1)
  .refine((tiers) => tiers.at(-1)!.upToGiB === null, { error: 'the last egress tier has upToGiB null (unbounded)' });

const cloudRunCatalogSchema = z.strictObject({
  source: z.string(),
  date: z.string(),
  defaults: defaultsSchema,
  regions: z.strictObject({ tier1: param(z.array(z.string())), tier2: param(z.array(z.string())) }),
  prices: z.strictObject({ tier1: cloudRunPricesSchema, tier2: cloudRunPricesSchema }),
  egressTiers: param(egressTiersSchema),
  committedUse: param(z.strictObject({ request: z.number().min(0).lt(1), 'flexible-1y': z.number().min(0).lt(1), 'flexible-3y': z.number().min(0).lt(1) })),
  freeTier: param(
    z.strictObject({
      cpuSeconds: z.number().min(0),
      memoryGiBSeconds: z.number().min(0),
      requests: z.number().int().min(0),
      instanceCpuSeconds: z.number().min(0),
      instanceMemoryGiBSeconds: z.number().min(0),
      egressGiB: z.number().min(0),
    }),
  ),
});

const machineSchema = z.strictObject({
  family: z.string(),
  vcpu: z.number().gt(0),
  memoryGB: z.number().gt(0),
  onDemandHourly: z.number().gt(0),
  monthly730: z.number().gt(0),
  sustainedUseMonthly: z.number().gt(0).nullable(),
  cud1yMonthly: z.number().gt(0),
  cud3yMonthly: z.number().gt(0),
  spotHourly: z.number().gt(0),
});

const computeEngineCatalogSchema = z.strictObject({
  source: z.string(),
  date: z.string(),
  defaults: defaultsSchema,
  regions: param(z.array(z.string())),
  memoryUnit: param(z.literal('GiB')),
  machines: z.record(z.string(), param(machineSchema)),
  resourceRates: z.record(z.string(), param(z.strictObject({ vcpuHour: z.number().gt(0), memoryGBHour: z.number().gt(0) }))),
  egressPerGiB: param(z.number().min(0)),
  egressTiers: param(egressTiersSchema),
  sustainedUse: param(z.record(z.string(), z.array(z.number().gt(0).max(1)).length(4).nullable())),
  committedUse: param(z.strictObject({ 'cud-1y': z.number().min(0).lt(1), 'cud-3y': z.number().min(0).lt(1) })),
  flexibleCommittedUse: param(z.strictObject({ 'flexible-1y': z.number().min(0).lt(1), 'flexible-3y': z.number().min(0).lt(1) })),
  diskPerGBMonth: param(z.strictObject({ 'pd-standard': z.number().min(0), 'pd-balanced': z.number().min(0), 'pd-ssd': z.number().min(0) })),
  externalIpHourly: param(z.number().min(0)),
  externalIpHourlySpot: param(z.number().min(0)),
  loadBalancer: param(z.strictObject({ forwardingRuleHourly: z.number().min(0), perGiBProcessed: z.number().min(0) })),
  freeTier: param(
    z.strictObject({ e2MicroRegions: z.array(z.string()), standardDiskGBMonths: z.number().min(0), egressGiB: z.number().min(0) }),
  ),
});

/** Billing rules of the Compute Engine catalog beyond the machine prices (src/billing/). */
export interface ComputeEngineBillingCatalog {
  readonly egressTiers: readonly EgressTier[];
  /** Quarter multipliers by machine family; null: no sustained use. */
  readonly sustainedUse: Readonly<Record<string, readonly number[] | null>>;
  readonly committedUse: { readonly 'cud-1y': number; readonly 'cud-3y': number };
  /** Compute flexible (spend-based) CUDs. */
  readonly flexibleCommittedUse: { readonly 'flexible-1y': number; readonly 'flexible-3y': number };
  readonly diskPerGBMonth: { readonly 'pd-standard': number; readonly 'pd-balanced': number; readonly 'pd-ssd': number };
  readonly externalIpHourly: number;
  /** External IPv4 on a Spot or preemptible VM. */
  readonly externalIpHourlySpot: number;
  readonly loadBalancer: { readonly forwardingRuleHourly: number; readonly perGiBProcessed: number };
  readonly freeTier: { readonly e2MicroRegions: readonly string[]; readonly standardDiskGBMonths: number; readonly egressGiB: number };
}

/** A machine type as the catalog lists it (us-central1 USD; memory GB = GiB). */
export type MachineType = z.output<typeof machineSchema>;

export interface CloudRunCatalog {
  readonly source: string;
  readonly date: string;
  /** Preset values in file form ("512Mi", "1.8s"); null means "computed at resolution". */
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly tiers: { readonly tier1: readonly string[]; readonly tier2: readonly string[] };
  readonly prices: { readonly tier1: CloudRunPrices; readonly tier2: CloudRunPrices };
  readonly egressTiers: readonly EgressTier[];
  readonly freeTier: CloudRunFreeTier;
  /** Spend-based CUDs: Cloud Run's own (request-based billing) and Compute flexible (instance-based). */
  readonly committedUse: { readonly request: number; readonly 'flexible-1y': number; readonly 'flexible-3y': number };
}

export interface ComputeEngineCatalog {
  readonly source: string;
  readonly date: string;
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly regions: readonly string[];
  readonly machines: Readonly<Record<string, MachineType>>;
  readonly resourceRates: Readonly<Record<string, { readonly vcpuHour: number; readonly memoryGBHour: number }>>;
  readonly egressPerGiB: number;
  readonly billing: ComputeEngineBillingCatalog;
}

/** The model files, by platform model: one place that names them. */
export const MODEL_FILES = { 'cloud-run': 'cloud-run.json', 'compute-engine': 'compute-engine.json' } as const;

/**
 * A models file parsed, not yet validated: the one reader of models/*.json (presets here, the
 * README's model reference, the assumption catalog of `sim sensitivity`). `path` defaults to
 * the file in models/; tests pass a fixture.
 */
export function readModelJson(file: string, path: string = modelsPath(file)): unknown {
  return parseJsonText(readFileSync(path, 'utf8'), path);
}

function readCatalog<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const path = modelsPath(file);
  return parseOrThrow(schema, readModelJson(file, path), path);
}

function values<T>(record: Readonly<Record<string, { value: T }>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, entry]) => [key, entry.value]));
}

let cloudRunCache: CloudRunCatalog | undefined;
let computeEngineCache: ComputeEngineCatalog | undefined;

/** models/cloud-run.json, validated, with the {value, source} wrappers removed. */
export function cloudRunCatalog(): CloudRunCatalog {
  if (cloudRunCache === undefined) {
    const raw = readCatalog(MODEL_FILES['cloud-run'], cloudRunCatalogSchema);
    cloudRunCache = {
      source: raw.source,
      date: raw.date,
      defaults: values(raw.defaults),
      tiers: { tier1: raw.regions.tier1.value, tier2: raw.regions.tier2.value },
      prices: {
        tier1: values(raw.prices.tier1) as unknown as CloudRunPrices,
        tier2: values(raw.prices.tier2) as unknown as CloudRunPrices,
      },
      egressTiers: raw.egressTiers.value,
      freeTier: raw.freeTier.value,
      committedUse: raw.committedUse.value,
    };
  }
  return cloudRunCache;
}

/** models/compute-engine.json, validated, with the {value, source} wrappers removed. */
export function computeEngineCatalog(): ComputeEngineCatalog {
  if (computeEngineCache === undefined) {
    const raw = readCatalog(MODEL_FILES['compute-engine'], computeEngineCatalogSchema);
    computeEngineCache = {
      source: raw.source,
      date: raw.date,
      defaults: values(raw.defaults),
      regions: raw.regions.value,
      machines: values(raw.machines),
      resourceRates: values(raw.resourceRates),
      egressPerGiB: raw.egressPerGiB.value,
      billing: {
        egressTiers: raw.egressTiers.value,
        sustainedUse: raw.sustainedUse.value,
        committedUse: raw.committedUse.value,
        flexibleCommittedUse: raw.flexibleCommittedUse.value,
        diskPerGBMonth: raw.diskPerGBMonth.value,
        externalIpHourly: raw.externalIpHourly.value,
        externalIpHourlySpot: raw.externalIpHourlySpot.value,
        loadBalancer: raw.loadBalancer.value,
        freeTier: raw.freeTier.value,
      },
    };
  }
  return computeEngineCache;
}

/** The preset of a platform model in file form, or undefined for an unknown model. */
export function presetDefaults(model: unknown): Readonly<Record<string, unknown>> | undefined {
  if (model === 'cloud-run') return cloudRunCatalog().defaults;
  if (model === 'compute-engine') return computeEngineCatalog().defaults;
  return undefined;
}

/**
 * A copy of the file-form scenario with each platform entry completed from its model's
 * preset: keys the entry leaves out take the preset's value (whole values, not deep-merged, so
 * a `coldStart` of another `dist` replaces the preset's rather than mixing fields). Preset
 * values of null (Cloud Run `workers`, `pendingTimeout`) are left out: they are computed when
 * the scenario is resolved. Entries that are not objects or name no known model stay as they
 * are for the schema to report.
 */
export function mergePresets(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const scenario = raw as Record<string, unknown>;
  if (!Array.isArray(scenario.platforms)) return raw;
  const platforms = scenario.platforms.map((entry: unknown) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return entry;
    const preset = presetDefaults((entry as Record<string, unknown>).model);
    if (preset === undefined) return entry;
    const filled: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(preset)) {
      if (value !== null) filled[key] = structuredClone(value);
    }
    return { ...filled, ...(entry as Record<string, unknown>) };
  });
  return { ...scenario, platforms };
}
