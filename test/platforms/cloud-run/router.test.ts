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
