import type { PlatformStatus } from '../verdict/types.js';

/**
 * The result of `sim sensitivity`: one-at-a-time variants of every assumption, in tornado order.
 * A contract between the sensitivity command and the report (which draws it as a tornado chart);
 * fields may be added, not renamed or removed.
 */
export interface SensitivityVariantPlatform {
  platform: string; costPerMonthUsd: number; latencyP99S: number; status: PlatformStatus;
}
export interface SensitivityVariant {
  recommended: string | null;
  platforms: SensitivityVariantPlatform[];
  // cost per month of the baseline runner-up minus that of the baseline recommendation;
  // positive: the recommendation is still cheaper. null with fewer than two platforms.
  costDifferenceUsd: number | null;
}
export interface SensitivityRow {
  parameter: string;       // scenario path as --set takes it, e.g. "cloud-run.scaleInDelay"
  model: string;           // "cloud-run" | "compute-engine"
  assumption: string;      // why the default
  why: string;             // why the range
  baseline: unknown; low: unknown; high: unknown;   // values as in the scenario (e.g. "60s")
  at: { low: SensitivityVariant; high: SensitivityVariant };
  flips: boolean;          // the recommendation differs at low or high
}
export interface SensitivityResult {
  scenario: string; seed: number;
  baseline: SensitivityVariant;
  rows: SensitivityRow[];  // sorted by swing of costDifferenceUsd, largest first (tornado order)
  skipped: { parameter: string; reason: string }[];   // assumptions that do not apply here
  holds: number; total: number;                      // verdict holds under `holds` of `total`
  summary: string;         // "holds under 11 of 12 ranges; flips if cloud-run.maxIdle is 15m"
}
