/**
 * Cloud Run's catalog, models/cloud-run.json: the preset of every field, the prices of the two
 * region tiers, egress tiers, the free tier and the committed use discounts. Read once per
 * process and validated like user input.
 */
import { z } from 'zod';
import { inputError } from '../../errors.js';
import { catalogReader, defaultsSchema, egressTiersSchema, param, values } from '../../scenario/catalog-file.js';
import type { CloudRunFreeTier, CloudRunPrices, EgressTier } from '../../scenario/types.js';

/** The catalog file in models/. */
export const CLOUD_RUN_CATALOG_FILE = 'cloud-run.json';

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

/** models/cloud-run.json, validated, with the {value, source} wrappers removed. */
export const cloudRunCatalog: () => CloudRunCatalog = catalogReader(CLOUD_RUN_CATALOG_FILE, cloudRunCatalogSchema, (raw) => ({
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
}));

/** Cloud Run prices of the region's tier; an unknown region lists the known ones. */
export function cloudRunPricesFor(region: string, where: string, path: string): CloudRunPrices {
  const catalog = cloudRunCatalog();
  if (catalog.tiers.tier1.includes(region)) return catalog.prices.tier1;
  if (catalog.tiers.tier2.includes(region)) return catalog.prices.tier2;
  throw inputError(
    where,
    path,
    region,
    `a region priced in models/cloud-run.json: Tier 1 ${catalog.tiers.tier1.join(', ')}; Tier 2 ${catalog.tiers.tier2.join(', ')}`,
  );
}

/**
 * The discount of a spend commitment on Cloud Run (cloud.google.com/run/cud): request-based
 * billing gets Cloud Run's own CUD (17 %, 1 or 3 years), instance-based billing the Compute
 * flexible CUDs (28 % 1 year, 46 % 3 years).
 */
export function cloudRunCudDiscount(billing: 'request' | 'instance', term: '1y' | '3y'): number {
  const cud = cloudRunCatalog().committedUse;
  if (billing === 'request') return cud.request;
  return term === '1y' ? cud['flexible-1y'] : cud['flexible-3y'];
}
