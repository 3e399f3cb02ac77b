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
});
