/**
 * The managed instance group (MIG) autoscaler with a CPU-utilisation target, as a pure decider
 * (docs/gcp-facts.md, "Managed instance group autoscaler"). Its collector (mig-collector.ts)
 * measures each VM's mean CPU utilisation over the last evaluation window; the platform calls
 * `decideMig` every `evaluationInterval` with those; starting, draining and stopping VMs is the
 * platform's job (vm-fleet.ts). Table tests on a synthetic clock: test/platforms/vm/mig-autoscaler.test.ts.
 */

export type MigMode = 'on' | 'only-scale-out' | 'off';

export interface MigSpec {
  readonly mode: MigMode;
  readonly minSize: number;
  readonly maxSize: number;
  /** Target mean CPU utilisation of the group, (0, 1]. */
  readonly targetCpu: number;
  /** Seconds from a VM's creation during which its metric is ignored. */
  readonly initializationPeriod: number;
  /** Scale-in goes only down to the peak recommendation of this many seconds. */
  readonly scaleInStabilization: number;
}

/** One member of the group the autoscaler may keep or stop. */
export interface MigVm {
  readonly id: number;
  /** Creation time (boot start); -Infinity for the fleet that was already there at time 0. */
  readonly createdAt: number;
  /** Still booting: serves nothing yet. */
  readonly booting: boolean;
  /** Mean CPU utilisation (busy vCPU / vCPU, 0..1) over the last window; null when not measured. */
  readonly utilization: number | null;
  /** Requests served plus waiting. */
  readonly connections: number;
}

export interface MigObservation {
  /** Members that count toward the size and can be stopped (not draining, not preempted). */
  readonly vms: readonly MigVm[];
  /** Members on their way back (a preempted Spot VM that restarts): in the size, never stopped. */
  readonly returning: number;
  /** Recommendations of earlier evaluations, oldest first, as [time, recommended]. */
  readonly history: readonly (readonly [number, number])[];
}

export type MigDecision =
  | { readonly state: 'no-data' }
  | {
      readonly state: 'scale';
      /** The metric recommendation of this evaluation (before stabilisation and min/max). */
      readonly recommended: number;
      /** The group size to reach: start VMs up to it, or stop `stop`. */
      readonly target: number;
      /** VMs to drain and stop now, in order (booting first, then the least loaded, newest first). */
      readonly stop: readonly number[];
    };

// 1.2 vCPU-worth of utilisation at target 0.6 is exactly 2 VMs; the slack keeps float noise
// (2.0000000000000004) from asking for a third.
const ceilTolerant = (x: number): number => Math.ceil(x - 1e-9);

/**
 * The recommendation: the fewest VMs that would run at `targetCpu` on average if they shared
 * the load the measured VMs carry now,
 *
 *     recommended = ceil( sum over measured VMs of utilisation / targetCpu )
 *
 * where a VM is measured when it is past its initialisation period (now - createdAt >=
 * initializationPeriod) and has a utilisation sample. Example: three VMs at 0.9, 0.9 and 0.6
 * carry 2.4 VMs' worth of CPU; at target 0.6 that is ceil(2.4 / 0.6) = 4 VMs. Null when no VM
 * is measured (all booting or initialising): the "no data" case.
 */
export function recommendMig(spec: MigSpec, vms: readonly MigVm[], now: number): number | null {
  let load = 0;
  let measured = 0;
  for (const vm of vms) {
    if (vm.utilization === null || now - vm.createdAt < spec.initializationPeriod) continue;
    load += vm.utilization;
    measured++;
  }
  return measured === 0 ? null : Math.max(0, ceilTolerant(load / spec.targetCpu));
}

/**
 * target = clamp(peak, minSize, maxSize), where peak is the highest recommendation of this and
 * the evaluations of the last `scaleInStabilization` seconds (strictly after now - window): a
 * rise acts at once, a fall only once the higher figures have aged out (600 s by default).
 * Mode `only-scale-out` never goes below the current size; mode `off` keeps it.
 */
export function decideMig(spec: MigSpec, observed: MigObservation, now: number): MigDecision {
  const { vms, returning, history } = observed;
  const recommended = recommendMig(spec, vms, now);
  if (recommended === null) return { state: 'no-data' };
  const size = vms.length + returning;
  if (spec.mode === 'off') return { state: 'scale', recommended, target: size, stop: [] };

  let peak = recommended;
  for (const [t, r] of history) if (t > now - spec.scaleInStabilization && r > peak) peak = r;
  let target = Math.min(spec.maxSize, Math.max(spec.minSize, peak));
  if (spec.mode === 'only-scale-out' && target < size) target = size;
  return { state: 'scale', recommended, target, stop: target < size ? pickToStop(vms, size - target) : [] };
}

/**
 * Which VMs go first when shrinking: booting ones (no work lost, newest first), then those with
 * the fewest connections (the shortest drain), newest first on ties.
 */
function pickToStop(vms: readonly MigVm[], count: number): number[] {
  const order = [...vms].sort(
    (a, b) =>
      Number(b.booting) - Number(a.booting) || a.connections - b.connections || b.createdAt - a.createdAt || b.id - a.id,
  );
  return order.slice(0, count).map((vm) => vm.id);
}
