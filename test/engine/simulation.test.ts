import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { streamFor } from '../../src/engine/streams.js';

describe('Simulation', () => {
  it('fires events in time order', () => {
    const sim = new Simulation(1);
    const log: number[] = [];
    for (const t of [5, 1, 3, 2, 4]) sim.at(t, () => log.push(sim.now));
    sim.run();
    expect(log).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps scheduling order among 10,000 events at one time (integer seq, not string ids)', () => {
    const sim = new Simulation(1);
    const log: number[] = [];
    for (let i = 0; i < 10_000; i++) sim.at(7, () => log.push(i));
    sim.run();
    expect(log).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });

  it('orders ties by scheduling order even when scheduled from inside events', () => {
    const sim = new Simulation(1);
    const log: string[] = [];
    sim.at(1, () => {
      log.push('a');
      sim.schedule(0, () => log.push('c'));
    });
    sim.at(1, () => log.push('b'));
    sim.run();
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('fires an event pushed late with a sequence number taken early in the place it took', () => {
    const sim = new Simulation(1);
    const log: string[] = [];
    const seq = sim.takeSeq();
    sim.at(5, () => log.push('b'));
    sim.at(5, () => log.push('c'));
    sim.at(1, () => sim.pushWithSeq(5, seq, () => log.push('a')));
    sim.run();
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('cancels events lazily and counts only live ones', () => {
    const sim = new Simulation(1);
    const log: number[] = [];
    const e = sim.at(2, () => log.push(2));
    sim.at(3, () => log.push(3));
    expect(sim.pending).toBe(2);
    sim.cancel(e);
    sim.cancel(e);
    expect(sim.pending).toBe(1);
    expect(sim.peek()).toBe(3);
    sim.run();
    expect(log).toEqual([3]);
  });

  it('run(until) fires events at until, stops before later ones and sets the clock', () => {
    const sim = new Simulation(1);
    const log: number[] = [];
    sim.at(10, () => log.push(10));
    sim.at(10.5, () => log.push(10.5));
    sim.run(10);
    expect(log).toEqual([10]);
    expect(sim.now).toBe(10);
    sim.run(20);
    expect(log).toEqual([10, 10.5]);
    expect(sim.now).toBe(20);
  });

  it('step fires one event at a time', () => {
    const sim = new Simulation(1);
    sim.at(1, () => {});
    sim.at(2, () => {});
    expect(sim.step()).toBe(true);
    expect(sim.now).toBe(1);
    expect(sim.step()).toBe(true);
    expect(sim.step()).toBe(false);
  });

  it('refuses to schedule in the past', () => {
    const sim = new Simulation(1);
    sim.at(5, () => {});
    sim.run();
    expect(() => sim.at(4, () => {})).toThrow(RangeError);
    expect(() => sim.schedule(NaN, () => {})).toThrow(RangeError);
  });

  it('keeps two simulations independent', () => {
    const a = new Simulation(1);
    const b = new Simulation(1);
    a.at(1, () => {});
    expect(b.pending).toBe(0);
    expect(a.streams.get('x')()).toBe(b.streams.get('x')());
  });
});

describe('random streams', () => {
  it('gives the same sequence for the same seed and name, different for other names or seeds', () => {
    const draws = (seed: number, name: string) => {
      const rng = streamFor(seed, name);
      return [rng(), rng(), rng()];
    };
    expect(draws(42, 'arrivals')).toEqual(draws(42, 'arrivals'));
    expect(draws(42, 'arrivals')).not.toEqual(draws(42, 'requests'));
    expect(draws(42, 'arrivals')).not.toEqual(draws(43, 'arrivals'));
  });

  it('is not shifted by draws on another stream (common random numbers)', () => {
    const sim1 = new Simulation(7);
    const sim2 = new Simulation(7);
    for (let i = 0; i < 100; i++) sim2.streams.get('cloud-run/cold-start')();
    expect(sim1.streams.get('arrivals')()).toBe(sim2.streams.get('arrivals')());
  });

  it('fires an arrival-slot event in the same (time, seq) order as the heap would', () => {
    // Same script twice: arrivals through at() (the heap) and through arrive() (the slot).
    const script = (viaSlot: boolean): string[] => {
      const sim = new Simulation(1);
      const log: string[] = [];
      const arrive = (t: number, f: () => void): void => (viaSlot ? sim.arrive(t, f) : void sim.at(t, f));
      sim.at(1, () => log.push('a@1 (scheduled first)'));
      arrive(1, () => {
        log.push('arrival@1');
        // Ties at 2: the heap event scheduled before the next arrival fires before it, the one after, after it.
        sim.at(2, () => log.push('b@2 (before the arrival)'));
        arrive(2, () => {
          log.push('arrival@2');
          arrive(2.5, () => log.push('arrival@2.5'));
        });
        sim.at(2, () => log.push('c@2 (after the arrival)'));
      });
      sim.at(1, () => log.push('d@1 (scheduled last)'));
      const cancelled = sim.at(2.5, () => log.push('never'));
      sim.cancel(cancelled);
      sim.run(2.2);
      log.push(`pending ${sim.pending}, next at ${sim.peek()}`);
      sim.step();
      log.push(`pending ${sim.pending}, now ${sim.now}, step ${sim.step()}`);
      return log;
    };
    const expected = [
      'a@1 (scheduled first)',
      'arrival@1',
      'd@1 (scheduled last)',
      'b@2 (before the arrival)',
      'arrival@2',
      'c@2 (after the arrival)',
      'pending 1, next at 2.5',
      'arrival@2.5',
      'pending 0, now 2.5, step false',
    ];
    expect(script(false)).toEqual(expected);
    expect(script(true)).toEqual(expected);
  });

  it('holds one arrival at a time and never one in the past', () => {
    const sim = new Simulation(1);
    sim.arrive(1, () => {});
    expect(() => sim.arrive(2, () => {})).toThrow(/one at a time/);
    sim.run(1);
    expect(() => sim.arrive(0.5, () => {})).toThrow(RangeError);
  });

  it('reuses the objects of fired scheduleCall events without changing the order or the arguments', () => {
    // Each call schedules two more, at times that tie with each other and with schedule()'s
    // events (some cancelled), so reused objects go back into the heap beside fresh ones. The
    // same script with a closure per event (schedule(), never reused) is the reference.
    const run = (pooled: boolean): string[] => {
      const sim = new Simulation(1);
      const log: string[] = [];
      const later = (delay: number, n: number): void => {
        if (pooled) sim.scheduleCall(delay, call, n);
        else sim.schedule(delay, () => call(n));
      };
      const call = (n: number): void => {
        log.push(`${n}@${sim.now}`);
        if (n >= 200) return;
        later((n % 3) * 0.5, 2 * n + 1);
        later((n % 2) * 0.5, 2 * n + 2);
        const other = sim.schedule((n % 3) * 0.5, () => log.push(`closure ${n}@${sim.now}`));
        if (n % 4 === 0) sim.cancel(other);
      };
      later(0, 0);
      sim.run();
      return log;
    };
    const log = run(true);
    expect(log).toEqual(run(false));
    const calls = log.filter((l) => !l.startsWith('closure')).map((l) => Number(l.split('@')[0]));
    expect([...calls].sort((a, b) => a - b)).toEqual(Array.from({ length: 401 }, (_, i) => i));
    expect(log.filter((l) => l.startsWith('closure'))).toHaveLength(150);
  });
});
