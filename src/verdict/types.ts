/**
 * The verdict's data shape: the contract between `sim run` (which builds it,
 * src/verdict/build-verdict.ts), `--format json` / `--out DIR/verdict.json`, and `sim report`
 * (which renders it as a card). Fields may be added, never renamed or removed.
 */
import type { PlatformStatus } from '../metrics/summary.js';

export type { PlatformStatus } from '../metrics/summary.js';

export interface VerdictPlatform {
  /** Scenario platform name, e.g. "cloud-run". */
  platform: string;
  /** "cloud-run" | "compute-engine". */
  model: string;
  /** One line: "1 vCPU, 512 MiB, concurrency 80, min 0, request-based"; "2 x e2-medium, 2 workers each, on-demand". */
  configuration: string;
  status: PlatformStatus;
  rank: number;
  /** "loses 31 % of requests (29 % rejected, 2 % timed out; objective served >= 99.9 %)"; null when ok. */
  statusReason: string | null;
  /** "add VMs or use the MIG autoscaler"; null when ok. */
  advice: string | null;
  costPerMonthUsd: number;
  /** completed / arrived. */
  servedFraction: number;
  latencyP50S: number;
  latencyP95S: number;
  latencyP99S: number;
  /** Cost components, largest first, share of the total 0..1 (discounts are not drivers). */
  costDrivers: { component: string; share: number }[];
  /** The run's own cost (cost_total_usd), for the card's footnote. */
  costTotalUsd: number;
}

export interface VerdictAlternative {
  platform: string;
  /** "instance-based billing", "1-year committed use discount", ... */
  change: string;
  costPerMonthUsd: number;
  status: PlatformStatus;
  /** Would the recommendation change if this platform used it. */
  flipsVerdict: boolean;
  /** True when re-simulated, false when re-billed from the same run. */
  simulated: boolean;
}

export interface Verdict {
  /** Platform name, null when no platform is ok. */
  recommended: string | null;
  /** "Choose vm: $176/month, $37 (17 %) less than cloud-run; both keep up." */
  headline: string;
  /** In rank order. */
  platforms: VerdictPlatform[];
  difference: { cheaper: string; dearer: string; usdPerMonth: number; percent: number } | null;
  /** The run is shorter than the traffic's own period (a week of a weekday/weekend pattern, a day, ...). */
  extrapolated: boolean;
  alternatives: VerdictAlternative[];
  breakeven: { parameter: string; value: number | null; hint: string } | null;
  /** The verdict in words, as printed under the table. */
  lines: string[];
  /** The objectives the statuses were judged by, in words ("served >= 99.9 %", "p99 <= 500 ms"). */
  objectives: string[];
  /** Likely mistakes noticed (also printed on stderr): "requests.cpu.mean: 30 means 30 s; ...". */
  warnings: string[];
  /** The traffic's own period in seconds (null when it has none, e.g. Poisson), for `extrapolated`. */
  trafficPeriodS: number | null;
}
