import type { Request } from '../../workload/request.js';

/**
 * Requests waiting for a free slot, first in first out: a list linked through the requests'
 * own `waitNext` field (request.ts), so a request can be in one PendingQueue at a time. Push
 * and shift are O(1) and allocate nothing.
 *
 * Why linked: a store of a young request into a long-lived array records a slot for the next
 * scavenge, one per request, where relinking `first`/`last` reuses two (deadlines.ts keeps its
 * list the same way). A request leaves with its link cut, so one that lives on keeps no later
 * request reachable.
 */
export class PendingQueue {
  private first: Request | null = null;
  private last: Request | null = null;
  private n = 0;

  get size(): number {
    return this.n;
  }

  push(req: Request): void {
    req.waitNext = null;
    if (this.last === null) this.first = req;
    else this.last.waitNext = req;
    this.last = req;
    this.n++;
  }

  peek(): Request | undefined {
    return this.first ?? undefined;
  }

  shift(): Request | undefined {
    const req = this.first;
    if (req === null) return undefined;
    this.first = req.waitNext ?? null;
    if (this.first === null) this.last = null;
    req.waitNext = null;
    this.n--;
    return req;
  }

  /** The requests in the queue, head first. */
  *values(): IterableIterator<Request> {
    for (let req = this.first; req !== null; req = req.waitNext ?? null) yield req;
  }
}
