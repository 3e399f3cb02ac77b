import { LogarithmicMapping } from '@datadog/sketches-js/dist/ddsketch/mapping/index.js';
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/streams.js';
import { FastLogMapping } from '../../src/metrics/fast-log-mapping.js';
import { RELATIVE_ACCURACY } from '../../src/metrics/histogram.js';

/** The first value whose key differs from the one before it, found by bisection on the doubles between lo and hi. */
function firstOfKey(exact: LogarithmicMapping, lo: number, hi: number): number {
  const k = exact.key(hi);
  for (let i = 0; i < 200 && hi !== lo; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) break;
    if (exact.key(mid) === k) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The double next to x (up or down). */
function step(x: number, up: boolean): number {
  const b = new Float64Array([x]);
  const w = new BigInt64Array(b.buffer);
  w[0] = w[0]! + (up ? 1n : -1n);
  return b[0]!;
}

describe('FastLogMapping', () => {
  const exact = new LogarithmicMapping(RELATIVE_ACCURACY);
  const fast = new FastLogMapping(RELATIVE_ACCURACY);

  it('gives the library key for 2 million values spread over 36 decades (1e-18 to 1e18)', () => {
    const rng = streamFor(1, 'fast-log-mapping');
    let fallbacks = 0;
    for (let i = 0; i < 2_000_000; i++) {
      const v = 10 ** (rng() * 36 - 18);
      const k = fast.key(v);
      if (k !== exact.key(v)) expect({ v, key: k }).toEqual({ v, key: exact.key(v) });
      const y = Math.log2(v) * exact._multiplier;
      if (Math.abs(y - Math.round(y)) < 1e-4) fallbacks++;
    }
    // The exact formula is used for about 2e-4 of values (MARGIN on both sides of an integer).
    expect(fallbacks).toBeLessThan(2_000_000 * 4e-4);
  });

  it('gives the library key a few ulps either side of 3,000 bucket boundaries', () => {
    const rng = streamFor(2, 'fast-log-mapping');
    for (let i = 0; i < 3000; i++) {
      const v = 10 ** (rng() * 12 - 6);
      // The boundary between v's bucket and the one below it.
      const b = firstOfKey(exact, v / exact.gamma / exact.gamma, v);
      expect(exact.key(step(b, false))).toBe(exact.key(b) - 1);
      let x = b;
      for (let d = 0; d < 4; d++) x = step(x, false);
      for (let d = 0; d < 9; d++, x = step(x, true)) expect(fast.key(x)).toBe(exact.key(x));
    }
  });

  it('gives the library key at powers of two, table points, and the ends of the double range', () => {
    const values = [1, 2, 0.5, 1024, 2 ** -30, 1 + 1 / 4096, 1 + 4095 / 4096, 2 - 2 ** -52, 1 + 2 ** -52, Number.MAX_VALUE / 2, 2 ** -1022, 2 ** -1023 * 1.5, 1e-300, 1e300];
    for (const v of values) expect(fast.key(v)).toBe(exact.key(v));
  });

  it('is the mapping the histogram buckets with: same keys, so the same quantiles as the library default', () => {
    expect(fast.gamma).toBe(exact.gamma);
    expect(fast._multiplier).toBe(exact._multiplier);
  });
});
