/** A job in a processor-sharing server's CPU phase. */
export interface Job<T> {
  /** Attained-service (virtual) time at which the job's work is done. */
  readonly finishV: number;
  readonly seq: number;
  readonly token: T;
}

/**
 * Binary min-heap of jobs by (finishV, seq) with the comparison inline, like the kernel's
 * EventHeap: every request passes through it once, so a comparator call per sift step shows
 * in the bench (bench/RESULTS.md).
 */
export class JobHeap<T> {
  private readonly items: Job<T>[] = [];
  private n = 0;

  get size(): number {
    return this.n;
  }

  peek(): Job<T> | undefined {
    return this.n > 0 ? this.items[0] : undefined;
  }

  push(job: Job<T>): void {
    const items = this.items;
    let i = this.n++;
    const f = job.finishV;
    const s = job.seq;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p]!;
      if (parent.finishV < f || (parent.finishV === f && parent.seq < s)) break;
      items[i] = parent;
      i = p;
    }
    items[i] = job;
  }

  pop(): Job<T> | undefined {
    if (this.n === 0) return undefined;
    const items = this.items;
    const top = items[0]!;
    const n = --this.n;
    if (n > 0) {
      const last = items[n]!;
      const f = last.finishV;
      const s = last.seq;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        let child = items[c]!;
        const r = c + 1;
        if (r < n) {
          const right = items[r]!;
          if (right.finishV < child.finishV || (right.finishV === child.finishV && right.seq < child.seq)) {
            c = r;
            child = right;
          }
        }
        if (f < child.finishV || (f === child.finishV && s < child.seq)) break;
        items[i] = child;
        i = c;
      }
      items[i] = last;
    }
    items[n] = undefined as unknown as Job<T>;
    return top;
  }
}
