/**
 * A duration in seconds for people, in the units scenario files use: `7d`, `1d 12h`, `15m`,
 * `1m 30s`, `1.5s`, `250ms`. Parts that are zero are left out; seconds keep up to 3 decimals.
 * NaN prints `-`, infinity `inf`.
 */
export function formatDuration(seconds: number): string {
  if (Number.isNaN(seconds)) return '-';
  if (!Number.isFinite(seconds)) return seconds > 0 ? 'inf' : '-inf';
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds === 0) return '0s';
  if (seconds < 1) return `${trimDecimals(seconds * 1000, 3)}ms`;

  // Work in whole milliseconds so that 90.5 s splits into 1m and 30.5s without float residue.
  let ms = Math.round(seconds * 1000);
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(ms / size);
    if (count > 0) parts.push(`${count}${unit}`);
    ms -= count * size;
  }
  if (ms > 0) parts.push(`${trimDecimals(ms / 1000, 3)}s`);
  return parts.join(' ');
}

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
];

/** `x` with at most `decimals` decimals and no trailing zeros: 1.500 -> "1.5". */
function trimDecimals(x: number, decimals: number): string {
  const text = x.toFixed(decimals);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
