import type { Rng } from '../engine/streams.js';
import type { MmppTrafficSpec } from '../scenario/types.js';
import type { ArrivalProcess } from './arrival-process.js';
import { exponentialGap } from './exponential-gap.js';
import { MmppChain } from './mmpp-chain.js';

/**
 * Markov-modulated Poisson arrivals, generated exactly: inside a visit to state i arrivals are
 * Poisson at rps_i, so the next one is an exponential gap with mean 1 / rps_i from where we
 * stand; if it would fall after the visit ends, the process moves to the end of the visit,
 * jumps (MmppChain) and draws a fresh gap in the new state. Discarding the overshooting gap is
 * exact by memorylessness (the competing exponentials of arrival and jump). States with rps 0
 * are crossed without a gap draw.
 *
 * Memory is constant. With all rates 0 there are no arrivals and nothing is drawn.
 */
export function mmppArrivals(spec: MmppTrafficSpec, rng: Rng): ArrivalProcess {
  const rates = spec.states.map((s) => s.rps);
  if (!rates.some((r) => r > 0)) return { next: () => Infinity };
  const chain = new MmppChain(spec, rng);
  let time = 0;
  return {
    next() {
      for (;;) {
        const rps = rates[chain.state]!;
        if (rps > 0) {
          const t = time + exponentialGap(rng) / rps;
          if (t < chain.leaveAt) {
            time = t;
            return t;
          }
        }
        time = chain.leaveAt;
        chain.advance();
      }
    },
  };
}
