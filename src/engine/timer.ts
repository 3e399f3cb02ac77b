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
 * The action runs at the time of the last arm(), as a directly scheduled event would. Only
 * the tie order with another event at that very instant may differ (the wake-up's sequence
 * number is taken later), which continuous random times do not produce
 * (test/engine/timer.test.ts).
 */
export class Timer {
  /** When the action runs; Infinity: disarmed. */
  private due = Infinity;
  /** The pending wake-up, never later than `due` while armed. */
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
    // A wake-up at or before the new time re-arms itself when it comes.
    if (this.event !== null && this.event.time <= time) return;
    this.sim.cancel(this.event);
    this.event = this.sim.at(time, this.wake);
  }

  disarm(): void {
    this.due = Infinity;
  }

  private readonly wake = (): void => {
    this.event = null;
    const due = this.due;
    if (due === Infinity) return;
    if (due > this.sim.now) {
      this.event = this.sim.at(due, this.wake);
      return;
    }
    this.due = Infinity;
    this.action();
  };
}
