import type { LifecycleInstance, LifecycleObserver } from '../lifecycle.js';

/** One VM's vCPU in use and its integral, as the collector tracks them. */
interface CpuMeter {
  /** vCPU in use now. */
  busy: number;
  /** Integral of `busy` up to `since`. */
  integral: number;
  since: number;
  /** Integral reading and time where the current window started. */
  windowIntegral: number;
  windowStart: number;
}

/**
 * What the managed instance group autoscaler measures (mig-autoscaler.ts): each VM's vCPU in
 * use, integrated over time, and its mean over each evaluation window. This is the collector's
 * own state, not the VM's (as Cloud Run's autoscaler-collector.ts keeps its own integrals).
 *
 * It follows the VMs through the fleet's lifecycle (created, ready, gone). The lifecycle reports
 * vCPU in use summed over the fleet only, so the fleet feeds each VM's changes from that VM's
 * server (`cpuChanged`), and only when autoscaling is on: without an autoscaler nothing is
 * measured. The first window of a VM runs from its creation (the VMs of time 0) or from the end
 * of its boot (instanceReady): its utilisation counts from when it serves.
 *
 * Tests: test/platforms/vm/mig-collector.test.ts.
 */
export class MigCollector implements LifecycleObserver {
  /** By VM id (0, 1, 2, ... per platform): an array, not a Map, as this runs on every CPU change. */
  private readonly meters: (CpuMeter | undefined)[] = [];

  instanceCreated(_now: number, inst: LifecycleInstance): void {
    const t = inst.createdAt;
    this.meters[inst.id] = { busy: 0, integral: 0, since: t, windowIntegral: 0, windowStart: t };
  }

  instanceReady(now: number, inst: LifecycleInstance): void {
    this.windowMean(inst, now); // a new window from now
  }

  instanceGone(_now: number, inst: LifecycleInstance): void {
    this.meters[inst.id] = undefined;
  }

  /** vCPU in use on `inst` changed by `delta` at `now` (its server's busy-hook). */
  cpuChanged(inst: LifecycleInstance, now: number, delta: number): void {
    const m = this.meters[inst.id]!;
    m.integral += m.busy * (now - m.since);
    m.since = now;
    m.busy += delta;
  }

  /**
   * Mean vCPU in use on `inst` since the last call (or since its window started), and starts
   * the next window at `now`. Null for a window of zero length.
   */
  windowMean(inst: LifecycleInstance, now: number): number | null {
    const m = this.meters[inst.id]!;
    const integral = m.integral + m.busy * (now - m.since);
    const span = now - m.windowStart;
    const mean = span > 0 ? (integral - m.windowIntegral) / span : null;
    m.windowIntegral = integral;
    m.windowStart = now;
    return mean;
  }
}
