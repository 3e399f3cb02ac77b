/**
 * `sim sensitivity`'s result: every assumption of models/*.json (a parameter Google does not
 * publish) at its low and at its high value, one at a time, beside the baseline. This is the
 * contract with the report (`sim report DIR` draws it as a tornado chart when
 * DIR/sensitivity.json exists): fields may be added, not renamed or removed.
 */

import type { PlatformStatus } from '../verdict/types.js';

export type { PlatformStatus };

export interface SensitivityVariantPlatform {
  platform: string;
  costPerMonthUsd: number;
  latencyP99S: number;
  status: PlatformStatus;
}

/** Every platform of one run (the baseline, or one parameter at one end of its range). */
export interface SensitivityVariant {
  recommended: string | null;
  platforms: SensitivityVariantPlatform[];
  /**
   * Cost per month of the baseline runner-up minus that of the baseline recommendation
   * (rank 2 minus rank 1 of the baseline); positive: the recommendation is still cheaper.
   * null with fewer than two platforms.
   */
  costDifferenceUsd: number | null;
}

export interface SensitivityRow {
  /** Scenario path as --set takes it, e.g. "cloud-run.scaleInDelay". */
  parameter: string;
  /** "cloud-run" | "compute-engine" */
  model: string;
  /** Why the default (models/*.json `assumption`). */
  assumption: string;
  /** Why the range (models/*.json `range.why`). */
  why: string;
  /** Values as in the scenario (e.g. "60s"); baseline is the scenario's own value. */
  baseline: unknown;
  low: unknown;
  high: unknown;
  at: { low: SensitivityVariant; high: SensitivityVariant };
  /** The recommendation differs at low or at high. */
  flips: boolean;
  /**
   * Added to the contract: the tornado bar's length, max - min of the cost difference over
   * baseline, low and high (USD per month); with one platform, of that platform's cost.
   */
  swingUsd: number;
  /** Added: a remark, e.g. that the scenario sets this parameter itself; null when none. */
  note: string | null;
}

export interface SensitivityResult {
  scenario: string;
  seed: number;
  baseline: SensitivityVariant;
  /** Sorted by swing of costDifferenceUsd, largest first (tornado order). */
  rows: SensitivityRow[];
  /** Assumptions that do not apply here. */
  skipped: { parameter: string; reason: string }[];
  /** The verdict holds under `holds` of `total` ranges. */
  holds: number;
  total: number;
  /** "holds under 11 of 12 ranges; flips if cloud-run.maxIdle is 15m" */
  summary: string;
}
