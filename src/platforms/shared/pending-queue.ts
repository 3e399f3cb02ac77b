import type { Request } from '../../workload/request.js';

/**
 * Requests waiting for a free slot, first in first out. Arrays with a moving head: O(1)
 * amortised push and shift, compacted when the dead prefix is large.
 */
export class PendingQueue {
  private items: Request[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(req: Request): void {
    this.items.push(req);
  }

  peek(): Request | undefined {
    return this.items[this.head];
  }

  shift(): Request | undefined {
    if (this.head >= this.items.length) return undefined;
    const req = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return req;
  }
}
