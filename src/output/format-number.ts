/**
 * Number formatting for machine outputs (CSV, JSON). The requirement is byte-identical output for
 * identical inputs on any machine, so only operations whose result ECMAScript pins exactly are
 * used: `Number.prototype.toString` (shortest round-trip digits) and `toPrecision`. Nothing here
 * depends on locale, ICU or the platform's printf.
 *
 * Rules (pinned by test/output/format-number.test.ts):
 * - Integers print as integers: `42`, `-3`, `0` (also for `-0`). Beyond 1e21 JavaScript switches
 *   to exponent form (`1e+21`); that is still deterministic and still parses as a number.
 * - Other finite numbers are rounded to 12 significant digits first, then printed with the
 *   shortest round-trip digits: `0.1 + 0.2` prints `0.3`, `1 / 3` prints `0.333333333333`.
 *   12 digits keeps a month of costs exact to far below a nano-dollar and is well beyond the
 *   0.1 % accuracy of the latency histograms, while hiding float noise in the last bits.
 *   Very small or large values use exponent form as JavaScript prints it (`1e-7`), which
 *   pandas, numpy, R and spreadsheets read as numbers.
 * - NaN (undefined, e.g. a latency with no requests) is an empty CSV cell and JSON `null`.
 * - +/-Infinity is `inf` / `-inf` in CSV (what pandas and numpy read as float infinity) and the
 *   strings `"inf"` / `"-inf"` in JSON, which has no infinity literal; `null` would make it
 *   indistinguishable from NaN. `parseFormattedNumber` reverses both forms.
 */

/** Significant digits kept for non-integers. */
export const SIGNIFICANT_DIGITS = 12;

/** Finite number to its canonical text; shared by the CSV and JSON forms. */
function formatFinite(x: number): string {
  if (Number.isInteger(x)) return x === 0 ? '0' : x.toString();
  // Fast path, and an exact one: a shortest round-trip form of at most 13 characters without an
  // exponent has at most 12 digits, and then rounding to 12 digits gives x back unchanged.
  // toPrecision costs about 1 microsecond, which a 1.2-million-row timeline feels.
  const shortest = x.toString();
  if (shortest.length <= 13 && !shortest.includes('e')) return shortest;
  return roundShortest(shortest) ?? byPrecision(x);
}

/** The rule itself: x to 12 significant digits (toPrecision), then its shortest round-trip digits. */
export function byPrecision(x: number): string {
  const rounded = Number(x.toPrecision(SIGNIFICANT_DIGITS));
  // Rounding to 12 digits can land on an integer (0.9999999999999 -> 1); `toString` prints it as one.
  return rounded === 0 ? '0' : rounded.toString();
}

/**
 * byPrecision(x) made from x's shortest round-trip text `shortest` (fixed notation, not an
 * integer) by rounding its digits, or undefined where that could differ (then byPrecision).
 *
 * Why it is exact: rounding to 12 digits turns on which side of the 13-digit midpoint m the
 * exact x lies. The shortest text s is the closest of the shortest decimals that read back as
 * x; were m strictly between x and s, m would be closer to x than s and read back as x too, so
 * s would not be shortest (or, with 13 digits, not closest). So s and x lie on the same side of
 * m, and s's digits after the 12th decide, unless they are m's own ("5" alone): then undefined.
 * The 12 digits d are then toPrecision's, and Number(d).toString() is d without its trailing
 * zeros (two decimals of at most 12 digits are too far apart to read back as one double).
 * test/output/format-number.test.ts compares it with byPrecision on millions of values, ties
 * and their neighbouring doubles included.
 */
function roundShortest(shortest: string): string | undefined {
  const s = shortest;
  const length = s.length;
  const point = s.indexOf('.');
  const sign = s.charCodeAt(0) === 45 ? 1 : 0; // '-'
  // Non-integers below 2^52 only: an integer part of at most 16 digits, fixed notation.
  if (point < 0 || point - sign > 16 || s.indexOf('e') >= 0) return undefined;
  // The 12 significant digits: from the first non-zero digit, the point skipped.
  let first = sign;
  while (first < length && (s.charCodeAt(first) === 48 || first === point)) first++;
  let end = first;
  for (let counted = 0; counted < SIGNIFICANT_DIGITS && end < length; end++) if (end !== point) counted++;
  const next = end === point ? end + 1 : end;
  if (next >= length) return s; // 12 digits or fewer: nothing to round
  if (next === length - 1 && s.charCodeAt(next) === 53) return undefined; // the tail is "5" alone: a tie
  let kept = s.slice(0, end);
  if (s.charCodeAt(next) >= 53) {
    // Round up: nines turn to zeros, the digit before them goes up one; past the first digit, a 1 in front.
    let i = end - 1;
    let zeros = '';
    for (; i >= sign; i--) {
      if (i === point) {
        zeros = `.${zeros}`;
        continue;
      }
      if (s.charCodeAt(i) !== 57) break;
      zeros = `0${zeros}`;
    }
    kept = i < sign ? `${s.slice(0, sign)}1${zeros}` : `${s.slice(0, i)}${String.fromCharCode(s.charCodeAt(i) + 1)}${zeros}`;
  }
  const keptPoint = kept.indexOf('.');
  // Cut within the integer part: zeros up to the point.
  if (keptPoint < 0) return kept + '0'.repeat(point - end);
  let stop = kept.length;
  while (kept.charCodeAt(stop - 1) === 48) stop--;
  if (stop - 1 === keptPoint) stop--;
  return kept.slice(0, stop);
}

/** A number as a CSV cell: canonical digits, `''` for NaN, `inf` / `-inf` for infinities. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return formatFinite(x);
}

/** A number as JSON text: a number literal, `null` for NaN, `"inf"` / `"-inf"` for infinities. */
export function formatJsonNumber(x: number): string {
  if (Number.isNaN(x)) return 'null';
  if (x === Infinity) return '"inf"';
  if (x === -Infinity) return '"-inf"';
  return formatFinite(x);
}

/**
 * Reverses `formatNumber` (a CSV cell) and `formatJsonNumber` (a parsed JSON value): `''` and
 * `null` give NaN, `inf` / `-inf` give the infinities, anything else is read as a number.
 * Text that is not a number also gives NaN.
 */
export function parseFormattedNumber(value: string | number | null): number {
  if (value === null) return NaN;
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (text === '') return NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  return Number(text);
}

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A CSV cell as `formatNumber` writes it, strictly: a decimal number, `''` (NaN: undefined),
 * `inf` or `-inf`; anything else (`NaN`, `abc`, `0x10`, ` 1`) gives undefined, so that a reader
 * can name the cell instead of averaging over it silently.
 */
export function parseNumberCell(text: string): number | undefined {
  if (text === '') return NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  return NUMBER_TEXT.test(text) ? Number(text) : undefined;
}
