/**
 * Which assumptions of models/cloud-run.json have no effect on a Cloud Run spec as configured
 * (`sim sensitivity` leaves them out: ranging over a parameter the simulation never reads would
 * only add rows that cannot move). The rules follow where the platform reads each field: the
 * metric loop's settings only with the `cloud-run` autoscaler (cloud-run.ts starts it for that
 * one alone), `keepAlive` only with `scale-per-request`, which also always routes to the newest
 * instance, whatever `routing` says; the cold start's CPU share only with the startup CPU boost;
 * a Tier 2 price only in a Tier 2 region; the roundingInterval only with roundingScope
 * "instance" (cloud-run-billing.ts); how min instances start only with min instances (or
 * Knative's initial scale); the execution environment only below 1 vCPU.
 */
import type { CloudRunSpec } from '../../scenario/types.js';
import type { AssumptionRange } from '../platform-entry.js';
import { serverNotApplicable } from '../server/sensitivity.js';
import { cloudRunCatalog } from './presets.js';

type Rule = (spec: CloudRunSpec) => string | null;

const withAutoscaler =
  (wanted: CloudRunSpec['autoscaler'], what: string): Rule =>
  (spec) =>
    spec.autoscaler === wanted ? null : `${what} with autoscaler "${wanted}"; this platform's is "${spec.autoscaler}"`;

const metricLoop = withAutoscaler('cloud-run', "the metric loop's settings apply");

const RULES: Record<string, Rule> = {
  ...serverNotApplicable,
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

export function cloudRunNotApplicable(a: AssumptionRange, spec: CloudRunSpec): string | null {
  if (a.tier2Only) {
    const tier2 = cloudRunCatalog().tiers.tier2;
    return tier2.includes(spec.region) ? null : `a Tier 2 price; this platform's region ${spec.region} is not Tier 2`;
  }
  return Object.hasOwn(RULES, a.field) ? RULES[a.field]!(spec) : null;
}
