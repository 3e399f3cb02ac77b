import type { SummaryRecord } from '../metrics/summary.js';
import type { Scenario } from '../scenario/types.js';
import type { PlatformStatus } from '../verdict/types.js';

/** One platform of a run as the verdict judges it. */
export interface JudgedPlatform {
  readonly platform: string;
  readonly costPerMonthUsd: number;
  readonly latencyP99S: number;
  readonly status: PlatformStatus;
  /** 1 = the recommendation; platforms not ok rank after those that are. */
  readonly rank: number;
}

export interface Judgement {
  /** The platform to choose, or null when none is ok. */
  readonly recommended: string | null;
  /** In the records' order. */
  readonly platforms: readonly JudgedPlatform[];
}

/**
 * The verdict's status, rank and recommendation for one run's records (one per platform, in
 * scenario order). Sensitivity does not decide these itself: it is handed the verdict's rules
 * (src/verdict/), so that a variant is judged exactly as `sim run` judges a run.
 */
export type Judge = (records: readonly SummaryRecord[], scenario: Scenario) => Judgement;
