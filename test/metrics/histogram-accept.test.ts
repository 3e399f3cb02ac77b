import { DDSketch } from '@datadog/sketches-js';
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/streams.js';
import { ExactSum } from '../../src/numeric/exact-sum.js';
import { exponential } from '../../src/random/exponential.js';
import { lognormal } from '../../src/random/lognormal.js';
import { Histogram, RELATIVE_ACCURACY } from '../../src/metrics/histogram.js';

/**
 * The reference: every value through DDSketch.accept with the library's own mapping (what
 * Histogram.record did before it wrote the sketch's bins itself), read by the same
 * nearest-rank rule and clamp as Histogram.quantile.
 */
class AcceptHistogram {
  readonly sketch = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
  readonly total = new ExactSum();
  n = 0;
  largest = 0;

  record(value: number): void {
    this.sketch.accept(value);
    this.total.add(value);
    this.n++;
    if (value > this.largest) this.largest = value;
  }

  quantile(q: number): number {
    const n = this.n;
    if (n === 0) return NaN;
    if (n > 1) q = Math.min(1, Math.max(0, (Math.ceil(q * n) - 1) / (n - 1)));
    return Math.min(this.sketch.getValueAtQuantile(q), this.largest);
  }

  merge(other: AcceptHistogram): void {
    this.sketch.merge(other.sketch);
    this.n += other.n;
    if (other.largest > this.largest) this.largest = other.largest;
  }
}

/** Both histograms, fed the same values. */
class Pair {
  readonly h = new Histogram();
  readonly ref = new AcceptHistogram();

  record(value: number): void {
    this.h.record(value);
    this.ref.record(value);
  }

  merge(other: Pair): void {
    this.h.merge(other.h);
    this.ref.merge(other.ref);
  }
}

/** The quantiles a report reads, both ends, a grid of 1,001 and every rank of a small histogram. */
function quantilesToCompare(n: number): number[] {
  const qs = [0, 1, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999, 1e-9, 1 - 1e-9];
  for (let i = 0; i <= 1000; i++) qs.push(i / 1000);
  if (n <= 2000) for (let i = 0; i <= n; i++) qs.push(i / n);
  return qs;
}

/** Bit for bit (Object.is: NaN equals NaN, 0 differs from -0) at every quantile, and count and max. */
function expectSame(p: Pair): void {
  const { h, ref } = p;
  expect(h.count).toBe(ref.n);
  expect(Object.is(h.max, ref.n === 0 ? NaN : ref.largest)).toBe(true);
  const bad: { q: number; got: number; want: number }[] = [];
  for (const q of quantilesToCompare(ref.n)) {
    const got = h.quantile(q);
    const want = ref.quantile(q);
    if (!Object.is(got, want)) bad.push({ q, got, want });
  }
  expect(bad.slice(0, 5)).toEqual([]);
}

/** Mean bit for bit too (no merges: the reference keeps one ExactSum). */
function expectSameMean(p: Pair): void {
  expect(Object.is(p.h.mean, p.ref.n === 0 ? NaN : p.ref.total.value / p.ref.n)).toBe(true);
}

/** A queue wait: zero when an instance was idle (a third here), otherwise lognormal or exponential. */
function waitsAndLatencies(seed: number, count: number): number[] {
  const rng = streamFor(seed, 'histogram-accept');
  const slow = lognormal(0.2, 3);
  const fast = exponential(0.01);
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = rng();
    values.push(u < 1 / 3 ? 0 : u < 2 / 3 ? slow.sample(rng) : fast.sample(rng));
  }
  return values;
}

