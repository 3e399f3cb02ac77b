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

  it('fires when, as often and in the same order among simultaneous events as cancel-and-schedule, over random scripts on integer times', () => {
    const rng = streamFor(7, 'timer-test');
    const pick = (n: number): number => Math.floor(rng() * n);
    for (let run = 0; run < 200; run++) {
      // One script, played on both: at integer times (ties everywhere), each step arms or
      // disarms one of three timers, or schedules a plain event, from inside an event.
      const script = Array.from({ length: 60 }, () => ({ at: pick(40), timer: pick(3), op: pick(4), delay: pick(6) }));
      const play = (lazy: boolean): string[] => {
        const sim = new Simulation(1);
        const log: string[] = [];
        const timers = [0, 1, 2].map((i) => new Timer(sim, () => log.push(`t${i}@${sim.now}`)));
        const pending: (ReturnType<Simulation['at']> | null)[] = [null, null, null];
        for (const [k, step] of script.entries()) {
          sim.at(step.at, () => {
            const i = step.timer;
            if (step.op === 3) {
              sim.schedule(step.delay, () => log.push(`e${k}@${sim.now}`));
            } else if (lazy) {
              if (step.op === 0) timers[i]!.disarm();
              else timers[i]!.arm(sim.now + step.delay);
            } else {
              sim.cancel(pending[i]);
              pending[i] =
                step.op === 0
                  ? null
                  : sim.schedule(step.delay, () => {
                      pending[i] = null;
                      log.push(`t${i}@${sim.now}`);
                    });
            }
          });
        }
        sim.run();
        return log;
      };
      const eager = play(false);
      expect(eager.some((e) => e.startsWith('t'))).toBe(true);
      expect(play(true)).toEqual(eager);
    }
  });

  it('refuses a time before now', () => {
    const sim = new Simulation(1);
    const timer = new Timer(sim, () => {});
    sim.run(5);
    expect(() => timer.arm(4)).toThrow(/before now/);
  });
});
