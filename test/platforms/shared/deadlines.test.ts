import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation.js';
import { Deadlines } from '../../../src/platforms/shared/deadlines.js';
import type { Request } from '../../../src/workload/request.js';

const request = (id: number, arrival: number): Request => ({ id, arrival, cpu: 0, io: 0, bytes: 0, deadline: 0 });

describe('Deadlines', () => {
  it('times a held request out at arrival + timeout, once; settling it later returns false', () => {
    const sim = new Simulation(1);
    const out: string[] = [];
    const d = new Deadlines(sim, 10, (req) => out.push(`r${req.id} timed out at ${sim.now}`));
    const a = request(0, 0);
    const b = request(1, 2);
    sim.at(0, () => d.hold(a));
    sim.at(2, () => d.hold(b));
    sim.at(5, () => expect(d.settle(b)).toBe(true)); // b ends at 5, before its deadline (12)
    sim.run(30);
    expect(out).toEqual(['r0 timed out at 10']);
    expect(d.settle(a)).toBe(false);
    expect(d.settle(b)).toBe(false); // settled once already
    expect(d.size).toBe(0);
  });

  it('a response at exactly the deadline completes (the pass runs after the events due then)', () => {
    const sim = new Simulation(1);
    const timedOut: number[] = [];
    const d = new Deadlines(sim, 10, (req) => timedOut.push(req.id));
    const a = request(0, 0);
    sim.at(0, () => d.hold(a));
    let settled: boolean | null = null;
    sim.at(10, () => (settled = d.settle(a)));
    sim.run(20);
    expect(settled).toBe(true);
    expect(timedOut).toEqual([]);
  });

  it('lists the requests still held, oldest first, and counts them', () => {
    const sim = new Simulation(1);
    const d = new Deadlines(sim, Infinity, () => {});
    const rs = [0, 1, 2, 3].map((i) => request(i, i));
    for (const r of rs) d.hold(r);
    d.settle(rs[1]!);
    d.settle(rs[0]!);
    expect([...d.values()].map((r) => r.id)).toEqual([2, 3]);
    expect(d.size).toBe(2);
    expect(d.settle(request(9, 0))).toBe(false); // never held
  });

  it('times out requests held at the same instant in arrival order, skipping ended ones', () => {
    const sim = new Simulation(1);
    const out: number[] = [];
    const d = new Deadlines(sim, 5, (req) => out.push(req.id));
    const rs = [0, 1, 2].map((i) => request(i, 0));
    sim.at(0, () => rs.forEach((r) => d.hold(r)));
    sim.at(1, () => d.settle(rs[1]!));
    sim.run(10);
    expect(out).toEqual([0, 2]);
  });

  it('lets go of ended requests at once unless an older one still runs (no timeout-long FIFO of garbage)', () => {
    const sim = new Simulation(1);
    const d = new Deadlines(sim, 300, () => {});
    const [a, b, c] = [request(0, 0), request(1, 0), request(2, 0)];
    d.hold(a);
    d.hold(b);
    d.hold(c);
    expect(d.settle(b)).toBe(true);
    expect(d.retained).toBe(3); // a, the oldest, still runs: b waits behind it
    expect(d.settle(a)).toBe(true);
    expect(d.retained).toBe(1); // a and b leave together; c is held
    expect(d.settle(c)).toBe(true);
    expect(d.retained).toBe(0);
    expect([...d.values()]).toEqual([]);
  });

  it('a request off the list links to nothing, so one that runs on after its timeout keeps no later request alive', () => {
    const sim = new Simulation(1);
    const d = new Deadlines(sim, 10, () => {});
    const [a, b, c] = [request(0, 0), request(1, 1), request(2, 2)];
    sim.at(0, () => d.hold(a));
    sim.at(1, () => d.hold(b));
    sim.at(2, () => d.hold(c));
    sim.at(3, () => expect(d.settle(b)).toBe(true));
    sim.run(10.5); // a timed out at 10 (still running on its instance); b, ended, left with it
    expect(a.heldNext).toBeNull();
    expect(b.heldNext).toBeNull();
    expect(d.retained).toBe(1);
    expect([...d.values()]).toEqual([c]);
  });

  it('lists the held requests in arrival order, ended ones left out, with no timeout at all', () => {
    const d = new Deadlines(new Simulation(1), Infinity, () => {});
    const reqs = [0, 1, 2, 3, 4].map((i) => request(i, i));
    for (const r of reqs) d.hold(r);
    expect(d.settle(reqs[2]!)).toBe(true);
    expect(d.settle(reqs[0]!)).toBe(true);
    expect([...d.values()].map((r) => r.id)).toEqual([1, 3, 4]);
    expect(d.retained).toBe(4); // 0 left from the head; 2 waits behind 1
    expect(d.size).toBe(3);
  });
});
