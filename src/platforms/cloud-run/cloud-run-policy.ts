import type { CloudRunSpec } from '../../scenario/types.js';
import type { Request } from '../../workload/request.js';
import { AutoscalerCollector } from './autoscaler-collector.js';
import { decide, type ScalingSpec } from './autoscaler.js';
import { MetricWindow } from './metric-window.js';
import type { CloudRunControl, ScalingPolicy } from './scaling-policy.js';

/**
 * Autoscaler `cloud-run`: a request that finds no free slot waits in a FIFO pending queue (429
 * after the pending timeout) and starts an instance at once when the starting ones cannot
 * absorb the queue; a metric loop every `evaluationInterval` applies the pure decider in
 * autoscaler.ts (60 % targets over a 1-minute window, scale-in on the window's peak, idle cap
 * `maxIdle`).
 */
export function cloudRunPolicy(spec: CloudRunSpec, control: CloudRunControl, coldStartMean: number): ScalingPolicy {
  const sim = control.sim;
  const collector = new AutoscalerCollector();
  /** Recommendations (and on-demand starts) as [time, instances], for scale-in. */
  const history: [number, number][] = [];
  const scaling: ScalingSpec = spec;
  const concurrencyWindow = new MetricWindow(spec.metricWindow);
  const cpuWindow = new MetricWindow(spec.metricWindow);

  const tick = (): void => {
    const now = sim.now;
    const concurrency = concurrencyWindow.push(now, collector.concurrencyIntegral(now));
    const cpu = cpuWindow.push(now, collector.cpuIntegral(now));
    const idle = [...control.allInstances()].filter((i) => i.state === 'ready' && i.inFlight === 0);
    const decision = decide(scaling, { concurrency, cpu, active: control.active(), idle, history }, now);
    if (decision.state === 'scale') {
      while (history.length > 0 && history[0]![0] <= now - spec.scaleInDelay) history.shift();
      history.push([now, decision.recommended]);
      for (let n = control.active(); n < decision.scaleUpTo; n++) control.startInstance();
      const byId = new Map(idle.map((i) => [i.id, i]));
      for (const id of decision.retire) control.retire(byId.get(id)!);
    }
    sim.schedule(spec.evaluationInterval, tick);
  };

  return {
    routing: spec.routing,
    initialInstances: spec.minInstances,
    // Container contract: a request waits up to max(10 s, 3.5 x mean start-up time).
    pendingTimeout: spec.pendingTimeout ?? Math.max(10, 3.5 * coldStartMean),
    observers: [collector],
    start(): void {
      sim.schedule(spec.evaluationInterval, tick);
    },
    noSlot(req: Request): void {
      control.hold(req);
      control.enqueue(req);
      // On-demand start: only when the instances already starting cannot take the whole queue.
      // The start counts as a recommendation, so scale-in keeps the instance for scaleInDelay.
      if (control.pendingSize() > control.starting() * spec.concurrency && control.startInstance() !== null) {
        history.push([sim.now, control.active()]);
      }
    },
    idled(): void {},
  };
}
