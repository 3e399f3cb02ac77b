/**
 * One HTTP request as drawn from the scenario's request profile. Every platform in a run sees
 * the same sequence of these (same `arrivals` and `requests` streams).
 */
export interface Request {
  /** 0, 1, 2, ... in arrival order. */
  readonly id: number;
  /** Arrival time, simulated seconds. */
  readonly arrival: number;
  /** vCPU-seconds of work. */
  readonly cpu: number;
  /** Seconds of non-CPU waiting after the CPU phase. */
  readonly io: number;
  /** Response size in bytes. */
  readonly bytes: number;
  /** Request size in bytes; absent: 0. */
  readonly requestBytes?: number;
  /**
   * Scratch for the platform that serves this request (each platform simulates its own copy of
   * the requests): where its deadline stands (src/platforms/shared/deadlines.ts). Absent: 0.
   */
  deadline?: number;
  /**
   * Scratch of the same platform: the next request in its deadlines' arrival-order list
   * (deadlines.ts), null at the end. Absent: not linked yet.
   */
  heldNext?: Request | null;
  /** Scratch of the same platform: the next request in the PendingQueue it waits in (pending-queue.ts). */
  waitNext?: Request | null;
}

/** Numbers per request in drawInto's layout: arrival, cpu, io, bytes, and requestBytes when `sized`. */
export function requestFields(sized: boolean): number {
  return sized ? 5 : 4;
}

/**
 * The Request whose numbers are at `d[i]`: arrival, cpu, io, bytes, then requestBytes when
 * `sized` (RequestSource.drawInto's layout). Every maker of requests (RequestSource, and the
 * readers of a draw shared between platforms) makes them here, so all have one shape, with
 * the platform's scratch fields set (a shape that does not change as a platform uses them).
 */
export function requestAt(d: Float64Array, i: number, id: number, sized: boolean): Request {
  if (!sized) return { id, arrival: d[i]!, cpu: d[i + 1]!, io: d[i + 2]!, bytes: d[i + 3]!, deadline: 0, heldNext: null, waitNext: null };
  return { id, arrival: d[i]!, cpu: d[i + 1]!, io: d[i + 2]!, bytes: d[i + 3]!, requestBytes: d[i + 4]!, deadline: 0, heldNext: null, waitNext: null };
}
