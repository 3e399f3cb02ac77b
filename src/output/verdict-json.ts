import type { SummaryRecord } from '../metrics/summary.js';
import type { Verdict } from '../verdict/types.js';
import { formatJsonNumber } from './format-number.js';
import { summaryToJson } from './summary-json.js';

/**
 * The verdict as JSON, laid out as `JSON.stringify(value, null, 2)` with the numbers of
 * summary-json.ts (12 significant digits, NaN `null`, infinities `"inf"`), so the same run
 * gives the same bytes. Ends with a newline.
 */
export function verdictToJson(verdict: Verdict, indent = ''): string {
  return indentLines(JSON.stringify(verdict, numbers, 2), indent) + '\n';
}

/** `sim run --format json`: `{ "records": SummaryRecord[], "verdict": Verdict }`. */
export function runToJson(records: readonly SummaryRecord[], verdict: Verdict): string {
  const recordsText = summaryToJson(records).trimEnd();
  return `{\n  "records": ${indentLines(recordsText, '  ').trimStart()},\n  "verdict": ${verdictToJson(verdict, '  ').trimStart().trimEnd()}\n}\n`;
}

function numbers(_key: string, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  const text = formatJsonNumber(value);
  return text === 'null' ? null : text.startsWith('"') ? (JSON.parse(text) as string) : Number(text);
}

function indentLines(text: string, indent: string): string {
  return indent === '' ? text : text.split('\n').map((line) => indent + line).join('\n');
}
