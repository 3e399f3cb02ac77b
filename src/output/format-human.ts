/**
 * Cell formats for the terminal table: readable, not lossless (CSV and JSON are for that).
 * Only `toFixed` (exactly specified by ECMAScript) and hand-made digit grouping are used, never
 * `toLocaleString`, so the table is the same on every machine whatever its locale.
 * Undefined values (NaN) print `-`; infinities `inf` and `-inf`.
 */

/** The text for NaN and infinities, or undefined for a finite number. */
function special(x: number): string | undefined {
  if (Number.isNaN(x)) return '-';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

/** `x` with `decimals` decimals and the integer part grouped by thousands: 1234567.8 -> "1,234,567.8". */
export function formatFixed(x: number, decimals: number): string {
  const other = special(x);
  if (other !== undefined) return other;
  const text = Math.abs(x).toFixed(decimals);
  const [whole, fraction] = text.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  // "-0.00" would suggest a sign the shown value does not have.
  const sign = x < 0 && /[1-9]/.test(text) ? '-' : '';
  return sign + grouped + (fraction === undefined ? '' : `.${fraction}`);
}

/** A count, grouped by thousands: 12096000 -> "12,096,000". */
export function formatCount(x: number): string {
  return formatFixed(x, 0);
}

/**
 * Decimals that show about `digits` significant digits of `x`, within [min, max]:
 * with 3 digits, 45.6 -> 1, 0.0123 -> 4.
 */
export function significantDecimals(x: number, digits: number, min: number, max: number): number {
  if (x === 0 || !Number.isFinite(x)) return min;
  // The exponent after rounding to `digits` (99.96 -> "1.00e+2": 2). toExponential is exactly
  // specified, where Math.log10 is only approximated and may differ between engines.
  const magnitude = Number(x.toExponential(digits - 1).split('e')[1]);
  return Math.min(max, Math.max(min, digits - 1 - magnitude));
}

/** Seconds shown as milliseconds with 3 significant digits, at most 3 decimals: 0.0812 -> "81.2". */
export function formatMilliseconds(seconds: number): string {
  const ms = seconds * 1000;
  return formatFixed(ms, significantDecimals(ms, 3, 0, 3));
}

/**
 * A fraction shown in percent with 3 significant digits, 1 to 4 decimals: 0.000204 -> "0.0204";
 * one too small to round to 0.0001 is "<0.0001", not "0.0000" (a few of millions rejected are
 * not none).
 */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  if (percent > 0 && percent < 0.00005) return '<0.0001';
  return formatFixed(percent, significantDecimals(percent, 3, 1, 4));
}

/**
 * US dollars: cents from 10 cents up ("1,234.57", "0.50"); below that 3 significant digits, at
 * most 8 decimals ("0.0123", "0.00000134"), so small per-run amounts do not all read "0.00".
 */
export function formatUsd(usd: number): string {
  return formatFixed(usd, Math.abs(usd) >= 0.1 ? 2 : significantDecimals(usd, 3, 2, 8));
}
