import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { byPrecision, formatJsonNumber, formatNumber, parseFormattedNumber } from '../../src/output/format-number.js';

describe('formatNumber', () => {
  it('prints integers as integers', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(-3)).toBe('-3');
    expect(formatNumber(604800)).toBe('604800');
    expect(formatNumber(12_096_000_000_000)).toBe('12096000000000');
  });

  it('rounds other numbers to 12 significant digits, hiding float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1 / 3)).toBe('0.333333333333');
    expect(formatNumber(123.456789012345678)).toBe('123.456789012');
    expect(formatNumber(0.9999999999999)).toBe('1');
    expect(formatNumber(-2.5)).toBe('-2.5');
  });

  it('takes its fast path only where it agrees with the 12-digit rule', () => {
    for (let i = 1; i < 3_000; i += 1) {
      for (const x of [i / 7, i * 0.001, 1 / (i + 3), i * 1.1, -i / 1024, i * 1e-9, i * 0.0000134]) {
        if (Number.isInteger(x)) continue;
        expect(formatNumber(x)).toBe(Number(x.toPrecision(12)).toString());
      }
    }
  });

  it('rounds the shortest digits exactly as toPrecision rounds the double: random values, 12-digit ties, their neighbours, carries', () => {
    const rng = seedrandom('format-number');
    const view = new DataView(new ArrayBuffer(8));
    /** The double `steps` ulps from x (same sign). */
    const nudge = (x: number, steps: number): number => {
      view.setFloat64(0, x);
      view.setBigInt64(0, view.getBigInt64(0) + BigInt(steps));
      return view.getFloat64(0);
    };
    const values: number[] = [];
    for (let i = 0; i < 400_000; i++) {
      const x = 10 ** (-8 + 24 * rng()) * (rng() < 0.5 ? -1 : 1); // every magnitude of a fixed-notation non-integer, and beyond
      values.push(x, x * (1 + rng() * 1e-12));
    }
    for (let i = 0; i < 100_000; i++) {
      // A 13-digit decimal ending in 5: the midpoint between two 12-digit ones; then the doubles around it.
      const digits = `${1 + Math.floor(rng() * 9)}${String(Math.floor(rng() * 1e11)).padStart(11, '0')}5`;
      const exponent = Math.floor(rng() * 22) - 8;
      const tie = Number(`${digits[0]}.${digits.slice(1)}e${exponent}`);
      for (let k = -2; k <= 2; k++) values.push(nudge(tie, k));
    }
    for (let e = -7; e <= 14; e++) {
      // Nines that carry into a new leading digit, just below and at the rounding boundary.
      for (const tail of ['4', '5', '49', '51', '9']) values.push(Number(`9.99999999999${tail}e${e}`), -Number(`9.99999999999${tail}e${e}`));
    }
    const wrong: string[] = [];
    for (const x of values) {
      if (!Number.isFinite(x) || Number.isInteger(x)) continue;
      const got = formatNumber(x);
      const want = byPrecision(x);
      if (got !== want && wrong.length < 5) wrong.push(`${x}: ${got} (toPrecision: ${want})`);
    }
    expect(wrong).toEqual([]);
    expect(values.length).toBeGreaterThan(1_000_000);
  });

  it('uses the exponent form JavaScript prints for very small values', () => {
    expect(formatNumber(1e-7)).toBe('1e-7');
    expect(formatNumber(1.23456789e-9)).toBe('1.23456789e-9');
  });

  it('writes NaN as an empty cell and infinities as inf', () => {
    expect(formatNumber(NaN)).toBe('');
    expect(formatNumber(Infinity)).toBe('inf');
    expect(formatNumber(-Infinity)).toBe('-inf');
  });
});

describe('formatJsonNumber', () => {
  it('writes valid JSON: null for NaN, strings for infinities', () => {
    expect(formatJsonNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatJsonNumber(NaN)).toBe('null');
    expect(formatJsonNumber(Infinity)).toBe('"inf"');
    expect(formatJsonNumber(-Infinity)).toBe('"-inf"');
    for (const x of [0, 1e-7, 1e21, -5.25]) expect(JSON.parse(formatJsonNumber(x))).toBe(x);
  });
});

describe('parseFormattedNumber', () => {
  it('reverses both forms', () => {
    for (const x of [0, 0.3, -2.5, 1e-7, Infinity, -Infinity]) {
      expect(parseFormattedNumber(formatNumber(x))).toBe(x);
      expect(parseFormattedNumber(JSON.parse(formatJsonNumber(x)) as string | number | null)).toBe(x);
    }
    expect(parseFormattedNumber('')).toBeNaN();
    expect(parseFormattedNumber(null)).toBeNaN();
    expect(parseFormattedNumber('abc')).toBeNaN();
  });
});
