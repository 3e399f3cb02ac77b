/**
 * The `cloud-run` autoscaling policy as a pure decider (docs/gcp-facts.md, "Cloud Run:
 * scaling behaviour"), `decide(spec, observed, now)` like every decider of the project
 * (mig-autoscaler.ts, knative.ts, scale-per-request-policy.ts). The policy (cloud-run-policy.ts)
 * collects window means and calls it every evaluation interval; starting and stopping
 * instances is the platform's job.
 * Table-driven tests on a synthetic clock: test/platforms/cloud-run/autoscaler.test.ts.
 */

export interface ScalingSpec {
  /** Max concurrent requests per instance. */
  readonly concurrency: number;
  /** vCPU per instance. */
  readonly cpu: number;
  readonly targetConcurrencyUtilization: number;
  readonly targetCpuUtilization: number;
  readonly minInstances: number;
  readonly maxInstances: number;
  /** Scale-in follows the highest recommendation of this many seconds. */
  readonly scaleInDelay: number;
  /** No instance stays idle longer than this beyond min instances. */
  readonly maxIdle: number;
  /** A surplus idle instance is stopped only once idle this long; absent: 0 (at once). */
  readonly idleRetention?: number;
  /** Below this many instances the targets are `lowCountUtilization`; absent: never. */
  readonly lowCountInstances?: number;
  readonly lowCountUtilization?: number;
}

export interface IdleInstance {
  readonly id: number;
  readonly idleSince: number;
}

export interface Observation {
  /** Mean requests in flight or waiting over the metric window; null when the window is empty. */
  readonly concurrency: number | null;
  /** Mean vCPU in use over the metric window; null when the window is empty. */
  readonly cpu: number | null;
  /** Instances starting or ready (not stopping). */
  readonly active: number;
  /** Ready instances with no request in flight. */
  readonly idle: readonly IdleInstance[];
  /** Recommendations of earlier evaluations, oldest first, as [time, count]. */
  readonly history: readonly (readonly [number, number])[];
}

export type Decision =
  | { readonly state: 'no-data' }
  | {
      readonly state: 'scale';
      /** The metric recommendation of this evaluation (before min/max). */
      readonly recommended: number;
      /** Start instances until this many are active. */
      readonly scaleUpTo: number;
      /** Idle instances to stop now, longest idle first. */
      readonly retire: readonly number[];
    };

// 48 in flight at concurrency 80 x 0.6 is exactly one instance; the slack keeps float noise
// (48.000000000001) from asking for a second.
const ceilTolerant = (x: number): number => Math.ceil(x - 1e-9);

/**
 * Recommendation: the larger of ceil(concurrency / (max concurrency x 0.6)) and
 * ceil((vCPU in use / vCPU per instance) / 0.6). Example: 100 requests in flight at
 * concurrency 80 gives ceil(100 / 48) = 3; 2.5 vCPU busy on 1-vCPU instances gives
 * ceil(2.5 / 0.6) = 5; the recommendation is 5.
 */
export function recommend(spec: ScalingSpec, concurrency: number, cpu: number): number {
  const normal = recommendAt(spec, concurrency, cpu, spec.targetConcurrencyUtilization, spec.targetCpuUtilization);
  return lowCount(spec, concurrency, cpu, normal);
}

/**
 * Google: "at lower instance counts, the utilization thresholds for scaling are higher"
 * (cloud.google.com/run/docs/about-instance-autoscaling). Below `lowCountInstances` the
 * recommendation uses `lowCountUtilization` for both targets, when that too stays below the
 * count. Example, lowCount 3 at 0.8: 1.5 vCPU busy on 1-vCPU instances asks ceil(1.5 / 0.8) = 2
 * instead of ceil(1.5 / 0.6) = 3; 1.7 vCPU asks ceil(1.7 / 0.8) = 3, not below 3, so the
 * ordinary ceil(1.7 / 0.6) = 3. The switch never recommends fewer than the count it sits at.
 */
function lowCount(spec: ScalingSpec, concurrency: number, cpu: number, normal: number): number {
  const n = spec.lowCountInstances ?? 0;
  const high = spec.lowCountUtilization;
  if (n <= 0 || high === undefined || high <= spec.targetCpuUtilization) return normal;
  const relaxed = recommendAt(spec, concurrency, cpu, Math.max(high, spec.targetConcurrencyUtilization), high);
  return relaxed < n ? relaxed : normal;
}

function recommendAt(spec: ScalingSpec, concurrency: number, cpu: number, concurrencyTarget: number, cpuTarget: number): number {
  const byConcurrency = ceilTolerant(concurrency / (spec.concurrency * concurrencyTarget));
  const byCpu = ceilTolerant(cpu / spec.cpu / cpuTarget);
  return Math.max(0, byConcurrency, byCpu);
}

export function decide(spec: ScalingSpec, observed: Observation, now: number): Decision {
  const { concurrency, cpu, active, idle, history } = observed;
  if (concurrency === null || cpu === null) return { state: 'no-data' };
  const recommended = recommend(spec, concurrency, cpu);
  const scaleUpTo = Math.min(spec.maxInstances, Math.max(spec.minInstances, recommended));

  // Scale in only to the highest need of the last scaleInDelay seconds, so that a dip of a
  // few seconds does not stop instances a rebound needs again.
  let peak = recommended;
  for (const [t, r] of history) if (t > now - spec.scaleInDelay && r > peak) peak = r;
  // The last instance is not stopped by the metric: it goes when it has been idle for
  // maxIdle (scale to zero after 15 min without requests, as users observe).
  const floor = peak === 0 && active > 0 ? 1 : 0;
  const keep = Math.max(spec.minInstances, peak, floor);

  const byIdleAge = [...idle].sort((a, b) => a.idleSince - b.idleSince || a.id - b.id);
  const retire: number[] = [];
  let surplus = active - keep;
  let aboveMin = active - spec.minInstances;
  // A surplus instance goes only once idle for idleRetention (Google keeps idle instances up to
  // 15 minutes to spare cold starts); none stays idle past maxIdle.
  const retention = Math.min(spec.idleRetention ?? 0, spec.maxIdle);
  for (const inst of byIdleAge) {
    if (aboveMin <= 0) break;
    const idleFor = now - inst.idleSince;
    if ((surplus > 0 && idleFor >= retention) || idleFor >= spec.maxIdle) {
      retire.push(inst.id);
      surplus--;
      aboveMin--;
    }
  }
  return { state: 'scale', recommended, scaleUpTo, retire };
}
