import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation.js';
import { ProcessorSharingServer } from '../../../src/platforms/server/processor-sharing.js';

function run(capacity: number, jobs: [at: number, work: number][]) {
  const sim = new Simulation(1);
  const done: [number, number][] = [];
  const busy: [number, number][] = [];
  let vcpu = 0;
  const server = new ProcessorSharingServer<number>(
    sim,
    capacity,
    (i) => done.push([i, sim.now]),
    (now, delta) => {
      vcpu += delta;
      busy.push([now, vcpu]);
    },
  );
  jobs.forEach(([at, work], i) => sim.at(at, () => server.submit(work, i)));
  sim.run();
  return { done, busy, server };
}

describe('ProcessorSharingServer', () => {
  it('shares one vCPU equally: 1 s and 2 s jobs at t=0 finish at 2 and 3', () => {
    const { done } = run(1, [
      [0, 1],
      [0, 2],
    ]);
    expect(done).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('never gives one job more than one vCPU', () => {
    const { done } = run(4, [[0, 1.5]]);
    expect(done).toEqual([[0, 1.5]]);
  });

  it('runs up to capacity jobs at full speed, slows beyond', () => {
    // capacity 2, three jobs of 1 s: each gets 2/3 vCPU -> all done at 1.5 s.
    const { done, busy } = run(2, [
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    expect(done.map(([, t]) => t)).toEqual([1.5, 1.5, 1.5]);
    expect(busy[busy.length - 1]).toEqual([1.5, 0]);
    expect(Math.max(...busy.map(([, v]) => v))).toBe(2);
  });

  it('handles a job arriving mid-way (exact event log)', () => {
    // capacity 1: A (2 s) at 0 runs alone to t=1 (1 s left); B (0.5 s) at 1 shares:
    // B done after 1 s more (t=2), A then has 0.5 s left alone -> t=2.5.
    const { done } = run(1, [
      [0, 2],
      [1, 0.5],
    ]);
    expect(done).toEqual([
      [1, 2],
      [0, 2.5],
    ]);
  });

  it('completes zero work at once', () => {
    const { done } = run(1, [[3, 0]]);
    expect(done).toEqual([[0, 3]]);
  });

  it('reports fractional capacity as vCPU in use', () => {
    const { busy } = run(0.5, [[0, 1]]);
    expect(busy).toEqual([
      [0, 0.5],
      [2, 0],
    ]);
  });

  it('applies a capacity change to jobs in progress', () => {
    const sim = new Simulation(1);
    const done: number[] = [];
    const server = new ProcessorSharingServer<number>(sim, 2, () => done.push(sim.now));
    // Two jobs of 2 s on 2 vCPU; at t=1 capacity drops to 1: 1 s left each at 0.5 -> t=3.
    sim.at(0, () => {
      server.submit(2, 0);
      server.submit(2, 1);
    });
    sim.at(1, () => server.setCapacity(1));
    sim.run();
    expect(done).toEqual([3, 3]);
  });
});

describe('ProcessorSharingServer, dedicated mode (at most capacity jobs)', () => {
  it('finishes every job exactly as the shared path does when jobs never exceed capacity', () => {
    const jobs: [number, number][] = [
      [0, 1.5],
      [0.2, 0.3],
      [0.4, 2],
      [1, 0.7],
      [3, 1],
    ];
    const runWith = (maxConcurrent: number) => {
      const sim = new Simulation(1);
      const done: [number, number][] = [];
      let vcpu = 0;
      const peak: number[] = [];
      const server = new ProcessorSharingServer<number>(
        sim,
        3,
        (i) => done.push([i, sim.now]),
        (_now, delta) => peak.push((vcpu += delta)),
        maxConcurrent,
      );
      jobs.forEach(([at, work], i) => sim.at(at, () => server.submit(work, i)));
      sim.run();
      return { done, peak: Math.max(...peak), last: vcpu };
    };
    const dedicated = runWith(3);
    const shared = runWith(Infinity);
    expect(dedicated.done).toEqual(shared.done);
    expect(dedicated.peak).toBe(3);
    expect(dedicated.last).toBe(0);
  });
});
