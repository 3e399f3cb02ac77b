import type { Rng } from '../engine/streams.js';
import type { MmppTrafficSpec } from '../scenario/types.js';
import { exponentialGap } from './exponential-gap.js';
import { mmppTimeFractions } from './mmpp-stationary.js';

/**
 * The hidden state path of an mmpp: which state holds, and when the current visit ends.
 *
 * - Start: `spec.start`, or (start null) a draw from the long-run time fractions, one uniform,
 *   so that the process is stationary from time 0 and its expected rate is the stationary
 *   mean at every t, not only in the long run. The remaining time of that first visit is a
 *   full exponential with the state's mean (memorylessness makes that exact).
 * - Each visit lasts an exponential time with the state's meanHolding: one uniform.
 * - Leaving state i, the next state j is drawn with probability transitions[i][j] (the
 *   scenario layer fills uniform-over-the-others by default): one uniform.
 *
 * Draw order, all from the one rng: [start], first holding; then per jump: next state,
 * holding.
 */
export class MmppChain {
  /** The current state's index. */
  state: number;
  /** When the current visit began (0 for the first). */
  enteredAt = 0;
  /** When the current visit ends. */
  leaveAt: number;

  constructor(
    private readonly spec: MmppTrafficSpec,
    private readonly rng: Rng,
  ) {
    this.state = spec.start ?? pick(mmppTimeFractions(spec), rng());
    this.leaveAt = this.holding();
  }

  /** Jumps to the next state at `leaveAt` and draws how long it holds. */
  advance(): void {
    this.enteredAt = this.leaveAt;
    this.state = pick(this.spec.transitions[this.state]!, this.rng());
    this.leaveAt = this.enteredAt + this.holding();
  }

  private holding(): number {
    return exponentialGap(this.rng) * this.spec.states[this.state]!.meanHolding;
  }
}

/** The index i where the cumulative sum of `weights` (summing to 1) first exceeds u in [0, 1). */
function pick(weights: readonly number[], u: number): number {
  let acc = 0;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    if (!(weights[i]! > 0)) continue;
    acc += weights[i]!;
    last = i;
    if (u < acc) return i;
  }
  // u lands above a sum that rounding left just short of 1: the last possible state.
  return last;
}
