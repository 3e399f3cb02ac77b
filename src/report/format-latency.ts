import { formatFixed, formatMilliseconds, significantDecimals } from '../output/format-human.js';

/**
 * A latency for people: milliseconds below a second ("65.8 ms"), seconds from there ("20.8 s"),
 * 3 significant digits; "-" when undefined (no request completed).
 */
export function formatLatency(seconds: number): string {
  if (!Number.isFinite(seconds)) return '-';
  if (seconds < 1) return `${formatMilliseconds(seconds)} ms`;
  return `${formatFixed(seconds, significantDecimals(seconds, 3, 0, 2))} s`;
}
