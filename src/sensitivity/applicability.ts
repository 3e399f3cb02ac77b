import { cloudRunCatalog } from '../scenario/presets.js';
import type { PlatformSpec } from '../scenario/types.js';
import type { AssumptionRange } from '../scenario/assumptions.js';

/**
 * Why an assumption of a platform's model has no effect on that platform as configured, or
 * null when it has one. Ranging over a parameter the simulation never reads would only add
 * rows that cannot move, and make "holds under 12 of 12" sound stronger than it is.
 *
 * The rules follow where src/platforms/ reads each field: the metric loop's settings only with
 * the `cloud-run` autoscaler (cloud-run.ts starts it for that one alone), `keepAlive` only with
 * `scale-per-request`, which also always routes to the newest instance, whatever `routing`
 * says; the cold start's CPU share only with the startup CPU boost; a VM's `boot` only for VMs
 * started after time 0 (autoscaler or Spot restart), since the `count` VMs of time 0 are up at
 * once (vm-fleet.ts); a Tier 2 price only in a Tier 2 region; a disk's size and type only with a
 * disk; the roundingInterval only with roundingScope "instance" (cloud-run-billing.ts); how min
 * instances start only with min instances (or Knative's initial scale); the load balancer's
 * latency only with one; the Spot discount only at the Spot price; the execution environment
 * only below 1 vCPU.
 */
export function notApplicable(a: AssumptionRange, spec: PlatformSpec): string | null {
  if (a.tier2Only) {
    const tier2 = cloudRunCatalog().tiers.tier2;
    return tier2.includes(spec.region) ? null : `a Tier 2 price; this platform's region ${spec.region} is not Tier 2`;
  }
  const rule = RULES[spec.model][a.field];
  return rule === undefined ? null : rule(spec as never);
}

type Rule<S> = (spec: S) => string | null;
type CloudRun = Extract<PlatformSpec, { model: 'cloud-run' }>;
type ComputeEngine = Extract<PlatformSpec, { model: 'compute-engine' }>;

const withAutoscaler =
  (wanted: CloudRun['autoscaler'], what: string): Rule<CloudRun> =>
  (spec) =>
    spec.autoscaler === wanted ? null : `${what} with autoscaler "${wanted}"; this platform's is "${spec.autoscaler}"`;

const metricLoop = withAutoscaler('cloud-run', "the metric loop's settings apply");

const CLOUD_RUN: Record<string, Rule<CloudRun>> = {
  targetConcurrencyUtilization: metricLoop,
  targetCpuUtilization: metricLoop,
  metricWindow: metricLoop,
  evaluationInterval: metricLoop,
  scaleInDelay: metricLoop,
  maxIdle: metricLoop,
  keepAlive: withAutoscaler('scale-per-request', 'keepAlive applies'),
  knative: withAutoscaler('knative', 'the knative settings apply'),
  routing: (spec) => (spec.autoscaler === 'scale-per-request' ? 'autoscaler "scale-per-request" always routes to the newest instance' : null),
  coldStartCpuFraction: (spec) => (spec.startupCpuBoost ? null : 'applies with startupCpuBoost on; this platform has it off'),
  idleRetention: metricLoop,
  lowCountInstances: metricLoop,
  lowCountUtilization: metricLoop,
  roundingInterval: (spec) => (spec.roundingScope === 'instance' ? null : `applies with roundingScope "instance"; this platform's is "${spec.roundingScope ?? 'stretch'}"`),
  minInstancesStart: (spec) =>
    spec.minInstances > 0 || (spec.autoscaler === 'knative' && (spec.knative.initialScale ?? 1) > 0) ? null : 'applies to min instances (or Knative\'s initial scale) at time 0; this platform has none',
  executionEnvironment: (spec) => (spec.cpu < 1 ? null : 'the model tells the environments apart only below 1 vCPU; this platform has cpu >= 1'),
};

const COMPUTE_ENGINE: Record<string, Rule<ComputeEngine>> = {
  boot: (spec) => {
    const autoscaled = (spec.autoscaling?.mode ?? 'off') !== 'off';
    const restarts = spec.preemption?.enabled === true && spec.preemption.restart;
    return autoscaled || restarts
      ? null
      : 'only VMs started after time 0 boot (autoscaler or Spot restart); this fleet has neither, its VMs are up at time 0';
  },
  autoscaling: (spec) => ((spec.autoscaling?.mode ?? 'off') === 'off' ? 'autoscaling is off on this platform (mode "off")' : null),
  preemption: (spec) => (spec.preemption?.enabled === true ? null : 'preemption is off on this platform'),
  frontEndLatency: (spec) => (spec.externalLoadBalancer === true ? null : 'applies behind the external load balancer; this fleet is reached on its own IP'),
  spotDiscount: (spec) => (spec.pricing === 'spot' ? null : `applies with pricing "spot"; this platform's is "${spec.pricing ?? 'on-demand'}"`),
  disk: (spec) => (spec.disk === null || spec.disk === undefined ? 'this platform has no disk (disk null)' : null),
};

const RULES: { [M in PlatformSpec['model']]: Record<string, Rule<Extract<PlatformSpec, { model: M }>>> } = {
  'cloud-run': CLOUD_RUN,
  'compute-engine': COMPUTE_ENGINE,
};
