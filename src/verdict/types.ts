/**
 * The verdict's data shape: what `sim run` decides and the report renders. A contract between
 * the verdict and the report (docs: README "Reports and notebooks"); fields may be added, not
 * renamed or removed.
 */
export type PlatformStatus = 'ok' | 'overloaded' | 'misses-slo';

export interface VerdictPlatform {
  platform: string;             // scenario platform name, e.g. "cloud-run"
  model: string;                // "cloud-run" | "compute-engine"
  configuration: string;        // one line: "1 vCPU, 512 MiB, concurrency 80, min 0, request-based"
                                //           "2 x e2-medium, 2 workers each, on-demand"
  status: PlatformStatus;
  rank: number;
  statusReason: string | null;  // "rejects 31 % of requests at the weekday peak" | null when ok
  advice: string | null;        // "add VMs or use the MIG autoscaler" | null
  costPerMonthUsd: number;
  servedFraction: number;       // completed / arrived
  latencyP50S: number; latencyP95S: number; latencyP99S: number;
  costDrivers: { component: string; share: number }[];  // cost components, largest first, share of total 0..1
}

export interface VerdictAlternative {
  platform: string;
  change: string;               // "instance-based billing", "1-year committed use discount", ...
  costPerMonthUsd: number;
  status: PlatformStatus;
  flipsVerdict: boolean;        // would the recommendation change if this platform used it
  simulated: boolean;           // true when re-simulated, false when re-billed from the same run
}

export interface Verdict {
  recommended: string | null;   // platform name, null when no platform is ok
  headline: string;             // "Choose vm: $176/month, $37 (17 %) less than cloud-run; both keep up."
  platforms: VerdictPlatform[]; // in rank order
  difference: { cheaper: string; dearer: string; usdPerMonth: number; percent: number } | null;
  extrapolated: boolean;        // the run is shorter than the traffic's own period
  alternatives: VerdictAlternative[];
  breakeven: { parameter: string; value: number | null; hint: string } | null;
  lines: string[];              // the verdict in words, as printed under the table
}
