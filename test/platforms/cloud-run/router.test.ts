import { describe, expect, it } from 'vitest';
import { createRouter, type Routable } from '../../../src/platforms/cloud-run/router.js';

interface Inst extends Routable {
  inFlight: number;
  cpuSaturated: boolean;
}
const inst = (id: number, inFlight: number, cpuSaturated = false): Inst => ({ id, inFlight, cpuSaturated, heapIndex: -1 });

describe('cpu-aware routing', () => {
  it('prefers an instance with spare CPU over a less loaded saturated one; least-loaded among equals', () => {
    const r = createRouter<Inst>('cpu-aware', 4, () => 0);
    const a = inst(0, 1, true); // one request, computing: saturated
    const b = inst(1, 3); // three requests, all in I/O: spare CPU
    const c = inst(2, 2);
    for (const i of [a, b, c]) r.add(i);
    expect(r.pick()).toBe(c);
    c.inFlight = 4; // full: out of the running
    r.changed(c);
    expect(r.pick()).toBe(b);
    b.cpuSaturated = true;
    r.changed(b);
    // Every one with a free slot is saturated: least-loaded among them.
    expect(r.pick()).toBe(a);
    a.cpuSaturated = false;
    r.changed(a);
    expect(r.pick()).toBe(a);
  });
  it('is least-loaded when no instance is saturated', () => {
    const cpu = createRouter<Inst>('cpu-aware', 4, () => 0);
    const plain = createRouter<Inst>('least-loaded', 4, () => 0);
    const xs = [inst(0, 2), inst(1, 1), inst(2, 1), inst(3, 3)];
    const ys = xs.map((x) => ({ ...x }));
    xs.forEach((x) => cpu.add(x));
    ys.forEach((y) => plain.add(y));
    expect(cpu.pick()!.id).toBe(plain.pick()!.id);
  });
});

describe('least-loaded routing', () => {
  it('picks the free instance with the fewest requests, the oldest on a tie, through 20,000 random changes', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const concurrency = 5;
    const r = createRouter<Inst>('least-loaded', concurrency, () => 0);
    const ready: Inst[] = [];
    let nextId = 0;
    let checked = 0;
    for (let step = 0; step < 20_000; step++) {
      const op = rand(10);
      if (op === 0 || ready.length === 0) {
        const x = inst(nextId++, rand(concurrency + 1));
        ready.push(x);
        r.add(x);
      } else if (op === 1) {
        const x = ready.splice(rand(ready.length), 1)[0]!;
        r.remove(x);
      } else {
        // A request starts or ends on one instance, as the platform reports it.
        const x = ready[rand(ready.length)]!;
        x.inFlight = Math.max(0, Math.min(concurrency, x.inFlight + (rand(2) === 0 ? 1 : -1)));
        r.changed(x);
      }
      // Brute force: fewest in flight among those with a free slot, lowest id on a tie.
      let best: Inst | null = null;
      for (const x of ready) if (x.inFlight < concurrency && (best === null || x.inFlight < best.inFlight || (x.inFlight === best.inFlight && x.id < best.id))) best = x;
      expect(r.pick()).toBe(best);
      if (best !== null) checked++;
    }
    expect(checked).toBeGreaterThan(15_000);
  });
});
