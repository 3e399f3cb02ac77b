/**
 * The spec types, in one place at the bottom of the layers (issue 8 item 4): the scenario, the
 * traffic, the request profile and every platform's resolved spec. Platforms, billing, metrics,
 * the experiment layer and the verdict all read these; this module imports types only, from
 * modules that import nothing above them (random/distribution.ts, trace-data.ts).
 *
 * Each platform's spec lives here too rather than in its folder (src/platforms/<model>/), because
 * the spec is what every layer above shares: billing, metrics and the verdict read CloudRunSpec
 * without importing a platform folder, so no platform imports another and nothing points up.
 * A new platform adds its spec type and one member of the PlatformSpec union below; the
 * compiler then asks for it wherever a PlatformEntry (src/platforms/platform-entry.ts) names it.
 */
import type { DistSpec } from '../random/distribution.js';
import type { MinuteCounts, TraceTimes } from './trace-data.js';

/**
 * The validated, resolved scenario: units converted (seconds, GiB, bytes), presets from
 * `models/` merged, `--set` overrides applied, cross-field checks passed, frozen. Models read
 * only this, never the file.
 */
export interface Scenario {
  readonly name: string;
  /** ISO timestamp of simulated time 0 (default Monday 2026-01-05T00:00:00Z). */
  readonly start: string;
  /** `start` as milliseconds since the Unix epoch, for calendar rules (weekday, month). */
  readonly startEpochMs: number;
  /** Simulated seconds. */
  readonly duration: number;
  /** Latency and state means count from this time on (seconds); costs count from 0. */
  readonly warmup: number;
  readonly traffic: TrafficSpec;
  readonly requests: RequestProfileSpec;
  readonly platforms: readonly PlatformSpec[];
  /** Service objectives (file `slo`); absent in hand-built scenarios: served >= 99.9 %, no latency bound. */
  readonly slo?: ScenarioSlo;
  /** Likely mistakes noticed while loading (a bare number of seconds where ms were meant, ...): warned about, not refused. */
  readonly warnings?: readonly string[];
  /** Account-wide billing switches (file `billing`); absent in hand-built scenarios: all off. */
  readonly billing?: BillingSwitches;
  /** Where the scenario came from (a path), for error messages and reports. */
  readonly source?: string;
}

/** Latency statistics an objective can bound. */
export type LatencyObjective = 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'p999';

/** Service objectives, seconds for latencies. */
export interface ScenarioSlo {
  /** Share of arriving requests that must complete, (0, 1]. */
  readonly served: number;
  /** Upper bounds (inclusive) on latency statistics, seconds. */
  readonly latency: Readonly<Partial<Record<LatencyObjective, number>>>;
}

export interface RequestProfileSpec {
  /** vCPU-seconds of work per request. */
  readonly cpu: DistSpec;
  /** Seconds of waiting that uses no CPU (database, upstream calls), after the CPU phase. */
  readonly io: DistSpec;
  /** Bytes sent back per response (egress). */
  readonly responseBytes: DistSpec;
  /** Bytes of each request (a load balancer's inbound data processing); absent: 0. */
  readonly requestBytes?: DistSpec;
}

export type TrafficSpec =
  | { readonly type: 'poisson'; readonly rps: number }
  | {
      readonly type: 'diurnal';
      readonly meanRps: number;
      /** Ratio of the peak rate to the trough rate within a weekday (>= 1). */
      readonly peakToTrough: number;
      /** Hour of day (UTC, 0..24) of the peak. */
      readonly peakHour: number;
      /** Saturday and Sunday rates are multiplied by this. */
      readonly weekendFactor: number;
    }
  | {
      readonly type: 'piecewise';
      /** [time s, rps] pairs, times strictly increasing, the first at 0. */
      readonly points: readonly (readonly [number, number])[];
      readonly interpolation: 'step' | 'linear';
      /** Period in seconds after which the pattern repeats; null: the last rate holds. */
      readonly repeat: number | null;
      /** The file's `scale`, already multiplied into the points' rates (absent: 1): the one number that scales this traffic. */
      readonly scale?: number;
    }
  | {
      readonly type: 'sum';
      readonly components: readonly TrafficSpec[];
      /** The file's `scale`, already multiplied into every component (absent: 1). */
      readonly scale?: number;
    }
  | MmppTrafficSpec
  | TraceTrafficSpec;

