/**
 * `sim sensitivity`'s result: every assumption of models/*.json (a parameter Google does not
 * publish) at its low and at its high value, one at a time, beside the baseline. This is the
 * contract with the report (`sim report DIR` draws it as a tornado chart when
 * DIR/sensitivity.json exists): fields may be added, not renamed or removed.
 */

import type { AssumptionKind } from '../scenario/catalog-file.js';
import type { PlatformStatus } from '../verdict/types.js';

export type { AssumptionKind, PlatformStatus };

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
  /**
   * Added: whose unknown it is (models/*.json `kind`): "unpublished" (a rule the provider does
   * not publish), "service" (how the user's service behaves) or "setting" (a choice the
   * scenario may leave at its default).
   */
  kind: AssumptionKind;
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
  /** Added: the same per kind of assumption, in the order unpublished, service, setting; kinds with no range left out. */
  kinds: SensitivityKindCount[];
  /**
   * "holds under all 14 rules Google does not publish and all 7 assumptions about your service;
   * flips under 1 of your 6 settings: if vm.count is 1 (vm recommended)"
   */
  summary: string;
}

/** Ranges of one kind, and under how many of them the recommendation holds. */
export interface SensitivityKindCount {
  kind: AssumptionKind;
  total: number;
  holds: number;
}
