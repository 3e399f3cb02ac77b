import { describe, expect, it } from 'vitest';
import { PendingQueue } from '../../../src/platforms/shared/pending-queue.js';
import type { Request } from '../../../src/workload/request.js';

const request = (id: number): Request => ({ id, arrival: id, cpu: 0, io: 0, bytes: 0, deadline: 0 });

describe('PendingQueue', () => {
  it('is first in first out through pushes and shifts interleaved, and empties cleanly', () => {
    const q = new PendingQueue();
    const out: number[] = [];
    expect(q.shift()).toBeUndefined();
    expect(q.peek()).toBeUndefined();
    let id = 0;
    // 3 in, 2 out, 50 times, then drain: ids leave in the order they came.
    for (let round = 0; round < 50; round++) {
      for (let k = 0; k < 3; k++) q.push(request(id++));
      for (let k = 0; k < 2; k++) out.push(q.shift()!.id);
    }
    expect(q.size).toBe(50);
    expect(q.peek()!.id).toBe(100);
    expect([...q.values()].map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
    for (let r = q.shift(); r !== undefined; r = q.shift()) out.push(r.id);
    expect(out).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(q.size).toBe(0);
    // Empty again, it takes new requests as a fresh queue.
    q.push(request(7));
    expect(q.peek()!.id).toBe(7);
    expect(q.size).toBe(1);
  });

  it('cuts the link of a request that leaves, and takes it back later', () => {
    const q = new PendingQueue();
    const [a, b] = [request(0), request(1)];
    q.push(a);
    q.push(b);
    expect(q.shift()).toBe(a);
    expect(a.waitNext).toBeNull(); // it no longer reaches b
    q.push(a); // requeued behind b
    expect([...q.values()]).toEqual([b, a]);
  });
});