/**
 * Markov-modulated Poisson arrivals (src/workload/mmpp-arrivals.ts): a hidden state holds for
 * an exponential time with its `meanHolding`, then jumps by `transitions`; arrivals are Poisson
 * at the current state's rate.
 */
export interface MmppTrafficSpec {
  readonly type: 'mmpp';
  /** At least two states: requests per second while in the state, mean seconds of one visit (> 0). */
  readonly states: readonly { readonly rps: number; readonly meanHolding: number }[];
  /** Index of the state at time 0; null: drawn from the stationary distribution. */
  readonly start: number | null;
  /**
   * transitions[i][j]: probability that leaving state i enters state j. Zero diagonal, rows sum
   * to 1, every state reachable from every other. Default: uniform over the other states.
   */
  readonly transitions: readonly (readonly number[])[];
  /** The file's `scale`, already multiplied into the states' rps (absent: 1). */
  readonly scale?: number;
}

/** A replayed trace file (src/scenario/trace-file.ts), read once at load. */
export interface TraceTrafficSpec {
  readonly type: 'trace';
  readonly format: 'timestamps' | 'per-minute' | 'azure-functions';
  /** The file that was read: relative to the scenario file's folder, as a path from here. */
  readonly file: string;
  /** azure-functions: the HashFunction replayed, "sum" for all rows, null for the first row. */
  readonly function: string | null;
  /** Simulated seconds = trace seconds x timeScale (2: half the rate over twice the time). */
  readonly timeScale: number;
  /** Arrival times (timestamps) or requests per trace minute (per-minute, azure-functions). */
  readonly data: TraceTimes | MinuteCounts;
  /** Trace minutes after which the counts start over (1440 for azure-functions), or null. */
  readonly repeatMinutes: number | null;
  /**
   * The file's `scale` (absent: 1): the requests of every trace minute are multiplied by it,
   * by the arrival process (src/workload/trace-arrivals.ts), since a trace has no rate field.
   */
  readonly scale?: number;
}

/** Every platform's resolved spec; one member per entry of src/platforms/registry.ts, told apart by `model`. */
export type PlatformSpec = CloudRunSpec | ComputeEngineSpec | LambdaSpec;

export type CloudRunAutoscaler = 'cloud-run' | 'scale-per-request' | 'knative';
export type CloudRunRouting = 'least-loaded' | 'random' | 'round-robin' | 'newest' | 'cpu-aware';

/** How the app inside an instance or VM serves requests (src/platforms/server/). */
export type ServerModel = 'processor-sharing' | 'asyncio' | 'threadpool';

/**
 * The server fields of a platform spec; absent (hand-built specs): processor sharing, and for
 * the uvicorn models 40 threads, a 5 ms switch interval and a sync share by model.
 */
export interface ServerFields {
  readonly server?: ServerModel;
  /** Thread-pool threads per worker. */
  readonly threads?: number;
  /** GIL switch interval, seconds. */
  readonly switchInterval?: number;
  /** Share of requests served by `def` endpoints (0 with asyncio, 1 with threadpool by default). */
  readonly syncShare?: number;
}

