import { EventHeap } from './event-heap.js';
import { RandomStreams } from './streams.js';

/** What runs when an event fires. */
export type Action = () => void;

/** What runs when an event scheduled with scheduleCall fires: one argument, no closure per event. */
export type Call<T> = (arg: T) => void;

/**
 * A scheduled event. `action` is cleared on cancel: the queue drops cancelled events lazily
 * when they reach the head, so that cancel is O(1) (see test/engine/simulation.test.ts).
 */
export interface ScheduledEvent {
  readonly time: number;
  readonly seq: number;
  action: Action | Call<never> | null;
  /** The argument `action` is called with (undefined for schedule() and at()). */
  readonly arg: unknown;
}

/**
 * The kernel's own event object. scheduleCall's events are never handed out (nothing can cancel
 * them), so once one fires its object is reused for the next (`pooled`): the per-request events
 * of a platform cost no allocation.
 */
interface KernelEvent {
  time: number;
  seq: number;
  action: Action | Call<never> | null;
  arg: unknown;
  readonly pooled: boolean;
}

/**
 * The kernel: a clock and a heap of (time, seq, action). It knows nothing of clouds; models
 * schedule closures on it. All state, random streams included, lives on the instance, so two
 * simulations can run side by side in one process.
 */
export class Simulation {
  /** Simulated seconds since the scenario's start. */
  now = 0;
  readonly streams: RandomStreams;
  private seq = 0;
  // Order is (time, seq): seq is an integer that grows with every schedule() call, so events
  // at the same time leave in the order they were scheduled, however many there are.
  private readonly queue = new EventHeap<KernelEvent>();
  /** Fired scheduleCall events, ready for reuse. */
  private readonly free: KernelEvent[] = [];
  private live = 0;
  /**
   * The arrival slot (`arrive`): one pending event kept beside the heap, with its (time, seq)
   * taken exactly as schedule() would, so it fires in the very order it would from the heap.
   * The run's arrivals come one after another, each scheduled by the one before, and there is
   * always exactly one pending: held here, each costs no heap push and pop (a third of the
   * engine events of a simulated request) and no event object. Infinity: empty.
   */
  private slotTime = Infinity;
  private slotSeq = 0;
  private slotAction: Action | null = null;

  constructor(seed: number | string) {
    this.streams = new RandomStreams(seed);
  }

  /** Runs `action` after `delay` seconds (>= 0). */
  schedule(delay: number, action: Action): ScheduledEvent {
    return this.at(this.now + delay, action);
  }

  /** Runs `action` at absolute time `time` (never before now). */
  at(time: number, action: Action): ScheduledEvent {
    return this.push(time, action, undefined);
  }

  /**
   * Runs `call(arg)` after `delay` seconds: the per-request events of a platform (a job's CPU
   * done, its I/O wait over) pass the request here instead of allocating a closure each. It
   * cannot be cancelled, so its event object is the kernel's to reuse once it has fired.
   */
  scheduleCall<T>(delay: number, call: Call<T>, arg: T): void {
    const time = this.now + delay;
    this.notBefore(time);
    const event = this.free.pop();
    if (event === undefined) {
      this.queue.push({ time, seq: this.seq++, action: call as Call<never>, arg, pooled: true });
    } else {
      event.time = time;
      event.seq = this.seq++;
      event.action = call as Call<never>;
      event.arg = arg;
      this.queue.push(event);
    }
    this.live++;
  }

  private push(time: number, action: Action | Call<never>, arg: unknown): ScheduledEvent {
    return this.pushWithSeq(time, this.seq++, action, arg);
  }

  /**
   * The sequence number the next schedule() would take, taken now: an event pushed later with
   * it (pushWithSeq) fires in the very order it would have had if scheduled now. For Timer
   * (timer.ts), which decides late whether it needs an event at all.
   */
  takeSeq(): number {
    return this.seq++;
  }

  /** Schedules `action` at (time, seq), seq from takeSeq(): the order key is the caller's. */
  pushWithSeq(time: number, seq: number, action: Action | Call<never>, arg?: unknown): ScheduledEvent {
    this.notBefore(time);
    const event: KernelEvent = { time, seq, action, arg, pooled: false };
    this.queue.push(event);
    this.live++;
    return event;
  }

  /**
   * Runs `action` at absolute time `time` (never before now) from the arrival slot: the same
   * order as at(), but at most one such event may be pending, and it cannot be cancelled.
   */
  arrive(time: number, action: Action): void {
    this.notBefore(time);
    if (this.slotAction !== null) throw new Error('simulation: an arrival is pending already (one at a time)');
    this.slotTime = time;
    this.slotSeq = this.seq++;
    this.slotAction = action;
    this.live++;
  }

  /** Cancels a pending event; cancelling a fired or cancelled event does nothing. */
  cancel(event: ScheduledEvent | null | undefined): void {
    if (event && event.action !== null) {
      event.action = null;
      this.live--;
    }
  }

  /** Number of pending (not cancelled) events. */
  get pending(): number {
    return this.live;
  }

  /** Events held in the heap, cancelled ones not yet dropped included: what each heap step pays for. */
  get heapSize(): number {
    return this.queue.size;
  }

  /** Time of the next live event, or Infinity when none is left. */
  peek(): number {
    this.dropCancelled();
    const head = this.queue.peek();
    return this.slotFirst(head) ? this.slotTime : head === undefined ? Infinity : head.time;
  }

  /** Fires the next live event. Returns false when the queue is empty. */
  step(): boolean {
    this.dropCancelled();
    if (this.slotFirst(this.queue.peek())) {
      this.fireSlot();
      return true;
    }
    const event = this.queue.pop();
    if (event === undefined) return false;
    const action = event.action!;
    const arg = event.arg;
    event.action = null;
    this.live--;
    this.now = event.time;
    if (event.pooled) this.release(event);
    (action as Call<unknown>)(arg);
    return true;
  }

  /**
   * Fires every event with time <= until, then sets the clock to `until` (when finite).
   * Events scheduled at exactly `until` fire.
   */
  run(until = Infinity): void {
    const queue = this.queue;
    for (;;) {
      const head = queue.peek();
      if (this.slotFirst(head)) {
        if (this.slotTime > until) break;
        this.fireSlot();
        continue;
      }
      if (head === undefined || head.time > until) break;
      queue.pop();
      const action = head.action;
      if (action === null) continue;
      const arg = head.arg;
      head.action = null;
      this.live--;
      this.now = head.time;
      if (head.pooled) this.release(head);
      (action as Call<unknown>)(arg);
    }
    if (until !== Infinity && until > this.now) this.now = until;
  }

  /**
   * Whether the arrival slot's event comes before `head` (the heap's first, live or not): it is
   * earlier, or at the same time and scheduled earlier.
   */
  private slotFirst(head: KernelEvent | undefined): boolean {
    const slot = this.slotTime;
    return slot < Infinity && (head === undefined || slot < head.time || (slot === head.time && this.slotSeq < head.seq));
  }

  /** Refuses a time in the past: events never go back. */
  private notBefore(time: number): void {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time}: it is before now (${this.now})`);
  }

  /** A fired scheduleCall event, out of the heap: kept for the next (its argument let go). */
  private release(event: KernelEvent): void {
    event.arg = undefined;
    this.free.push(event);
  }

  private fireSlot(): void {
    const action = this.slotAction!;
    this.now = this.slotTime;
    this.slotTime = Infinity;
    this.slotAction = null;
    this.live--;
    action();
  }

  private dropCancelled(): void {
    const queue = this.queue;
    while (queue.size > 0 && queue.peek()!.action === null) queue.pop();
  }
}
