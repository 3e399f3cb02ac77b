import type { SensitivityResult } from '../sensitivity/types.js';
import { formatJsonNumber } from './format-number.js';

/**
 * The SensitivityResult as JSON (2-space indent, trailing newline), numbers as in every JSON
 * output here (format-number.ts: 12 significant digits, NaN null, infinities "inf").
 */
export function sensitivityToJson(result: SensitivityResult): string {
  return `${JSON.stringify(result, (_key, value: unknown) => (typeof value === 'number' ? (JSON.parse(formatJsonNumber(value)) as unknown) : value), 2)}\n`;
}