export interface CloudRunSpec extends ServerFields {
  readonly name: string;
  readonly model: 'cloud-run';
  readonly region: string;
  /** vCPU per instance. */
  readonly cpu: number;
  /** GiB per instance. */
  readonly memoryGiB: number;
  /** Max concurrent requests per instance. */
  readonly concurrency: number;
  /** Server processes per instance; compute rate is min(cpu, workers). */
  readonly workers: number;
  /** Seconds from the decision to start until the instance can serve. */
  readonly coldStart: DistSpec;
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly autoscaler: CloudRunAutoscaler;
  readonly routing: CloudRunRouting;
  /** Metric loop (autoscaler `cloud-run`). */
  readonly targetConcurrencyUtilization: number;
  readonly targetCpuUtilization: number;
  readonly metricWindow: number;
  readonly evaluationInterval: number;
  /** Surplus is judged on the highest recommendation over this many seconds. */
  readonly scaleInDelay: number;
  /** No instance stays idle longer than this (unless min instances keeps it). */
  readonly maxIdle: number;
  /** Autoscaler `scale-per-request`: an instance expires this long after its last request. */
  readonly keepAlive: number;
  /** Autoscaler `knative`: the Knative Pod Autoscaler's settings (concurrency and min/max come from this spec). */
  readonly knative: KnativeSettings;
  /** Startup CPU boost: more vCPU while starting and for 10 s after (1 -> 2, 2 -> 4, 4 -> 8, 6 and 8 -> 8), billed. */
  readonly startupCpuBoost: boolean;
  /** Share of the cold start that is CPU work and so shrinks with the boost (assumption). */
  readonly coldStartCpuFraction: number;
  /** Pending-queue wait limit in seconds; null means max(10 s, 3.5 x mean start-up). */
  readonly pendingTimeout: number | null;
  readonly shutdownGrace: number;
  /** Surplus idle instances stay until idle this long (capped by maxIdle); absent: 0. */
  readonly idleRetention?: number;
  /** Below this many instances the scaling targets are `lowCountUtilization`; absent: 0 (never). */
  readonly lowCountInstances?: number;
  readonly lowCountUtilization?: number;
  /** Seconds the front end adds to every response's latency (not billed); absent: 0. */
  readonly frontEndLatency?: DistSpec;
  /** Startup probe: "tcp" passes when the port listens, "http" when the app answers; absent: "tcp". */
  readonly startupProbe?: 'tcp' | 'http';
  /** Seconds from the port listening to the app serving; absent: 0. */
  readonly appWarmup?: DistSpec;
  /** The first `count` requests of a fresh instance carry `extraCpu` more vCPU-seconds; absent: none. */
  readonly firstRequests?: { readonly count: number; readonly extraCpu: number };
  /** First or second generation execution environment; cpu below 1 needs "gen1". */
  readonly executionEnvironment?: 'gen1' | 'gen2';
  /** Min instances of time 0 already running ("warm") or starting cold; absent: "cold". */
  readonly minInstancesStart?: 'warm' | 'cold';
  /** Seconds from SIGTERM until the process exits, capped by shutdownGrace; absent: the whole grace. */
  readonly shutdown?: DistSpec;
  readonly requestTimeout: number;
  readonly billing: 'request' | 'instance';
  /** What the 100-ms rounding applies to (assumption): each billable stretch, each instance per interval, or nothing; absent: "stretch". */
  readonly roundingScope?: 'stretch' | 'instance' | 'none';
  /** Seconds billable time is rounded up to; absent: 0.1. */
  readonly roundingGranularity?: number;
  /** Scope "instance": seconds of the billing interval an instance's time is summed over; absent: 60. */
  readonly roundingInterval?: number;
  readonly prices: CloudRunPrices;
  /** Calendar and free-tier switch; absent (hand-built specs): time 0 is 2026-01-05, no free tier. */
  readonly account?: BillingAccount;
  /** Internet egress tiers per calendar month; absent: `prices.egressPerGiB` for every GiB. */
  readonly egressTiers?: readonly EgressTier[];
  /** Monthly free tier, applied when `account.freeTier`; absent: none. */
  readonly freeTier?: CloudRunFreeTier;
  /** Prices the free tier's units are valued at (Tier 1 in every region); absent: `prices`. */
  readonly freeTierPrices?: CloudRunPrices;
  /** Spend-based committed use discount; absent: none. */
  readonly commitment?: SpendCommitment;
}

/** A spend-based commitment, resolved (src/billing/commitment.ts). */
export interface SpendCommitment {
  readonly term: '1y' | '3y';
  /** USD of on-demand-equivalent spend per hour. */
  readonly hourlyUsd: number;
  /** Fraction off the committed amount (0.17, 0.28, 0.46). */
  readonly discount: number;
}

