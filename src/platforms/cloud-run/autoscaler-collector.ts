import { TimeWeighted } from '../../numeric/time-weighted.js';
import type { LifecycleObserver } from '../lifecycle.js';

/**
 * What Cloud Run's and Knative's autoscalers measure, collected from the platform's lifecycle
 * on their own (not read from the output statistics): running integrals of requests in flight,
 * requests waiting, and vCPU in use. The policies read them at each evaluation and take
 * window means (metric-window.ts, metric-buckets.ts).
 */
export class AutoscalerCollector implements LifecycleObserver {
  private readonly inFlight = new TimeWeighted();
  private readonly queued = new TimeWeighted();
  private readonly cpu = new TimeWeighted();

  inFlightChanged(now: number, requests: number): void {
    this.inFlight.set(now, requests);
  }

  queueChanged(now: number, requests: number): void {
    this.queued.set(now, requests);
  }

  cpuInUseChanged(now: number, vcpu: number): void {
    this.cpu.set(now, vcpu);
  }

  /** Integral of concurrency (requests in flight plus waiting) from 0 to now. */
  concurrencyIntegral(now: number): number {
    return this.inFlight.integral(now) + this.queued.integral(now);
  }

  /** Integral of vCPU in use from 0 to now. */
  cpuIntegral(now: number): number {
    return this.cpu.integral(now);
  }
}
