import type { CloudRunSpec } from '../../scenario/types.js';
import type { Request } from '../../workload/request.js';
import { AutoscalerCollector } from './autoscaler-collector.js';
import { initialKnativeState, knativeDecide, knativePanicWindow, type KnativeSpec } from './knative.js';
import { MetricBuckets } from './metric-buckets.js';
import type { CloudRunControl, ScalingPolicy } from './scaling-policy.js';

/**
 * Autoscaler `knative`: the Knative Pod Autoscaler (knative.ts) every `tickInterval` over 1-s
 * buckets of concurrency; the activator holds requests that find no free slot (up to the
 * request timeout, then 503) and, from zero, starts the activation scale at once.
 */
export function knativePolicy(spec: CloudRunSpec, control: CloudRunControl): ScalingPolicy {
  const sim = control.sim;
  const collector = new AutoscalerCollector();
  const kpa: KnativeSpec = {
    ...spec.knative,
    containerConcurrency: spec.concurrency,
    minScale: spec.minInstances,
    maxScale: spec.maxInstances,
  };
  const activationScale = spec.knative.activationScale ?? 1;
  const buckets = new MetricBuckets(kpa.stableWindow);
  const panicWindow = knativePanicWindow(kpa);
  let state = initialKnativeState;

  /**
   * Starts instances up to `desired`, or removes ready ones down to it. Kubernetes' ReplicaSet
   * deletes the most recently started pods first, busy or not (knative/serving does not look at
   * in-flight requests), so the newest ready instances go: idle ones at once, busy ones drain.
   */
  const scaleTo = (desired: number): void => {
    for (let n = control.active(); n < desired; n++) control.startInstance();
    let surplus = control.active() - desired;
    if (surplus <= 0) return;
    const ready = [...control.allInstances()].filter((i) => i.state === 'ready').sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    for (const inst of ready) {
      if (surplus-- <= 0) break;
      if (inst.inFlight === 0) control.retire(inst);
      else control.drain(inst);
    }
  };

  const tick = (): void => {
    const now = sim.now;
    // Concurrency as the KPA sees it: requests in instances plus those the activator holds.
    buckets.recordIntegral(now, collector.concurrencyIntegral(now));
    const { decision, next } = knativeDecide(
      kpa,
      {
        state,
        stableConcurrency: buckets.windowAverage(now, kpa.stableWindow),
        panicConcurrency: buckets.windowAverage(now, panicWindow),
        readyPods: control.ready(),
      },
      now,
    );
    state = next;
    if (decision.state === 'scale') {
      // From zero, at least the activation scale (`activation-scale`, default 1).
      const from0 = control.active() === 0 && decision.desired > 0;
      scaleTo(from0 ? Math.max(decision.desired, activationScale) : decision.desired);
    }
    sim.schedule(kpa.tickInterval, tick);
  };

  return {
    routing: spec.routing,
    // Knative starts a revision at its initial scale (default 1), min scale at least.
    initialInstances: Math.max(spec.minInstances, spec.knative.initialScale ?? 1),
    // Knative's activator holds a request up to the request timeout (then 503).
    pendingTimeout: spec.pendingTimeout ?? spec.requestTimeout,
    observers: [collector],
    start(): void {
      sim.schedule(kpa.tickInterval, tick);
    },
    noSlot(req: Request): void {
      control.hold(req);
      control.enqueue(req);
      // The activator holds the request; from zero it pokes the autoscaler at once, which
      // scales to at least the activation scale.
      if (control.active() === 0) for (let i = 0; i < activationScale; i++) control.startInstance();
    },
    idled(): void {},
  };
}