describe('Histogram reads as a DDSketch fed by accept, bit for bit', () => {
  const minPossible = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY }).mapping.minPossible;

  it('on 300,000 zeros, lognormal and exponential values', () => {
    const p = new Pair();
    for (const v of waitsAndLatencies(1, 300_000)) p.record(v);
    expectSame(p);
    expectSameMean(p);
  });

  it('with every value at or below minPossible counted as zero, as accept does', () => {
    const p = new Pair();
    // -0, the smallest subnormal, a subnormal, minPossible itself (not above it: zero) and NaN all land in zeroCount.
    const zeroish = [0, -0, Number.MIN_VALUE, 1e-310, minPossible, -minPossible / 2, NaN];
    const rng = streamFor(2, 'histogram-accept');
    for (let i = 0; i < 5000; i++) p.record(rng() < 0.4 ? zeroish[i % zeroish.length]! : 1 + rng());
    expectSame(p);
  });

  it('near minPossible and at the top of the double range', () => {
    const tiny = new Pair();
    const huge = new Pair();
    const rng = streamFor(3, 'histogram-accept');
    for (let i = 0; i < 20_000; i++) {
      // Keys about -354,500 (1e-308 is just above minPossible, 1.11e-308) and +354,500.
      tiny.record(minPossible * (1 + 1e-12) * 10 ** (rng() * 5));
      huge.record(Number.MAX_VALUE / 10 ** (rng() * 5));
    }
    huge.record(Number.MAX_VALUE);
    expectSame(tiny);
    expectSame(huge);
    expectSameMean(tiny);
  });

  it('with negative values, which the sketch keeps in its negative store', () => {
    const p = new Pair();
    const rng = streamFor(4, 'histogram-accept');
    for (let i = 0; i < 3000; i++) p.record(rng() < 0.2 ? -rng() : rng() < 0.1 ? 0 : rng() * 10);
    expectSame(p);
    // A histogram of negatives only has an empty positive store, which a merge skips.
    const negatives = new Pair();
    for (let i = 0; i < 100; i++) negatives.record(-1 - rng());
    p.merge(negatives);
    expectSame(p);
  });

  it('after each of several reads, records going on and widening the range both ways', () => {
    const p = new Pair();
    const values = waitsAndLatencies(5, 40_000);
    for (let k = 0; k < 8; k++) {
      // Each batch reaches further out: 1e-9 to 1e6 seconds by the last one.
      for (let i = k * 5000; i < (k + 1) * 5000; i++) p.record(values[i]! * 10 ** (k % 2 === 0 ? k : -k));
      expectSame(p);
      expectSameMean(p);
    }
  });

  it('when empty, with one value, and for one value recorded many times', () => {
    const p = new Pair();
    expectSame(p);
    expect(p.h.quantile(0.5)).toBeNaN();
    p.record(0.25);
    expectSame(p);
    for (let i = 0; i < 999; i++) p.record(0.25);
    expectSame(p);
  });

  it('through merges: both filled, into an empty one, of an empty one, and records after', () => {
    const values = waitsAndLatencies(6, 60_000);
    const a = new Pair();
    const b = new Pair();
    for (let i = 0; i < 30_000; i++) a.record(values[i]!);
    // b lies partly below and partly above a's keys, so the merge grows a's bins both ways.
    for (let i = 30_000; i < 60_000; i++) b.record(values[i]! * (i % 2 === 0 ? 1e-4 : 1e4));
    a.merge(b);
    expectSame(a);
    expectSame(b);

    const empty = new Pair();
    empty.merge(a);
    expectSame(empty);
    a.merge(new Pair());
    expectSame(a);
    const none = new Pair();
    none.merge(new Pair());
    expectSame(none);

    // Records after a merge land in the merged bins (the merge copied or grew them): values
    // within a's first keys, then further out.
    for (let i = 0; i < 10_000; i++) {
      empty.record(values[i]! * 3);
      a.record(values[i]!);
    }
    expectSame(empty);
    expectSame(a);
    for (let i = 0; i < 10_000; i++) a.record(values[i]! / 1e7);
    expectSame(empty);
    expectSame(a);
    // And a merge after reads and records.
    a.merge(empty);
    expectSame(a);
  });

  it('throws where accept throws (an infinite value, a jump of 345,000 keys) and goes on as the sketch does', () => {
    const p = new Pair();
    for (const v of waitsAndLatencies(7, 1000)) p.record(v);
    expect(() => p.ref.record(Infinity)).toThrow(RangeError);
    expect(() => p.h.record(Infinity)).toThrow(RangeError);
    expectSame(p);
    // 1e-300 lies about 345,000 keys below the others: the library's push.apply of that many
    // zeros overflows the stack.
    expect(() => p.ref.record(1e-300)).toThrow(RangeError);
    expect(() => p.h.record(1e-300)).toThrow(RangeError);
    for (const v of waitsAndLatencies(8, 1000)) p.record(v);
    expectSame(p);
  });
});

/** Within the sketch's relative accuracy (and a few ulps of the mapping's float arithmetic). */
function expectWithinAccuracy(got: number, exact: number): void {
  expect(Math.abs(got / exact - 1)).toBeLessThanOrEqual(RELATIVE_ACCURACY * 1.0001);
}

describe('Histogram counts what the quantiles need', () => {
  it('counts zeros: three zeros and a 5 have p50 and p75 of 0, p76 and p100 of 5', () => {
    const h = new Histogram();
    for (const v of [0, 5, 0, 0]) h.record(v);
    // Nearest rank: p75 is the ceil(0.75 * 4) = 3rd smallest value, a zero; p76 the 4th.
    expect(h.quantile(0.5)).toBe(0);
    expect(h.quantile(0.75)).toBe(0);
    expectWithinAccuracy(h.quantile(0.76), 5);
    expectWithinAccuracy(h.quantile(1), 5);
  });

  it('counts a value recorded after a read: 0, then read, then two 1s make p50 1', () => {
    const h = new Histogram();
    h.record(0);
    expect(h.quantile(0.5)).toBe(0);
    h.record(1);
    h.record(1);
    // Three values 0, 1, 1: the 2nd smallest is 1 (to the sketch's 0.1 %).
    expectWithinAccuracy(h.quantile(0.5), 1);
  });
});