/** The KPA's own settings, seconds for durations (docs/gcp-facts.md, Knative defaults). */
export interface KnativeSettings {
  /** Fraction of `containerConcurrency` to aim for (`container-concurrency-target-percentage` 70). */
  readonly targetUtilization: number;
  /** Seconds of 1-s buckets behind the stable concurrency. */
  readonly stableWindow: number;
  /** Panic window as a percentage of the stable window: 10 % of 60 s = 6 s. */
  readonly panicWindowPercentage: number;
  /** Panic when ceil(panic concurrency / target) reaches this multiple of ready pods (200 % = 2.0). */
  readonly panicThreshold: number;
  /** At most ceil(rate x ready) pods per decision. */
  readonly maxScaleUpRate: number;
  /** At least floor(ready / rate) pods per decision. */
  readonly maxScaleDownRate: number;
  /** Upper bound on the activator's take-over before scale to zero (taken as instant: not a delay here). */
  readonly scaleToZeroGracePeriod: number;
  /** Seconds the last instance stays after the stable window went empty (`scale-to-zero-pod-retention-period`); absent: 0. */
  readonly scaleToZeroPodRetention?: number;
  /** Instances at time 0 (`initial-scale`); absent: 1. */
  readonly initialScale?: number;
  /** At least this many when scaling from zero (`activation-scale`); absent: 1. */
  readonly activationScale?: number;
  /** Seconds between decisions (the platform's loop; the decider only reads `now`). */
  readonly tickInterval: number;
}

/** USD, already chosen for the region's tier. */
export interface CloudRunPrices {
  readonly cpuSecond: number;
  readonly memoryGiBSecond: number;
  readonly idleCpuSecond: number;
  readonly idleMemoryGiBSecond: number;
  readonly perMillionRequests: number;
  readonly instanceCpuSecond: number;
  readonly instanceMemoryGiBSecond: number;
  readonly egressPerGiB: number;
}

export type LoadBalancerPolicy = 'round-robin' | 'least-connections' | 'random';

export interface ComputeEngineSpec extends ServerFields {
  readonly name: string;
  readonly model: 'compute-engine';
  readonly region: string;
  readonly machineType: string;
  /** From the catalog unless overridden. */
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly count: number;
  readonly workers: number;
  /** Requests one VM serves at once. */
  readonly maxConcurrency: number;
  /** Requests one VM holds waiting beyond maxConcurrency; more get 503. Infinity: unbounded. */
  readonly queueLimit: number;
  readonly loadBalancer: LoadBalancerPolicy;
  readonly requestTimeout: number;
  /**
   * Seconds from a VM's creation until it serves (and joins the load balancer), for VMs started
   * during the run: autoscaler scale-out and Spot restarts; billed from creation. The initial
   * `count` VMs are up at time 0. Absent (hand-built specs): uniform 25 to 45 s.
   */
  readonly boot?: DistSpec;
  /** Managed instance group autoscaler (src/platforms/vm/mig-autoscaler.ts); absent or mode "off": `count` VMs throughout. */
  readonly autoscaling?: MigAutoscalingSpec;
  /** Spot preemptions, the fault model (src/platforms/vm/spot.ts); the Spot price is `pricing`. Absent or not enabled: none. */
  readonly preemption?: PreemptionSpec;
  readonly prices: ComputeEnginePrices;
  /**
   * Billing choices (src/billing/compute-engine-billing.ts). Resolved scenarios carry all of
   * them; a hand-built spec that leaves them out gets on-demand prices and no fixed costs.
   */
  readonly pricing?: ComputeEnginePricing;
  /** Persistent disk of each VM; null or absent: none billed. */
  readonly disk?: DiskSpec | null;
  /** An external IPv4 address on each running VM. */
  readonly externalIp?: boolean;
  /** An external HTTP(S) load balancer in front: its forwarding rule and data processing. */
  readonly externalLoadBalancer?: boolean;
  readonly account?: BillingAccount;
  /** Pricing "spot": fraction off on-demand; null or absent: the catalog's dated Spot price inside Google's range. */
  readonly spotDiscount?: number | null;
  /** Seconds the external load balancer adds to every response, when there is one; absent: 0. */
  readonly frontEndLatency?: DistSpec;
  /** Compute flexible CUD (spend-based); absent: none. */
  readonly commitment?: SpendCommitment;
}

