import type { Rng } from '../../engine/streams.js';
import { exponential } from '../../random/exponential.js';
import type { PreemptionSpec } from '../../scenario/types.js';

/**
 * Spot preemption as a fault model (docs/gcp-facts.md, Spot rules): each VM is preempted
 * after an exponential running time of mean `meanTimeToPreemption` (a Poisson process per VM,
 * memoryless, so one draw at each creation is the whole process), gets `noticePeriod` seconds
 * of notice (30 s on Compute Engine), then stops. The platform (vm-fleet.ts) takes the VM out
 * of the load balancer at the notice, fails what it still holds at the stop, and boots it again
 * when `restart`. Draws come from the platform's `<name>/preemption` stream only, so turning
 * preemption on shifts no other stream. Tests: test/platforms/vm/spot.test.ts.
 */
export interface PreemptionPlan {
  /** When the notice arrives: the VM leaves the load balancer. */
  readonly notice: number;
  /** When the VM stops: requests it still holds fail. */
  readonly stop: number;
}

/**
 * The preemption of a VM created at `createdAt`: notice at createdAt + Exp(mean), stop
 * `noticePeriod` later. Example: mean 3600 s and a uniform draw u = 0.5 give a notice at
 * createdAt + 3600 x ln 2 = createdAt + 2495.3 s and a stop 30 s after it.
 */
export function planPreemption(spec: PreemptionSpec, createdAt: number, rng: Rng): PreemptionPlan {
  const notice = createdAt + exponential(spec.meanTimeToPreemption).sample(rng);
  return { notice, stop: notice + spec.noticePeriod };
}

