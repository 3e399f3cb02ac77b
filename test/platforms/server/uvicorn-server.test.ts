import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation.js';
import { SharedCpu, type CpuSegment } from '../../../src/platforms/server/shared-cpu.js';
import { syncChooser } from '../../../src/platforms/server/sync-share.js';
import { UvicornServer, type UvicornOptions } from '../../../src/platforms/server/uvicorn-server.js';
import type { Request } from '../../../src/workload/request.js';

const req = (id: number, cpu: number, io = 0): Request => ({ id, arrival: 0, cpu, io, bytes: 0 });

/** A server on a fresh simulation, logging (id, done time) and the vCPU in use over time. */
function harness(options: Partial<UvicornOptions> = {}, seed = 1) {
  const sim = new Simulation(seed);
  const done: [number, number][] = [];
  let busy = 0;
  const busyLog: [number, number][] = [];
  const server = new UvicornServer(
    sim,
    { workers: 1, vcpu: 1, syncShare: 0, threads: 40, switchInterval: 0.1, ...options },
    {
      done: (r) => done.push([r.id, round(sim.now)]),
      busyChanged: (now, d) => {
        busy += d;
        busyLog.push([round(now), round(busy)]);
      },
    },
  );
  const at = (t: number, r: Request) => sim.at(t, () => server.submit(r.cpu, r));
  return { sim, server, done, busyLog, at, busy: () => busy };
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;

describe('SharedCpu: worker processes on the instance vCPU', () => {
  it('two segments of 1 and 2 on 1 vCPU share it: ends at t = 2 and t = 3', () => {
    const sim = new Simulation(1);
    const ends: [number, number][] = [];
    const seg = (order: number): CpuSegment => ({ heapIndex: -1, start: 0, work: 0, end: 0, order });
    const cpu = new SharedCpu(sim, 1, (s) => ends.push([s.order, sim.now]), () => {});
    cpu.run(seg(0), 1);
    cpu.run(seg(1), 2);
    sim.run();
    // 0.5 vCPU each until V = 1 at t = 2; then the second alone at rate 1: V = 2 at t = 3.
    expect(ends).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });
  it('a segment cut short ends early; capacity 2 gives each of two a whole vCPU', () => {
    const sim = new Simulation(1);
    const ends: [number, number][] = [];
    const a: CpuSegment = { heapIndex: -1, start: 0, work: 0, end: 0, order: 0 };
    const cpu = new SharedCpu(sim, 2, (s) => ends.push([s.order, sim.now]), () => {});
    cpu.run(a, 5);
    sim.at(1, () => cpu.shorten(a, 1.5)); // 1 done at t = 1, 0.5 more: ends t = 1.5
    sim.run();
    expect(ends).toEqual([[0, 1.5]]);
  });
});

describe('UvicornServer, asyncio (all async def)', () => {
  it('one worker runs CPU phases first come first served: 1 s then 0.1 s end at 1 and 1.1', () => {
    const h = harness();
    h.at(0, req(0, 1));
    h.at(0, req(1, 0.1));
    h.sim.run();
    // Processor sharing would finish the short one at 0.2 and the long one at 1.1.
    expect(h.done).toEqual([
      [0, 1],
      [1, 1.1],
    ]);
  });
  it('I/O waits interleave: a request in I/O leaves the loop to the next one', () => {
    const h = harness();
    h.at(0, req(0, 1, 5));
    h.at(0, req(1, 1, 0));
    h.sim.run();
    // 0: CPU 0-1, I/O 1-6. 1: CPU 1-2.
    expect(h.done).toEqual([
      [1, 2],
      [0, 6],
    ]);
  });
  it("an answer whose I/O ends while the loop computes is sent when the loop is free", () => {
    const h = harness();
    h.at(0, req(0, 0.5, 0.5)); // I/O ends at 1.0
    h.at(0.25, req(1, 2)); // CPU 0.5-2.5 holds the loop
    h.sim.run();
    expect(h.done).toEqual([
      [1, 2.5],
      [0, 2.5],
    ]);
  });
  it('c workers take from one accept queue: 2 workers, 2 vCPU, three 1 s requests end at 1, 1, 2', () => {
    const h = harness({ workers: 2, vcpu: 2 });
    for (let i = 0; i < 3; i++) h.at(0, req(i, 1));
    h.sim.run();
    expect(h.done).toEqual([
      [0, 1],
      [1, 1],
      [2, 2],
    ]);
    expect(h.busyLog).toEqual([
      [0, 1],
      [0, 2],
      [1, 1],
      [2, 0],
    ]);
  });
  it('2 workers on 1 vCPU share it: two 1 s requests both end at t = 2', () => {
    const h = harness({ workers: 2, vcpu: 1 });
    h.at(0, req(0, 1));
    h.at(0, req(1, 1));
    h.sim.run();
    expect(h.done).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(h.busyLog).toEqual([
      [0, 1],
      [2, 0],
    ]);
  });
  it('a capacity change mid-phase: 1 vCPU to 0.5 at t = 0.5 stretches the rest (0.5 s of work) to 1 s', () => {
    const h = harness({ vcpu: 1 });
    h.at(0, req(0, 1));
    h.sim.at(0.5, () => h.server.setCapacity(0.5));
    h.sim.run();
    expect(h.done).toEqual([[0, 1.5]]);
    expect(h.busyLog).toEqual([
      [0, 1],
      [0.5, 0.5],
      [1.5, 0],
    ]);
  });
});

describe('UvicornServer, thread pool (all def)', () => {
  it('the GIL switches every interval: 0.25 s and 0.15 s from t = 0 end at 0.4 and 0.35', () => {
    const h = harness({ syncShare: 1, switchInterval: 0.1 });
    h.at(0, req(0, 0.25));
    h.at(0, req(1, 0.15));
    h.sim.run();
    // A 0-0.1 (B waits, asks for a switch at 0.1), B 0.1-0.2, A 0.2-0.3, B 0.3-0.35 done,
    // A alone 0.35-0.4 done.
    expect(h.done).toEqual([
      [1, 0.35],
      [0, 0.4],
    ]);
    // One thread computes at a time: never more than 1 vCPU, whatever the vCPU count.
    expect(h.busyLog).toEqual([
      [0, 1],
      [0.4, 0],
    ]);
  });
  it('a lone holder is asked to switch one interval after another thread starts waiting', () => {
    const h = harness({ syncShare: 1, switchInterval: 0.1, vcpu: 4 });
    h.at(0, req(0, 1));
    h.at(0.5, req(1, 0.05));
    h.sim.run();
    // A alone to 0.6 (0.6 done), B 0.6-0.65, A 0.65-1.05.
    expect(h.done).toEqual([
      [1, 0.65],
      [0, 1.05],
    ]);
  });
  it('a request holds its thread through its I/O: with 1 thread the second waits for it', () => {
    const h = harness({ syncShare: 1, threads: 1 });
    h.at(0, req(0, 0.1, 1));
    h.at(0, req(1, 0.1, 0));
    h.sim.run();
    // 0: thread 0-1.1 (CPU 0-0.1, I/O 0.1-1.1). 1: thread from 1.1, CPU to 1.2.
    expect(h.done).toEqual([
      [0, 1.1],
      [1, 1.2],
    ]);
  });
  it('requests go to the least-loaded worker: two workers compute in parallel', () => {
    const h = harness({ syncShare: 1, workers: 2, vcpu: 2 });
    h.at(0, req(0, 1));
    h.at(0, req(1, 1));
    h.sim.run();
    expect(h.done).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });
});

describe('UvicornServer, mixed', () => {
  // Ids that the chooser makes sync and async for seed 1 at share 0.5.
  const isSync = syncChooser(1, 0.5);
  const ids = Array.from({ length: 64 }, (_, i) => i);
  const sync = ids.filter(isSync);
  const async = ids.filter((i) => !isSync(i));
  it('a loop busy computing accepts nothing: a sync request arriving then waits for it', () => {
    const h = harness({ syncShare: 0.5, switchInterval: 0.1 });
    h.at(0, req(async[0]!, 0.3));
    h.at(0, req(sync[0]!, 0.1));
    h.sim.run();
    // The loop computes 0-0.3 without a turn at accept(); then the sync one runs 0.3-0.4.
    expect(h.done).toEqual([
      [async[0]!, 0.3],
      [sync[0]!, 0.4],
    ]);
  });
  it('an async phase and a pool thread take turns on the GIL', () => {
    const h = harness({ syncShare: 0.5, switchInterval: 0.1 });
    h.at(0, req(sync[0]!, 0.3));
    h.at(0, req(async[0]!, 0.1));
    h.sim.run();
    // The thread computes and the loop, free, accepts the async one, which waits for the GIL:
    // thread 0-0.1, loop 0.1-0.2 (answered), thread 0.2-0.4.
    expect(h.done).toEqual([
      [async[0]!, 0.2],
      [sync[0]!, 0.4],
    ]);
  });
  it('the answer of a sync request waits while the loop computes', () => {
    const h = harness({ syncShare: 0.5, switchInterval: 0.1 });
    h.at(0, req(sync[0]!, 0.1));
    h.at(0, req(async[0]!, 0.3));
    h.sim.run();
    // Thread 0-0.1 (done: its answer needs the loop, which holds the async phase); loop
    // 0.1-0.4; then both answers at 0.4, the async one first.
    expect(h.done).toEqual([
      [async[0]!, 0.4],
      [sync[0]!, 0.4],
    ]);
  });
  it('chooses about the share asked for, independently of the id order', () => {
    const share = 0.3;
    const choose = syncChooser(42, share);
    const n = 200_000;
    let k = 0;
    let runs = 0; // sync-after-sync pairs: share^2 of consecutive pairs if independent
    let prev = false;
    for (let i = 0; i < n; i++) {
      const s = choose(i);
      if (s) k++;
      if (s && prev) runs++;
      prev = s;
    }
    // Binomial sd sqrt(n p (1-p)) = 205: 4 sd is 0.41 % of n.
    expect(Math.abs(k / n - share)).toBeLessThan((4 * Math.sqrt(n * share * (1 - share))) / n);
    // Pairs: mean n p^2 = 18000, sd about sqrt(n p^2 (1 + 2p - 3p^2)) = 170: 4 sd.
    expect(Math.abs(runs - n * share * share)).toBeLessThan(4 * Math.sqrt(n * share * share * (1 + 2 * share - 3 * share * share)));
    expect(syncChooser(1, 0)(5)).toBe(false);
    expect(syncChooser(1, 1)(5)).toBe(true);
  });
});
