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

/**
 * Which billing setting bills each price (cloud-run-billing.ts): the instance-based rates only
 * instance-based; the request fee and the idle rates of min instances only request-based, the
 * idle rates only with min instances.
 */
const PRICE_RULES: Record<string, Rule> = {
  'prices.instanceCpuSecond': (spec) => (spec.billing === 'instance' ? null : `billed with instance-based billing; this platform's is ${spec.billing}-based`),
  'prices.instanceMemoryGiBSecond': (spec) => (spec.billing === 'instance' ? null : `billed with instance-based billing; this platform's is ${spec.billing}-based`),
  'prices.perMillionRequests': (spec) => (spec.billing === 'request' ? null : `billed with request-based billing; this platform's is ${spec.billing}-based`),
  'prices.idleCpuSecond': idleRate,
  'prices.idleMemoryGiBSecond': idleRate,
};

function idleRate(spec: CloudRunSpec): string | null {
  if (spec.billing !== 'request') return `billed with request-based billing; this platform's is ${spec.billing}-based`;
  return spec.minInstances > 0 ? null : 'billed for idle min instances; this platform has none (minInstances 0)';
}

export function cloudRunNotApplicable(a: AssumptionRange, spec: CloudRunSpec): string | null {
  if (a.tier2Only) {
    const tier2 = cloudRunCatalog().tiers.tier2;
    if (!tier2.includes(spec.region)) return `a Tier 2 price; this platform's region ${spec.region} is not Tier 2`;
    return Object.hasOwn(PRICE_RULES, a.field) ? PRICE_RULES[a.field]!(spec) : null;
  }
  return Object.hasOwn(RULES, a.field) ? RULES[a.field]!(spec) : null;
}

/**
 * The ranges that change only Cloud Run's bill (cloud-run-billing.ts reads them, the instances
 * do not): how billable time is rounded, and the Tier 2 prices.
 */
export function cloudRunBillsOnly(a: AssumptionRange): boolean {
  return a.tier2Only || a.field === 'roundingScope' || a.field === 'roundingInterval';
}

/** The range that changes only what Google's front end adds to each response's latency (cloudRunFrontEnd), not what the instances do. */
export function cloudRunFrontEndOnly(a: AssumptionRange): boolean {
  return a.field === 'frontEndLatency';
}
