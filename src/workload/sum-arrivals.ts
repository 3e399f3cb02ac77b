import type { ArrivalProcess } from './arrival-process.js';

/**
 * The superposition of independent arrival processes (its rate is the sum of theirs). Each
 * component keeps its own next time; the earliest is handed out and only that component
 * advances, so the components may share one stream and the order of draws is still fixed by
 * the arrival order. The first call draws each component's first time, in component order.
 * Ties go to the lower component index.
 */
export function sumArrivals(components: readonly ArrivalProcess[]): ArrivalProcess {
  let heads: number[] | null = null;
  return {
    next() {
      heads ??= components.map((c) => c.next());
      let best = -1;
      let bestTime = Infinity;
      for (let i = 0; i < heads.length; i++) {
        if (heads[i]! < bestTime) {
          bestTime = heads[i]!;
          best = i;
        }
      }
      if (best < 0) return Infinity;
      heads[best] = components[best]!.next();
      return bestTime;
    },
  };
}
