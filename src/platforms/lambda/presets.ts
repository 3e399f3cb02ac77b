/**
 * AWS Lambda's catalog, models/lambda.json: the preset of every field, the us-east-1 prices of
 * both architectures, egress tiers and the free tier (docs/aws-facts.md). Read once per process
 * and validated like user input.
 */
import { z } from 'zod';
import { inputError } from '../../errors.js';
import { defaultsSchema, egressTiersSchema, param, readCatalog, values } from '../../scenario/catalog-file.js';
import type { DurationTier, EgressTier, LambdaFreeTier, LambdaPrices } from '../../scenario/types.js';

/** The catalog file in models/. */
export const LAMBDA_CATALOG_FILE = 'lambda.json';

const durationTiersSchema = z
  .array(z.strictObject({ upToGBSeconds: z.number().gt(0).nullable(), perGBSecond: z.number().min(0) }))
  .min(1)
  .refine((tiers: readonly DurationTier[]) => tiers.at(-1)!.upToGBSeconds === null, { error: 'the last duration tier has upToGBSeconds null (unbounded)' });

const pricesSchema = z.strictObject({
  durationTiers: param(durationTiersSchema),
  perMillionRequests: param(z.number().min(0)),
  ephemeralGBSecond: param(z.number().min(0)),
  provisionedGBSecond: param(z.number().min(0)),
  provisionedDurationGBSecond: param(z.number().min(0)),
});

const lambdaCatalogSchema = z.strictObject({
  source: z.string(),
  date: z.string(),
  defaults: defaultsSchema,
  regions: param(z.array(z.string()).min(1)),
  prices: z.strictObject({ x86: pricesSchema, arm: pricesSchema }),
  provisionedRounding: param(z.string()),
  egressTiers: param(egressTiersSchema),
  freeTier: param(z.strictObject({ requests: z.number().int().min(0), gbSeconds: z.number().min(0), egressGiB: z.number().min(0) })),
});

/** Catalog prices of one architecture (egress is in the tiers). */
export type LambdaCatalogPrices = Omit<LambdaPrices, 'egressPerGiB'>;

export interface LambdaCatalog {
  readonly source: string;
  readonly date: string;
  /** Preset values in file form ("128Mi", "600s"). */
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly regions: readonly string[];
  readonly prices: { readonly x86: LambdaCatalogPrices; readonly arm: LambdaCatalogPrices };
  /** Provisioned concurrency's billing period, in file form ("5m"). */
  readonly provisionedRounding: string;
  readonly egressTiers: readonly EgressTier[];
  readonly freeTier: LambdaFreeTier;
}

let cache: LambdaCatalog | undefined;

/** models/lambda.json, validated, with the {value, source} wrappers removed. */
export function lambdaCatalog(): LambdaCatalog {
  if (cache === undefined) {
    const raw = readCatalog(LAMBDA_CATALOG_FILE, lambdaCatalogSchema);
    cache = {
      source: raw.source,
      date: raw.date,
      defaults: values(raw.defaults),
      regions: raw.regions.value,
      prices: { x86: values<unknown>(raw.prices.x86) as unknown as LambdaCatalogPrices, arm: values<unknown>(raw.prices.arm) as unknown as LambdaCatalogPrices },
      provisionedRounding: raw.provisionedRounding.value,
      egressTiers: raw.egressTiers.value,
      freeTier: raw.freeTier.value,
    };
  }
  return cache;
}

/** The region, if the catalog prices it; otherwise an InputError listing those it does. */
export function lambdaRegion(region: string, where: string, path: string): string {
  const regions = lambdaCatalog().regions;
  if (!regions.includes(region)) throw inputError(where, path, region, `a region priced in models/lambda.json: ${regions.join(', ')}`);
  return region;
}
