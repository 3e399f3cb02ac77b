/**
 * Which assumptions of models/compute-engine.json have no effect on a VM fleet as configured
 * (`sim sensitivity` leaves them out). A VM's `boot` matters only for VMs started after time 0
 * (autoscaler or Spot restart), since the `count` VMs of time 0 are up at once (vm-fleet.ts); a
 * disk's size and type only with a disk; the load balancer's latency only with one; the Spot
 * discount only at the Spot price.
 */
import type { ComputeEngineSpec } from '../../scenario/types.js';
import type { AssumptionRange } from '../platform-entry.js';
import { serverNotApplicable } from '../server/sensitivity.js';

type Rule = (spec: ComputeEngineSpec) => string | null;

const RULES: Record<string, Rule> = {
  ...serverNotApplicable,
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

export function computeEngineNotApplicable(a: AssumptionRange, spec: ComputeEngineSpec): string | null {
  return Object.hasOwn(RULES, a.field) ? RULES[a.field]!(spec) : null;
}

/**
 * The ranges that change only a fleet's bill (compute-engine-billing.ts reads them, the fleet
 * does not): the disk, the external IP, the Spot discount. Not the load balancer, which adds
 * front-end latency too (computeEngineFrontEndOnly).
 */
export function computeEngineBillsOnly(a: AssumptionRange): boolean {
  return a.field === 'disk' || a.field === 'externalIp' || a.field === 'spotDiscount';
}

/**
 * The ranges that change only what the external load balancer adds to each response's latency
 * (vmFrontEnd), and its bill: its latency, and whether there is one. The fleet's own routing
 * (`loadBalancer`) is another setting, simulated.
 */
export function computeEngineFrontEndOnly(a: AssumptionRange): boolean {
  return a.field === 'frontEndLatency' || a.field === 'externalLoadBalancer';
}