/** Managed instance group autoscaling on CPU utilisation; durations in seconds. `count` is the initial size. */
export interface MigAutoscalingSpec {
  /** "on", "only-scale-out" (never shrinks) or "off" (a fixed fleet). */
  readonly mode: 'on' | 'only-scale-out' | 'off';
  readonly minSize: number;
  readonly maxSize: number;
  /** Target mean CPU utilisation, (0, 1]. */
  readonly targetCpu: number;
  /** A new VM's metric is ignored for this long after its creation. */
  readonly initializationPeriod: number;
  /** Scale-in only down to the peak recommendation of this window. */
  readonly scaleInStabilization: number;
  /** Seconds between two decisions; also the window of each VM's mean utilisation. */
  readonly evaluationInterval: number;
}

/** Spot preemption as a Poisson process per VM; durations in seconds. */
export interface PreemptionSpec {
  readonly enabled: boolean;
  /** Mean running time of a VM before it is preempted (exponential). */
  readonly meanTimeToPreemption: number;
  /** From the preemption notice (the VM leaves the load balancer) to the stop (its requests fail). */
  readonly noticePeriod: number;
  /** Whether the VM is started again (a new boot) after it stops. */
  readonly restart: boolean;
}

/** USD per hour for one VM, split by resource so the bill shows cpu and memory lines. */
export interface ComputeEnginePrices {
  readonly cpuHour: number;
  readonly memoryHour: number;
  readonly egressPerGiB: number;
  /** Quarter-month price multipliers of the family's sustained-use discount; null: none (E2). */
  readonly sustainedUse?: readonly number[] | null;
  /** Fraction off under `pricing` cud-1y / cud-3y (0 otherwise). */
  readonly committedUseDiscount?: number;
  /** USD per GB-month of the spec's disk type. */
  readonly diskPerGBMonth?: number;
  /** USD per hour of an external IPv4 address on a running VM. */
  readonly externalIpHourly?: number;
  /** External HTTP(S) load balancer: USD per hour of its forwarding rule. */
  readonly forwardingRuleHourly?: number;
  /** External HTTP(S) load balancer: USD per GiB it processes. */
  readonly loadBalancerPerGiB?: number;
  readonly egressTiers?: readonly EgressTier[];
  readonly freeTier?: ComputeEngineFreeTier;
}

/** Top-level `billing` of a scenario. */
export interface BillingSwitches {
  /** Apply the monthly free tiers of both platforms (per simulated platform, each as its own account). */
  readonly freeTier: boolean;
}

/** What billing needs from the scenario beyond the platform itself. */
export interface BillingAccount {
  /** `Scenario.startEpochMs`: calendar months for sustained use, egress tiers and free tiers. */
  readonly startEpochMs: number;
  readonly freeTier: boolean;
  /**
   * The run's length in seconds: each month's free tier is prorated to the part of the month
   * the run covers (src/billing/free-tier-share.ts). Absent: whole months' allowances.
   */
  readonly runSeconds?: number;
}

/** One band of a monthly tiered price. */
export interface EgressTier {
  /** Upper end of the band in GiB per calendar month; null: unbounded. */
  readonly upToGiB: number | null;
  readonly perGiB: number;
}

/** Cloud Run free tier per calendar month (cloud.google.com/run/pricing). */
export interface CloudRunFreeTier {
  /** Request-based billing. */
  readonly cpuSeconds: number;
  readonly memoryGiBSeconds: number;
  readonly requests: number;
  /** Instance-based billing. */
  readonly instanceCpuSeconds: number;
  readonly instanceMemoryGiBSeconds: number;
  /** Internet egress within North America. */
  readonly egressGiB: number;
}

/** Compute Engine free tier per calendar month, as it applies to this spec. */
export interface ComputeEngineFreeTier {
  /** One e2-micro VM for the month's hours (machine e2-micro, on-demand, eligible region). */
  readonly e2Micro: boolean;
  /** GB-months of pd-standard disk. */
  readonly standardDiskGBMonths: number;
  /** Internet egress within North America. */
  readonly egressGiB: number;
}

