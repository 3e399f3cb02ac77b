import { formatFixed, significantDecimals } from '../output/format-human.js';

/**
 * Number formats for the verdict's sentences: fewer digits than the table, units attached.
 * Built on format-human.ts (toFixed only), so the words are the same on every machine.
 */

/**
 * A share as a percentage: 0.31 -> "31 %", 0.0012 -> "0.12 %", 0 -> "0 %"; a share too small
 * to round to 0.0001 % is "< 0.0001 %", not "0.0000 %" (3 of 10 million requests still waiting at
 * the end are not none).
 */
export function formatPercentText(fraction: number): string {
  if (!Number.isFinite(fraction)) return '-';
  const percent = fraction * 100;
  if (percent === 0) return '0 %';
  if (percent > 0 && percent < 0.00005) return '< 0.0001 %';
  const decimals = Math.abs(percent) >= 10 ? 0 : significantDecimals(percent, 2, 0, 4);
  return `${formatFixed(percent, decimals)} %`;
}

/** Dollars for a sentence: "$176", "$1,234", "$52", "$7.85", "$0.68", "$0.0012". */
export function formatUsdText(usd: number): string {
  if (!Number.isFinite(usd)) return '-';
  const abs = Math.abs(usd);
  const decimals = abs >= 10 ? 0 : abs >= 0.1 ? 2 : significantDecimals(abs, 2, 2, 8);
  return `${usd < 0 ? '-' : ''}$${formatFixed(abs, decimals)}`;
}

/**
 * A share served, never rounded up to "100 %" when something was lost: rounded down, with the
 * fewest decimals (1 to 4) that do not end in a run of nines: 0.69 -> "69.0 %", 0.9691 -> "96.9 %",
 * 0.9995 -> "99.95 %", 0.9999993 -> ">= 99.9999 %"; 1 -> "100 %".
 */
export function formatServedText(fraction: number): string {
  if (!Number.isFinite(fraction)) return '-';
  if (fraction >= 1) return '100 %';
  const percent = fraction * 100;
  for (let decimals = 1; decimals <= 4; decimals++) {
    const step = 10 ** -decimals;
    const down = Math.floor(percent / step) * step;
    if (down < 100 - step * 1.5) return `${formatFixed(down, decimals)} %`;
  }
  return '>= 99.9999 %';
}

/** A count of requests: 67.3 -> "67", 1234 -> "1,234", 14_200_000 -> "14.2 M". */
export function formatRequests(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (Math.abs(n) >= 1e6) return `${formatFixed(n / 1e6, 1)} M`;
  return formatFixed(n, Math.abs(n) >= 10 || n === 0 ? 0 : 1);
}

/** A latency for a sentence: 0.0812 -> "81 ms", 20.8 -> "20.8 s". */
export function formatLatencyText(seconds: number): string {
  if (!Number.isFinite(seconds)) return '-';
  if (seconds >= 1) return `${formatFixed(seconds, significantDecimals(seconds, 3, 0, 2))} s`;
  const ms = seconds * 1000;
  return `${formatFixed(ms, significantDecimals(ms, 2, 0, 2))} ms`;
}

/** A platform's status as the verdict says it: "keeps up", "is overloaded", "misses its latency objective". */
export const STATUS_WORDS = { ok: 'keeps up', overloaded: 'is overloaded', 'misses-slo': 'misses its latency objective' } as const;
