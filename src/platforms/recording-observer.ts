import type { Request } from '../workload/request.js';
import type { LifecycleInstance, LifecycleObserver, RequestOutcome } from './lifecycle.js';

/**
 * Writes down every lifecycle event as one line, `t=<now> <event> <details>`, so that a test can
 * assert a platform's exact event log (test/platforms/lifecycle-log.test.ts). Times print with
 * up to 6 decimals; instances as #id, requests as r<id>.
 */
export class RecordingObserver implements Required<LifecycleObserver> {
  readonly log: string[] = [];

  private add(now: number, what: string): void {
    this.log.push(`t=${+now.toFixed(6)} ${what}`);
  }

  instanceCreated(now: number, inst: LifecycleInstance, started: boolean): void {
    this.add(now, `instance-created #${inst.id}${started ? '' : ' (running at time 0)'}`);
  }
  instanceReady(now: number, inst: LifecycleInstance): void {
    this.add(now, `instance-ready #${inst.id}`);
  }
  instanceBusy(now: number, inst: LifecycleInstance): void {
    this.add(now, `instance-busy #${inst.id}`);
  }
  instanceIdle(now: number, inst: LifecycleInstance): void {
    this.add(now, `instance-idle #${inst.id}`);
  }
  instanceStopping(now: number, inst: LifecycleInstance, exit: number): void {
    this.add(now, `instance-stopping #${inst.id} exit in ${+exit.toFixed(6)}`);
  }
  instanceGone(now: number, inst: LifecycleInstance, preempted: boolean): void {
    this.add(now, `instance-gone #${inst.id}${preempted ? ' (preempted)' : ''}`);
  }
  boostChanged(now: number, inst: LifecycleInstance, on: boolean): void {
    this.add(now, `boost-${on ? 'on' : 'off'} #${inst.id}`);
  }
  instanceCounts(now: number, starting: number, busy: number, idle: number): void {
    this.add(now, `instances starting=${starting} busy=${busy} idle=${idle}`);
  }
  requestArrived(now: number, req: Request): void {
    this.add(now, `request-arrived r${req.id}`);
  }
  requestStarted(now: number, req: Request, cold: boolean): void {
    this.add(now, `request-started r${req.id}${cold ? ' cold' : ''}`);
  }
  requestServed(now: number, req: Request): void {
    this.add(now, `request-served r${req.id}`);
  }
  requestEnded(now: number, req: Request, outcome: RequestOutcome): void {
    this.add(now, `request-ended r${req.id} ${outcome}`);
  }
  inFlightChanged(now: number, requests: number): void {
    this.add(now, `in-flight ${requests}`);
  }
  queueChanged(now: number, requests: number): void {
    this.add(now, `queued ${requests}`);
  }
  cpuInUseChanged(now: number, vcpu: number): void {
    this.add(now, `cpu-in-use ${+vcpu.toFixed(6)}`);
  }
  cpuCapacityChanged(now: number, vcpu: number): void {
    this.add(now, `cpu-capacity ${+vcpu.toFixed(6)}`);
  }
  runEnded(now: number): void {
    this.add(now, 'run-ended');
  }
}