export type ComputeEnginePricing = 'on-demand' | 'spot' | 'cud-1y' | 'cud-3y';
export type DiskType = 'pd-standard' | 'pd-balanced' | 'pd-ssd';

export interface DiskSpec {
  readonly type: DiskType;
  readonly sizeGB: number;
}

/** Which idle execution environment takes a request (an assumption: AWS does not say). */
export type LambdaRouting = 'newest' | 'most-recently-used';

/**
 * AWS Lambda, one function (docs/aws-facts.md): execution environments that serve one request
 * at a time, start with an INIT (cold start) and expire `keepAlive` after their last request.
 */
export interface LambdaSpec {
  readonly name: string;
  readonly model: 'lambda';
  readonly region: string;
  readonly architecture: 'x86' | 'arm';
  /** Memory per execution environment in MiB (AWS's "MB"): 128 to 10,240 in steps of 1. */
  readonly memoryMiB: number;
  /** The same in GiB (AWS's "GB" of a GB-second): memoryMiB / 1024. */
  readonly memoryGiB: number;
  /** vCPU share of an environment: memoryMiB / 1769 (1,769 MB is one vCPU); a request computes at min(vcpu, 1). */
  readonly vcpu: number;
  /** Seconds of INIT before a new environment's first request starts. */
  readonly coldStart: DistSpec;
  /** An idle environment is reclaimed this long after its last request. */
  readonly keepAlive: number;
  readonly routing: LambdaRouting;
  /** Concurrent executions at most (the account quota or the function's reserved concurrency). */
  readonly concurrencyLimit: number;
  /** At most `environments` new environments per `per` seconds, refilled continuously. */
  readonly scalingRate: { readonly environments: number; readonly per: number };
  /** Environments kept initialised all the time, billed whether used or not. */
  readonly provisionedConcurrency: number;
  /** Provisioned environments at time 0: "warm" (initialised before the window) or "cold" (INIT at 0); absent: "warm". */
  readonly provisionedStart?: 'warm' | 'cold';
  /** Ephemeral storage (/tmp) in MiB, 512 to 10,240; above 512 billed per GB-s of duration. */
  readonly ephemeralStorageMiB: number;
  /** Lambda stops an invocation this many seconds after it started (at most 900). */
  readonly requestTimeout: number;
  /** INIT billed as duration (AWS since 2025-08-01). */
  readonly initBilled: boolean;
  /** Seconds the front end (function URL) adds to every response (not billed); absent: 0. */
  readonly frontEndLatency?: DistSpec;
  readonly prices: LambdaPrices;
  /** Provisioned concurrency is billed in periods rounded up to this many seconds (300). */
  readonly provisionedRounding: number;
  readonly account?: BillingAccount;
  /** Internet egress tiers per calendar month; absent: `prices.egressPerGiB` for every GiB. */
  readonly egressTiers?: readonly EgressTier[];
  /** Monthly free tier, applied when `account.freeTier` and no provisioned concurrency; absent: none. */
  readonly freeTier?: LambdaFreeTier;
}

/** One band of the monthly on-demand duration price. */
export interface DurationTier {
  /** Upper end of the band in GB-s per calendar month; null: unbounded. */
  readonly upToGBSeconds: number | null;
  readonly perGBSecond: number;
}

/** USD, for the spec's architecture. */
export interface LambdaPrices {
  readonly durationTiers: readonly DurationTier[];
  readonly perMillionRequests: number;
  /** Ephemeral storage above 512 MiB, per GB-s of duration. */
  readonly ephemeralGBSecond: number;
  /** Provisioned concurrency, per GB-s configured. */
  readonly provisionedGBSecond: number;
  /** Duration of invocations served by provisioned environments, per GB-s. */
  readonly provisionedDurationGBSecond: number;
  readonly egressPerGiB: number;
}

/** AWS Lambda free tier per calendar month (aws.amazon.com/lambda/pricing). */
export interface LambdaFreeTier {
  readonly requests: number;
  readonly gbSeconds: number;
  /** Data transfer out to the internet (AWS-wide 100 GB a month). */
  readonly egressGiB: number;
}
