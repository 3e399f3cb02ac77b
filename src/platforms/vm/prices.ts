/**
 * Prices a resolved Compute Engine spec carries, chosen from models/compute-engine.json.
 */
import { inputError } from '../../errors.js';
import type { ComputeEnginePrices, ComputeEnginePricing, DiskType } from '../../scenario/types.js';
import { computeEngineCatalog, type MachineType } from './presets.js';

/** A Compute Engine region of the catalog; an unknown one lists the known ones. */
export function checkComputeEngineRegion(region: string, where: string, path: string): void {
  const { regions } = computeEngineCatalog();
  if (!regions.includes(region)) {
    throw inputError(where, path, region, `a region priced in models/compute-engine.json: ${regions.join(', ')}`);
  }
}

/** The catalog entry of a machine type; an unknown one lists the known ones. */
export function machineTypeFor(name: string, where: string, path: string): MachineType {
  const { machines } = computeEngineCatalog();
  const machine = Object.hasOwn(machines, name) ? machines[name] : undefined;
  if (machine === undefined) {
    throw inputError(where, path, name, `a machine type of models/compute-engine.json: ${Object.keys(machines).join(', ')}`);
  }
  return machine;
}

/**
 * Splits a machine's on-demand hourly price into cpu and memory in proportion to its family's
 * per-resource rates, so the bill shows both lines and they add up to the catalog price
 * exactly. e2-medium: 1 x 0.021811 = 0.021811 for the vCPU and 4 x 0.002923 = 0.011692 for
 * memory, a 65.1 % / 34.9 % split of 0.0335057 $/h; 730 h of it is $24.46.
 *
 * Exactness: the larger share is computed by multiplication, the smaller as the hourly price
 * minus it. Subtracting a number between half and all of `hourly` is exact in floating point
 * (Sterbenz), so smaller + larger gives back `hourly` to the last bit (test/scenario/prices.test.ts).
 */
export function splitHourlyPrice(machine: MachineType, hourly = machine.onDemandHourly): { cpuHour: number; memoryHour: number } {
  const rates = computeEngineCatalog().resourceRates[machine.family];
  if (rates === undefined) {
    throw new Error(`models/compute-engine.json: no resourceRates for machine family "${machine.family}"`);
  }
  const cpuList = machine.vcpu * rates.vcpuHour;
  const memoryList = machine.memoryGB * rates.memoryGBHour;
  const cpuShare = cpuList / (cpuList + memoryList);
  if (cpuShare >= 0.5) {
    const cpuHour = hourly * cpuShare;
    return { cpuHour, memoryHour: hourly - cpuHour };
  }
  const memoryHour = hourly * (1 - cpuShare);
  return { cpuHour: hourly - memoryHour, memoryHour };
}

/** The billing choices of a Compute Engine entry that pick its prices. */
export interface ComputeEnginePriceChoices {
  readonly machineType: string;
  readonly region: string;
  readonly pricing: ComputeEnginePricing;
  readonly diskType: DiskType | null;
  /** Fraction off on-demand for Spot; null: the catalog's dated Spot price, brought inside Google's stated range. */
  readonly spotDiscount?: number | null;
}

/** Google's stated Spot discount range (cloud.google.com/compute/docs/instances/spot: "60-91 % off"). */
export const SPOT_DISCOUNT_RANGE = { min: 0.6, max: 0.91 } as const;

/**
 * The Spot price per hour: on-demand x (1 - spotDiscount) when one is set; otherwise the catalog's
 * snapshot price (Cloud Billing Catalog, 2026-07-30) if its discount lies in Google's stated
 * 60-91 % range, else the nearest end of that range. The snapshot's E2 Spot prices are 40 % off
 * (e2-medium 0.020106 / 0.0335057 = 0.600) and N2's 52.6 %, outside what Google states; they are
 * taken at 60 % off (e2-medium 0.0335057 x 0.4 = 0.01340228 $/h). Spot prices change daily.
 */
export function spotHourly(machine: MachineType, spotDiscount: number | null = null): number {
  if (spotDiscount !== null) return machine.onDemandHourly * (1 - spotDiscount);
  const off = 1 - machine.spotHourly / machine.onDemandHourly;
  if (off >= SPOT_DISCOUNT_RANGE.min && off <= SPOT_DISCOUNT_RANGE.max) return machine.spotHourly;
  const clamped = Math.min(Math.max(off, SPOT_DISCOUNT_RANGE.min), SPOT_DISCOUNT_RANGE.max);
  return machine.onDemandHourly * (1 - clamped);
}

/**
 * The prices a Compute Engine spec carries for its machine type: the hourly price split into
 * cpu and memory (the Spot price under `pricing: "spot"`, else on-demand; committed use is a
 * discount off on-demand), and the catalog's billing rules (src/billing/compute-engine-billing.ts).
 */
export function computeEnginePricesFor(machine: MachineType, choices?: ComputeEnginePriceChoices): ComputeEnginePrices {
  const catalog = computeEngineCatalog();
  const rules = catalog.billing;
  const pricing = choices?.pricing ?? 'on-demand';
  if (!Object.hasOwn(rules.sustainedUse, machine.family)) {
    throw new Error(`models/compute-engine.json: no sustainedUse entry for machine family "${machine.family}" (null for none)`);
  }
  const cud = pricing === 'cud-1y' || pricing === 'cud-3y';
  const diskType = choices?.diskType ?? null;
  return {
    ...splitHourlyPrice(machine, pricing === 'spot' ? spotHourly(machine, choices?.spotDiscount ?? null) : machine.onDemandHourly),
    egressPerGiB: catalog.egressPerGiB,
    sustainedUse: rules.sustainedUse[machine.family] ?? null,
    committedUseDiscount: cud ? rules.committedUse[pricing] : 0,
    diskPerGBMonth: diskType === null ? 0 : rules.diskPerGBMonth[diskType],
    // Spot and preemptible VMs' addresses are billed at their own, lower rate.
    externalIpHourly: pricing === 'spot' ? rules.externalIpHourlySpot : rules.externalIpHourly,
    forwardingRuleHourly: rules.loadBalancer.forwardingRuleHourly,
    loadBalancerPerGiB: rules.loadBalancer.perGiBProcessed,
    egressTiers: rules.egressTiers,
    freeTier: {
      // One non-preemptible e2-micro in an eligible region; on-demand (Spot and commitments are other SKUs).
      e2Micro: choices?.machineType === 'e2-micro' && pricing === 'on-demand' && rules.freeTier.e2MicroRegions.includes(choices.region),
      standardDiskGBMonths: rules.freeTier.standardDiskGBMonths,
      egressGiB: rules.freeTier.egressGiB,
    },
  };
}
