import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { streamFor } from '../../src/engine/streams.js';
import { Timer } from '../../src/engine/timer.js';

describe('Timer', () => {
  it('runs its action at the time of the last arm, re-armed later', () => {
    const sim = new Simulation(1);
    const fired: number[] = [];
    const timer = new Timer(sim, () => fired.push(sim.now));
    timer.arm(10);
    sim.at(4, () => timer.arm(14));
    sim.at(9, () => timer.arm(19));
    sim.run();
    expect(fired).toEqual([19]);
    expect(timer.armed).toBe(false);
  });

  it('runs at an earlier time when re-armed earlier, and not at all when disarmed', () => {
    const sim = new Simulation(1);
    const fired: string[] = [];
    const a = new Timer(sim, () => fired.push(`a@${sim.now}`));
    const b = new Timer(sim, () => fired.push(`b@${sim.now}`));
    a.arm(10);
    sim.at(2, () => a.arm(5));
    b.arm(3);
    sim.at(1, () => b.disarm());
    sim.run();
    expect(fired).toEqual(['a@5']);
  });

  it('keeps one pending event however often it is pushed back (a dead one per re-arm before)', () => {
    const sim = new Simulation(1);
    const timer = new Timer(sim, () => {});
    for (let i = 0; i < 1000; i++) {
      sim.at(i, () => {
        timer.disarm();
        timer.arm(sim.now + 600);
      });
    }
    sim.run(999);
    // The timer's one wake-up, nothing else: cancel and schedule each time would leave the
    // 600 expiries of the last 600 seconds in the heap, all but one of them cancelled.
    expect(sim.pending).toBe(1);
    expect(sim.heapSize).toBe(1);
  });

  it('fires when and as often as cancel-and-reschedule does, over random arm and disarm sequences', () => {
    const rng = streamFor(7, 'timer-test');
    for (let run = 0; run < 50; run++) {
      const lazy = new Simulation(1);
      const eager = new Simulation(1);
      const lazyFired: number[] = [];
      const eagerFired: number[] = [];
      const timer = new Timer(lazy, () => lazyFired.push(lazy.now));
      let pending: ReturnType<Simulation['at']> | null = null;
      let t = 0;
      for (let k = 0; k < 40; k++) {
        t += rng() * 5;
        const keepAlive = rng() * 8;
        const disarm = rng() < 0.3;
        lazy.at(t, () => (disarm ? timer.disarm() : timer.arm(lazy.now + keepAlive)));
        eager.at(t, () => {
          eager.cancel(pending);
          pending = disarm
            ? null
            : eager.schedule(keepAlive, () => {
                pending = null;
                eagerFired.push(eager.now);
              });
        });
      }
      lazy.run();
      eager.run();
      expect(lazyFired).toEqual(eagerFired);
    }
  });

  it('refuses a time before now', () => {
    const sim = new Simulation(1);
    const timer = new Timer(sim, () => {});
    sim.run(5);
    expect(() => timer.arm(4)).toThrow(/before now/);
  });
});
