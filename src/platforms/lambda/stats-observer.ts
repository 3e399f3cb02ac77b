import type { PlatformStats } from '../../metrics/platform-stats.js';
import type { Request } from '../../workload/request.js';
import type { LifecycleInstance, LifecycleObserver, RequestOutcome } from '../lifecycle.js';

/**
 * The output statistics of a platform as a lifecycle observer: each announcement becomes the
 * PlatformStats call it stands for.
 */
export class StatsObserver implements LifecycleObserver {
  constructor(private readonly stats: PlatformStats) {}

  instanceCreated(now: number, _inst: LifecycleInstance, started: boolean): void {
    if (started) this.stats.instanceStarted(now);
  }
  instanceCounts(now: number, starting: number, busy: number, idle: number): void {
    this.stats.instances(now, starting, busy, idle);
  }
  requestArrived(_now: number, req: Request): void {
    this.stats.arrived(req);
  }
  requestStarted(now: number, req: Request, cold: boolean): void {
    this.stats.started(req, now - req.arrival, cold);
  }
  requestEnded(now: number, req: Request, outcome: RequestOutcome): void {
    switch (outcome) {
      case 'completed':
        return this.stats.completed(req, now);
      case 'rejected':
        return this.stats.rejected(req);
      case 'timed-out':
        return this.stats.timedOut(req);
      case 'failed':
        return this.stats.failed(req);
      case 'unfinished':
        return this.stats.unfinished(req);
    }
  }
  inFlight(now: number, requests: number): void {
    this.stats.inFlight.set(now, requests);
  }
  queueLength(now: number, requests: number): void {
    this.stats.queued.set(now, requests);
  }
  cpuInUse(now: number, vcpu: number): void {
    this.stats.cpuBusy.set(now, vcpu);
  }
  cpuCapacity(now: number, vcpu: number): void {
    this.stats.cpuCapacity.set(now, vcpu);
  }
}
