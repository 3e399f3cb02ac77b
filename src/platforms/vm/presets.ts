/**
 * Compute Engine's catalog, models/compute-engine.json: the preset of every field, machine
 * types with their prices, per-resource rates, and the billing rules beyond the machine prices
 * (egress tiers, sustained use, committed use, disks, addresses, load balancer, free tier).
 * Read once per process and validated like user input.
 */
import { z } from 'zod';
import { catalogReader, defaultsSchema, egressTiersSchema, param, values } from '../../scenario/catalog-file.js';
import type { EgressTier } from '../../scenario/types.js';

/** The catalog file in models/. */
export const COMPUTE_ENGINE_CATALOG_FILE = 'compute-engine.json';

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

/** models/compute-engine.json, validated, with the {value, source} wrappers removed. */
export const computeEngineCatalog: () => ComputeEngineCatalog = catalogReader(COMPUTE_ENGINE_CATALOG_FILE, computeEngineCatalogSchema, (raw) => ({
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
}));

/**
 * The discount of a spend commitment on Compute Engine: the Compute flexible CUDs
 * (cloud.google.com/docs/cuds-spend-based: 28 % 1 year, 46 % 3 years).
 */
export function computeEngineCudDiscount(term: '1y' | '3y'): number {
  const flexible = computeEngineCatalog().billing.flexibleCommittedUse;
  return term === '1y' ? flexible['flexible-1y'] : flexible['flexible-3y'];
}
