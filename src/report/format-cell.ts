import { formatCount, formatFixed, formatMilliseconds, formatPercent, formatUsd, significantDecimals } from '../output/format-human.js';

/** A summary value for people, by its field name: dollars, milliseconds, percent or a count. */
export function formatCell(field: string, value: string | number): string {
  if (typeof value === 'string') return value;
  if (field.endsWith('_usd')) return `$${formatUsd(value)}`;
  if (field === 'duration_s') return `${formatFixed(value / 3600, significantDecimals(value / 3600, 3, 0, 3))} h`;
  if (field.endsWith('_s')) return `${formatMilliseconds(value)} ms`;
  if (field.endsWith('_fraction') || field.startsWith('cpu_utilization')) return `${formatPercent(value)} %`;
  if (Number.isInteger(value)) return formatCount(value);
  return formatFixed(value, significantDecimals(value, 4, 0, 6));
}
