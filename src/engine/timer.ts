import type { Action, ScheduledEvent, Simulation } from './simulation.js';

/**
 * A deadline that is pushed back far more often than it fires: a keep-alive that every request
 * restarts. Re-armed to a later time, it moves no event: the one already pending wakes at its
 * old time, sees the new deadline and sleeps again. Disarmed, it only forgets the deadline.
 *
 * Why: scheduling a fresh expiry on every request left a cancelled event in the heap for the
 * whole keep-alive. The SimFaaS scenario (10-minute keep-alive, one request per second) kept
 * about 560 of them, half of all heap pops were dead ones, and every event paid a heap that
 * deep. With a Timer an idle instance keeps at most one event.
 *
 * Same order as cancel-and-schedule, ties included: each arm() takes the sequence number a
 * schedule() would take at that moment, and the action fires with exactly that (time, seq)
 * key, so among events at one instant it keeps its place (events leave in the order they
 * were scheduled). The wake-ups before it have no effect but to sleep again.
 * test/engine/timer.test.ts compares both ways on integer times, where ties abound.
 */
export class Timer {
  /** When the action runs; Infinity: disarmed. */
  private due = Infinity;
  /** The sequence number the last arm() took: the action's place among events at `due`. */
  private dueSeq = 0;
  /** The pending event: a wake-up ordered before (due, dueSeq), or the firing itself. */
  private event: ScheduledEvent | null = null;

  constructor(
    private readonly sim: Simulation,
    private readonly action: Action,
  ) {}

  get armed(): boolean {
    return this.due !== Infinity;
  }

  /** Runs the action at absolute time `time` (never before now), unless re-armed or disarmed first. */
  arm(time: number): void {
    if (!(time >= this.sim.now)) throw new RangeError(`timer: cannot arm at ${time}: it is before now (${this.sim.now})`);
    this.due = time;
    this.dueSeq = this.sim.takeSeq();
    // A pending event at or before `time` comes first (its seq is older): it moves the timer on when it fires.
    if (this.event !== null && this.event.time <= time) return;
    this.sim.cancel(this.event);
    this.event = this.sim.pushWithSeq(time, this.dueSeq, this.wake);
  }

  disarm(): void {
    this.due = Infinity;
  }

  private readonly wake = (): void => {
    const fired = this.event!;
    this.event = null;
    if (this.due === Infinity) return;
    if (fired.time !== this.due || fired.seq !== this.dueSeq) {
      this.event = this.sim.pushWithSeq(this.due, this.dueSeq, this.wake);
      return;
    }
    this.due = Infinity;
    this.action();
  };
}
