import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * Named random streams derived from one run seed. Each name gets its own generator
 * (seedrandom's Alea, fast and with a 2^116 period) seeded from `seed` and the name, so adding
 * a draw to one stream never shifts another: the arrivals a platform sees do not depend on how
 * many cold starts another platform drew (common random numbers).
 */
export class RandomStreams {
  private readonly streams = new Map<string, Rng>();

  constructor(readonly seed: number | string) {}

  /** The stream called `name`, created on first use. */
  get(name: string): Rng {
    let rng = this.streams.get(name);
    if (rng === undefined) {
      rng = streamFor(this.seed, name);
      this.streams.set(name, rng);
    }
    return rng;
  }
}

/** A fresh generator for (seed, name); the same pair always gives the same sequence. */
export function streamFor(seed: number | string, name: string): Rng {
  return seedrandom.alea(`scalesim:${seed}:${name}`) as unknown as Rng;
}
