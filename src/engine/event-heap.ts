/** What the heap orders: a time and an integer sequence number that breaks ties. */
export interface TimeSeq {
  readonly time: number;
  readonly seq: number;
}

/**
 * A binary min-heap ordered by (time, seq), with the comparison written inline. It holds the
 * kernel's events, and each processor-sharing server's jobs (keyed by virtual finish time).
 * It replaced fastpriorityqueue in the kernel: same order (the key is a total order, so any
 * correct heap pops the same sequence), and faster because no comparator function is called
 * per sift step (`npm run bench:queue`, bench/RESULTS.md).
 */
export class EventHeap<T extends TimeSeq> {
  private items: T[] = [];
  private n = 0;

  get size(): number {
    return this.n;
  }

  peek(): T | undefined {
    return this.n > 0 ? this.items[0] : undefined;
  }

  push(event: T): void {
    const items = this.items;
    let i = this.n++;
    const t = event.time;
    const s = event.seq;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p]!;
      if (parent.time < t || (parent.time === t && parent.seq < s)) break;
      items[i] = parent;
      i = p;
    }
    items[i] = event;
  }

  pop(): T | undefined {
    if (this.n === 0) return undefined;
    const items = this.items;
    const top = items[0]!;
    const n = --this.n;
    if (n > 0) {
      const last = items[n]!;
      const t = last.time;
      const s = last.seq;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        let child = items[c]!;
        const r = c + 1;
        if (r < n) {
          const right = items[r]!;
          if (right.time < child.time || (right.time === child.time && right.seq < child.seq)) {
            c = r;
            child = right;
          }
        }
        if (t < child.time || (t === child.time && s < child.seq)) break;
        items[i] = child;
        i = c;
      }
      items[i] = last;
    }
    items[n] = undefined as unknown as T; // let the item be collected
    return top;
  }
}
