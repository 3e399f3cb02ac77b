import type { SummaryRecord } from '../metrics/summary.js';
import { formatJsonNumber } from './format-number.js';
import { summaryRows, type ExtraColumns } from './summary-rows.js';

/**
 * Summary records as a JSON array, laid out as `JSON.stringify(value, null, 2)` would, plus a
 * trailing newline; keys are the extra columns then `SUMMARY_FIELDS`, in that order.
 *
 * Written by hand rather than with `JSON.stringify` for two reasons: numbers go through
 * `formatJsonNumber` (12 significant digits, NaN as `null`, infinities as `"inf"`), and key
 * order stays the column order even for an extra column named like an integer ("1"), which a
 * JavaScript object would move to the front.
 */
export function summaryToJson(records: readonly SummaryRecord[], extra?: ExtraColumns): string {
  const { columns, rows } = summaryRows(records, extra);
  if (rows.length === 0) return '[]\n';
  const objects = rows.map((row) => {
    const members = columns.map((column) => {
      const value = row[column]!;
      const text = typeof value === 'number' ? formatJsonNumber(value) : JSON.stringify(value);
      return `    ${JSON.stringify(column)}: ${text}`;
    });
    return `  {\n${members.join(',\n')}\n  }`;
  });
  return `[\n${objects.join(',\n')}\n]\n`;
}
