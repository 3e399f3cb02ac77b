import { Timer } from '../../engine/timer.js';
import type { CloudRunSpec } from '../../scenario/types.js';
import type { Request } from '../../workload/request.js';
import type { Instance } from './instance.js';
import type { CloudRunControl, ScalingPolicy } from './scaling-policy.js';

/** What scale-per-request looks at: instances starting or ready. */
export interface PerRequestObservation {
  readonly active: number;
}

export interface PerRequestSpec {
  readonly minInstances: number;
  readonly maxInstances: number;
}

/**
 * The scale-per-request decider (SimFaaS, AWS Lambda), asked when a request finds no idle
 * instance (`arrival`: start one of its own, or reject beyond maxInstances) and when an
 * instance's keep-alive runs out (`expiry`: stop it, unless only min instances are left).
 * Example: max 2 with 2 active, an arrival is rejected; min 1 with 1 active, an expiry keeps it.
 */
export function decidePerRequest(spec: PerRequestSpec, observed: PerRequestObservation & { readonly event: 'arrival' | 'expiry' }, _now: number): { readonly state: 'start' | 'reject' | 'retire' | 'keep' } {
  if (observed.event === 'arrival') return { state: observed.active < spec.maxInstances ? 'start' : 'reject' };
  return { state: observed.active > spec.minInstances ? 'retire' : 'keep' };
}

/**
 * Scale-per-request: a request takes the newest idle instance or starts one of its own; an
 * instance expires `keepAlive` after its last request; beyond `maxInstances` requests are
 * rejected at once. No pending queue in practice (every request has an instance of its own).
 */
export function scalePerRequestPolicy(spec: CloudRunSpec, control: CloudRunControl, coldStartMean: number): ScalingPolicy {
  const sim = control.sim;
  return {
    // The newest idle instance, whatever `routing` says: it decides which instances expire
    // (test/platforms/cloud-run/cloud-run.test.ts).
    routing: 'newest',
    initialInstances: spec.minInstances,
    pendingTimeout: spec.pendingTimeout ?? Math.max(10, 3.5 * coldStartMean),
    observers: [],
    start(): void {},
    noSlot(req: Request): void {
      const decision = decidePerRequest(spec, { event: 'arrival', active: control.active() }, sim.now);
      const fresh = decision.state === 'start' ? control.startInstance() : null;
      if (fresh === null) control.reject(req);
      else {
        control.hold(req);
        fresh.bound = req;
      }
    },
    idled(inst: Instance): void {
      // One timer per instance, pushed back by each request (one expiry: a second would retire it twice).
      inst.expiry ??= new Timer(sim, () => {
        if (decidePerRequest(spec, { event: 'expiry', active: control.active() }, sim.now).state === 'retire') control.retire(inst);
      });
      inst.expiry.arm(sim.now + spec.keepAlive);
    },
  };
}
