export type { RemedyLadder } from '../platforms/platform-entry.js';

/** At most this many simulations of one ladder, whatever the budget. */
export const MAX_PROBES = 16;

/**
 * The search for the least value of a ladder that keeps up (a pure decider: it says which index
 * to simulate next, and is told whether that one kept up). It simulates the advice's estimate
 * first; if that keeps up, it bisects between the largest value known not to keep up (at first
 * the platform's own, below every value) and the least known to; if not, it goes up, each time
 * to the first value at least twice the last that failed, until one keeps up or the ladder ends.
 * Bisection over the indices: log2 of the gap simulations, 3 for issue 11's case (2 VMs fail,
 * the estimate 8 keeps up: 5, then 6 or 7, then the last).
 *
 * A ladder below a platform that keeps up (RemedyLadder.below: fewer VMs, fewer warm instances)
 * starts with the platform's own value known to keep up, just past the last index
 * (`values.length`), and bisects down from it; a value the scenario refuses counts as one that
 * does not keep up.
 */
export class LadderSearch {
  /** The largest index known not to keep up; -1: none tried (the platform's own value is below every index). */
  private below = -1;
  /** The least index known to keep up; -1: none yet. */
  private above = -1;
  private probes = 0;
  /** Values at and beyond this index cannot be simulated (the scenario refuses them). */
  private end: number;
  /** Below a platform that keeps up: the largest index the scenario refused (-1: none). */
  private refusedBelow = -1;

  constructor(
    private readonly values: readonly number[],
    private readonly first: number,
    private readonly ownKeepsUp = false,
  ) {
    this.end = values.length;
    if (ownKeepsUp) this.above = values.length;
  }

  /** Simulations recorded so far. */
  get simulations(): number {
    return this.probes;
  }

  /** The next index to simulate, or null when the search is over. */
  next(): number | null {
    if (this.probes >= MAX_PROBES) return null;
    if (this.ownKeepsUp) {
      if (this.above - this.below <= 1) return null;
      return this.probes === 0 && this.first > this.below && this.first < this.above ? this.first : (this.below + this.above) >> 1;
    }
    // The estimate first; when the scenario refuses it, the largest value it takes.
    if (this.probes === 0) return this.end === 0 ? null : Math.min(this.first, this.end - 1);
    if (this.above < 0) {
      // Nothing kept up yet: up to twice the last value that failed.
      if (this.below >= this.end - 1) return null;
      const twice = 2 * this.values[this.below]!;
      for (let i = this.below + 1; i < this.end; i++) if (this.values[i]! >= twice) return i;
      return this.end - 1;
    }
    return this.above - this.below > 1 ? (this.below + this.above) >> 1 : null;
  }

  /** Whether the value at `index` kept up. */
  record(index: number, ok: boolean): void {
    this.probes++;
    if (ok) {
      if (this.above < 0 || index < this.above) this.above = index;
    } else if (index > this.below) {
      this.below = index;
    }
  }

  /** The value at `index` cannot be simulated: the ladder ends before it. */
  refuse(index: number): void {
    if (this.ownKeepsUp) {
      this.below = Math.max(this.below, index);
      this.refusedBelow = Math.max(this.refusedBelow, index);
      return;
    }
    this.end = Math.min(this.end, index);
    if (this.above >= this.end) this.above = -1;
  }

  /**
   * The least index found that keeps up (-1: none; `values.length` on a ladder below the
   * platform: only its own), the largest that does not (-1: only the platform's own, or none
   * below), whether nothing lies untried between, and whether that largest was refused by the
   * scenario rather than simulated (below a platform that keeps up).
   */
  get result(): { readonly keepsUp: number; readonly fails: number; readonly fewest: boolean; readonly refused: boolean } {
    return { keepsUp: this.above, fails: this.below, fewest: this.above >= 0 && this.above - this.below === 1, refused: this.below >= 0 && this.below === this.refusedBelow };
  }
}
