import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/streams.js';
import { fromSpec } from '../../src/random/from-spec.js';

/** What the fuzzer found, pinned (test/robustness/fuzz.test.ts). */
describe('fuzz findings', () => {
  it('a gamma or lognormal with a cv too small to represent (5e-254) draws its mean, not NaN', () => {
    // The gamma's shape 1 / cv^2 = 1 / 2.5e-507 overflows to Infinity: every draw was NaN and the
    // run failed with "cannot schedule at NaN".
    const rng = streamFor(1, 'tiny-cv');
    for (const dist of ['gamma', 'lognormal'] as const) {
      const d = fromSpec({ dist, mean: 0.001154, cv: 5.311087287057156e-254 });
      for (let i = 0; i < 100; i++) expect(d.sample(rng)).toBe(0.001154);
    }
    // A small but representable cv still varies (shape 1e14 is finite).
    const g = fromSpec({ dist: 'gamma', mean: 1, cv: 1e-7 });
    const draws = Array.from({ length: 50 }, () => g.sample(rng));
    expect(draws.every(Number.isFinite)).toBe(true);
    expect(new Set(draws).size).toBeGreaterThan(1);
  });
});
