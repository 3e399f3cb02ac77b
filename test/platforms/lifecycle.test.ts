import { describe, expect, it } from 'vitest';
import { Lifecycle, type LifecycleObserver } from '../../src/platforms/lifecycle.js';

describe('Lifecycle', () => {
  it('calls each hook on the observers that implement it, in the order given', () => {
    const calls: string[] = [];
    const a: LifecycleObserver = { inFlightChanged: (t, n) => calls.push(`a in-flight ${t} ${n}`) };
    const b: LifecycleObserver = {
      inFlightChanged: (t, n) => calls.push(`b in-flight ${t} ${n}`),
      runEnded: (t) => calls.push(`b end ${t}`),
    };
    const lifecycle = new Lifecycle([a, b]);
    lifecycle.inFlightChanged(1, 2);
    lifecycle.queueChanged(1, 3); // nobody listens: nothing happens
    lifecycle.runEnded(5);
    expect(calls).toEqual(['a in-flight 1 2', 'b in-flight 1 2', 'b end 5']);
    expect(lifecycle.has('queueChanged')).toBe(false);
    expect(lifecycle.has('runEnded')).toBe(true);
  });

  it('calls class-based observers as methods (their `this` intact)', () => {
    class Counter implements LifecycleObserver {
      n = 0;
      requestArrived(): void {
        this.n++;
      }
    }
    const c = new Counter();
    const lifecycle = new Lifecycle([c]);
    lifecycle.requestArrived(0, { id: 0, arrival: 0, cpu: 0, io: 0, bytes: 0 });
    lifecycle.requestArrived(1, { id: 1, arrival: 1, cpu: 0, io: 0, bytes: 0 });
    expect(c.n).toBe(2);
  });

  it('dispatches every hook of the interface to an observer that implements them all', () => {
    const hit: string[] = [];
    const inst = { id: 0, createdAt: 0 };
    const req = { id: 0, arrival: 0, cpu: 0, io: 0, bytes: 0 };
    // Typed as Required: a hook added to LifecycleObserver fails to compile here until listed.
    const all: Required<LifecycleObserver> = {
      instanceCreated: () => void hit.push('instanceCreated'),
      instanceReady: () => void hit.push('instanceReady'),
      instanceBusy: () => void hit.push('instanceBusy'),
      instanceIdle: () => void hit.push('instanceIdle'),
      instanceStopping: () => void hit.push('instanceStopping'),
      instanceGone: () => void hit.push('instanceGone'),
      boostChanged: () => void hit.push('boostChanged'),
      instanceCounts: () => void hit.push('instanceCounts'),
      requestArrived: () => void hit.push('requestArrived'),
      requestStarted: () => void hit.push('requestStarted'),
      requestServed: () => void hit.push('requestServed'),
      requestEnded: () => void hit.push('requestEnded'),
      inFlightChanged: () => void hit.push('inFlightChanged'),
      queueChanged: () => void hit.push('queueChanged'),
      cpuInUseChanged: () => void hit.push('cpuInUseChanged'),
      cpuCapacityChanged: () => void hit.push('cpuCapacityChanged'),
      runEnded: () => void hit.push('runEnded'),
    };
    const l = new Lifecycle([all]);
    l.instanceCreated(0, inst, true);
    l.instanceReady(0, inst);
    l.instanceBusy(0, inst);
    l.instanceIdle(0, inst);
    l.instanceStopping(0, inst, 0);
    l.instanceGone(0, inst, false);
    l.boostChanged(0, inst, true);
    l.instanceCounts(0, 0, 0, 0);
    l.requestArrived(0, req);
    l.requestStarted(0, req, false);
    l.requestServed(0, req);
    l.requestEnded(0, req, 'completed');
    l.inFlightChanged(0, 0);
    l.queueChanged(0, 0);
    l.cpuInUseChanged(0, 0);
    l.cpuCapacityChanged(0, 0);
    l.runEnded(0);
    expect(hit).toEqual(Object.keys(all));
    for (const hook of Object.keys(all) as (keyof LifecycleObserver)[]) expect(l.has(hook)).toBe(true);
  });
});

