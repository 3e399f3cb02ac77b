import type { Rng } from '../../engine/streams.js';
import type { CloudRunRouting } from '../../scenario/types.js';
import { IndexedHeap, type HeapItem } from '../shared/indexed-heap.js';

/** What a router needs to know of an instance. */
export interface Routable extends HeapItem {
  readonly id: number;
  readonly inFlight: number;
  /**
   * Its CPU is saturated (for the `cpu-aware` policy; the platform calls `changed` when this
   * flips). Absent: never.
   */
  readonly cpuSaturated?: boolean;
}

/**
 * Chooses among ready instances that have a free slot. The platform tells it when an
 * instance becomes ready (`add`), goes away (`remove`) or its load changes (`changed`).
 */
export interface Router<T extends Routable> {
  add(inst: T): void;
  remove(inst: T): void;
  changed(inst: T): void;
  /** An instance with a free slot, or null. */
  pick(): T | null;
}

export function createRouter<T extends Routable>(policy: CloudRunRouting, concurrency: number, rng: Rng): Router<T> {
  switch (policy) {
    case 'least-loaded':
      // Fewest requests in flight; ties to the oldest instance, which lets the newest ones
      // fall idle and be retired when load drops.
      return new LeastLoadedRouter<T>(concurrency);
    case 'cpu-aware':
      // Google: Cloud Run "might not send as many requests to a given instance if the CPU of
      // the instance is already highly utilized" (docs/gcp-facts.md). Instances with spare CPU
      // first, least-loaded among them; a saturated one only when none has spare CPU.
      return new HeapRouter<T>(concurrency, (a, b) => {
        const sa = a.cpuSaturated === true;
        const sb = b.cpuSaturated === true;
        if (sa !== sb) return sb;
        return a.inFlight < b.inFlight || (a.inFlight === b.inFlight && a.id < b.id);
      });
    case 'newest':
      // AWS Lambda and SimFaaS: the most recently created instance with a free slot.
      return new HeapRouter<T>(concurrency, (a, b) => a.id > b.id);
    case 'random':
      return new RandomRouter<T>(concurrency, rng);
    case 'round-robin':
      return new RoundRobinRouter<T>(concurrency);
  }
}

/** Keeps instances with a free slot in a heap ordered by the policy. */
class HeapRouter<T extends Routable> implements Router<T> {
  private readonly heap: IndexedHeap<T>;
  constructor(
    private readonly concurrency: number,
    less: (a: T, b: T) => boolean,
  ) {
    this.heap = new IndexedHeap<T>(less);
  }
  add(inst: T): void {
    this.changed(inst);
  }
  remove(inst: T): void {
    this.heap.remove(inst);
  }
  changed(inst: T): void {
    const free = inst.inFlight < this.concurrency;
    if (this.heap.has(inst)) {
      if (free) this.heap.update(inst);
      else this.heap.remove(inst);
    } else if (free) {
      this.heap.add(inst);
    }
  }
  pick(): T | null {
    return this.heap.peek() ?? null;
  }
}

/**
 * `least-loaded` as HeapRouter with its order, (inFlight, id), written into the sift loops
 * rather than called through a comparator: the router moves an instance on every request's
 * start and end, and the comparator calls were about 3 % of a Cloud Run request's CPU
 * (profile of a day at 100 req/s). The order is a strict total one, so the instance on top,
 * the only one `pick` reads, is the same whatever heap holds them
 * (test/platforms/cloud-run/router.test.ts checks its pick against a brute-force minimum over
 * random changes).
 */
class LeastLoadedRouter<T extends Routable> implements Router<T> {
  private readonly items: T[] = [];
  constructor(private readonly concurrency: number) {}

  add(inst: T): void {
    this.changed(inst);
  }

  remove(inst: T): void {
    const i = inst.heapIndex;
    const items = this.items;
    if (i < 0 || items[i] !== inst) return;
    const last = items.pop()!;
    inst.heapIndex = -1;
    if (i < items.length) {
      items[i] = last;
      last.heapIndex = i;
      this.up(i);
      this.down(last.heapIndex);
    }
  }

  changed(inst: T): void {
    const items = this.items;
    const member = inst.heapIndex >= 0 && items[inst.heapIndex] === inst;
    const free = inst.inFlight < this.concurrency;
    if (member) {
      if (!free) this.remove(inst);
      else {
        this.up(inst.heapIndex);
        this.down(inst.heapIndex);
      }
    } else if (free) {
      inst.heapIndex = items.length;
      items.push(inst);
      this.up(inst.heapIndex);
    }
  }

  pick(): T | null {
    return this.items[0] ?? null;
  }

  private up(i: number): void {
    const items = this.items;
    const item = items[i]!;
    const load = item.inFlight;
    const id = item.id;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p]!;
      if (!(load < parent.inFlight || (load === parent.inFlight && id < parent.id))) break;
      items[i] = parent;
      parent.heapIndex = i;
      i = p;
    }
    items[i] = item;
    item.heapIndex = i;
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[i]!;
    const load = item.inFlight;
    const id = item.id;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let child = items[c]!;
      const r = c + 1;
      if (r < n) {
        const right = items[r]!;
        if (right.inFlight < child.inFlight || (right.inFlight === child.inFlight && right.id < child.id)) {
          c = r;
          child = right;
        }
      }
      if (!(child.inFlight < load || (child.inFlight === load && child.id < id))) break;
      items[i] = child;
      child.heapIndex = i;
      i = c;
    }
    items[i] = item;
    item.heapIndex = i;
  }
}

/** Uniform choice among instances with a free slot (an array set with swap-remove). */
class RandomRouter<T extends Routable> implements Router<T> {
  private readonly free: T[] = [];
  constructor(
    private readonly concurrency: number,
    private readonly rng: Rng,
  ) {}
  add(inst: T): void {
    this.changed(inst);
  }
  remove(inst: T): void {
    const i = inst.heapIndex;
    if (i < 0 || this.free[i] !== inst) return;
    const last = this.free.pop()!;
    if (last !== inst) {
      this.free[i] = last;
      last.heapIndex = i;
    }
    inst.heapIndex = -1;
  }
  changed(inst: T): void {
    const member = inst.heapIndex >= 0 && this.free[inst.heapIndex] === inst;
    const free = inst.inFlight < this.concurrency;
    if (free && !member) {
      inst.heapIndex = this.free.length;
      this.free.push(inst);
    } else if (!free && member) {
      this.remove(inst);
    }
  }
  pick(): T | null {
    const n = this.free.length;
    return n === 0 ? null : this.free[Math.floor(this.rng() * n)]!;
  }
}

/** Cycles through ready instances in creation order, skipping full ones. */
class RoundRobinRouter<T extends Routable> implements Router<T> {
  private readonly ready: T[] = [];
  private cursor = 0;
  constructor(private readonly concurrency: number) {}
  add(inst: T): void {
    if (!this.ready.includes(inst)) this.ready.push(inst);
  }
  remove(inst: T): void {
    const i = this.ready.indexOf(inst);
    if (i < 0) return;
    this.ready.splice(i, 1);
    if (this.cursor > i) this.cursor--;
  }
  changed(): void {}
  pick(): T | null {
    const n = this.ready.length;
    for (let k = 0; k < n; k++) {
      const i = (this.cursor + k) % n;
      const inst = this.ready[i]!;
      if (inst.inFlight < this.concurrency) {
        this.cursor = (i + 1) % n;
        return inst;
      }
    }
    return null;
  }
}
