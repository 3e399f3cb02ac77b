/**
 * `x` rounded to `digits` significant digits (NaN and infinities unchanged). A chart needs no
 * more than 4 or 5 digits, and the JSON embedded in a report shrinks by half.
 */
export function roundSignificant(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}
