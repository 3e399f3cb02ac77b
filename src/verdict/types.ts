/**
 * The verdict's data shape: the contract between `sim run` (which builds it,
 * src/verdict/build-verdict.ts), `--format json` / `--out DIR/verdict.json`, and `sim report`
 * (which renders it as a card). Fields may be added, never renamed or removed.
 */
import type { PlatformStatus } from '../metrics/summary.js';
import type { AssumptionKind } from '../scenario/catalog-file.js';

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
  /**
   * The recommendation if this platform used it: a platform's name, or null when none would
   * keep up. Absent in a verdict.json written before it.
   */
  recommendedWith?: string | null;
  /** True when re-simulated, false when re-billed from the same run. */
  simulated: boolean;
  /**
   * For what would let a platform keep up (the one number its advice would change): the search
   * for the least value that does (src/verdict/remedy-search.ts). `fewest`: the value below it
   * was simulated and does not keep up (or is the platform's own). Absent on other alternatives
   * and in a verdict.json written before it.
   */
  search?: {
    simulations: number;
    fewest: boolean;
    /** "the least that keeps up, not with 5 VMs; 3 simulations". */
    note: string;
  };
}

/**
 * Whether the verdict holds over the assumptions' ranges (models/*.json: rules Google does not
 * publish, and defaults a scenario may leave as they are), as `sim sensitivity` judges it.
 * Added to the contract: a verdict.json written before it has no such field.
 */
export interface VerdictSensitivity {
  /** Assumption ranges that apply to the scenario's platforms. */
  ranges: number;
  /** Simulations the check takes: each platform once, then one platform per end of each range. */
  simulations: number;
  /** Ranges under which the recommendation holds; null when the check was too long to run inside `sim run`. */
  holds: number | null;
  /**
   * The ranges per kind of assumption (models/*.json `kind`: unpublished, service, setting), in
   * that order, kinds with no range left out; each `holds` null when the check was not run.
   */
  kinds: { kind: AssumptionKind; total: number; holds: number | null }[];
  /** The ranges under which the recommendation flips, in tornado order (empty when none, or when not run). */
  flips: { parameter: string; model: string; kind: AssumptionKind }[];
  /**
   * `sim sensitivity`'s sentence, "holds under all 14 rules Google does not publish and all 7
   * assumptions about your service; flips under 1 of your 6 settings: if vm.count is 1 (vm
   * recommended)"; null when not run.
   */
  summary: string | null;
  /** The exact `sim sensitivity` command that gives the whole table. */
  command: string;
  /** The line printed under "What would change the answer". */
  hint: string;
  /**
   * What the check inside `sim run` covered: every range ("all"); the rules the provider does
   * not publish alone ("unpublished", `sim sensitivity --kind unpublished`); the ranges that
   * change only a bill or a front end's latency, measured from the run itself ("from-run"; a
   * verdict.json of an earlier version says "billed" for the bills alone); none ("none": the
   * command only). Absent in a verdict.json written before it.
   */
  checked?: 'all' | 'unpublished' | 'from-run' | 'none';
}

export interface Verdict {
  /** Platform name, null when no platform is ok. */
  recommended: string | null;
  /**
   * "Choose vm: $176/month, $37 (17 %) less than cloud-run; both keep up." When the search for
   * what keeps up found a size that would change the choice ("vm keeps up with 7 VMs instead of
   * 2, at $1,173/month, which would make it the choice.") or keeps the recommendation up for
   * less, a sentence says so; when the check of the assumptions found that a rule the provider
   * does not publish, or the service's own behaviour, decides the recommendation, another.
   */
  headline: string;
  /** In rank order. */
  platforms: VerdictPlatform[];
  difference: { cheaper: string; dearer: string; usdPerMonth: number; percent: number } | null;
  /** The run is shorter than the traffic's own period (a week of a weekday/weekend pattern, a day, ...). */
  extrapolated: boolean;
  alternatives: VerdictAlternative[];
  breakeven: { parameter: string; value: number | null; hint: string } | null;
  /** The assumptions' ranges and whether the verdict holds over them; null when none applies. */
  sensitivity: VerdictSensitivity | null;
  /** The verdict in words, as printed under the table. */
  lines: string[];
  /** The objectives the statuses were judged by, in words ("served >= 99.9 %", "p99 <= 500 ms"). */
  objectives: string[];
  /** Likely mistakes noticed (also printed on stderr): "requests.cpu.mean: 30 means 30 s; ...". */
  warnings: string[];
  /** The traffic's own period in seconds (null when it has none, e.g. Poisson), for `extrapolated`. */
  trafficPeriodS: number | null;
}
