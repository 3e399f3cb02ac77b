import { showValue } from '../sensitivity/plan.js';
import type { SensitivityResult, SensitivityVariant } from '../sensitivity/types.js';
import { formatCsvRows, type CsvRow } from './csv-rows.js';

export const SENSITIVITY_CSV_COLUMNS = [
  'parameter',
  'model',
  'end',
  'value',
  'platform',
  'cost_per_month_usd',
  'latency_p99_s',
  'status',
  'recommended',
  'cost_difference_usd',
  'swing_usd',
  'flips',
  // Added after flips, so that columns read by position keep their place.
  'kind',
] as const;

/**
 * The tornado in long form, one line per (parameter, end, platform), baseline lines first
 * (parameter and value empty, end "baseline"), then the rows in tornado order, each with its
 * kind of assumption (unpublished, service, setting): what pandas or
 * a spreadsheet pivots without parsing column names. Same formatting as every CSV here.
 */
export function sensitivityToCsv(result: SensitivityResult): string {
  const lines: CsvRow[] = [];
  const add = (parameter: string, model: string, end: string, value: string, v: SensitivityVariant, swing: number, flips: string, kind: string): void => {
    for (const p of v.platforms) {
      lines.push({
        parameter,
        model,
        end,
        value,
        platform: p.platform,
        cost_per_month_usd: p.costPerMonthUsd,
        latency_p99_s: p.latencyP99S,
        status: p.status,
        recommended: v.recommended ?? '',
        cost_difference_usd: v.costDifferenceUsd ?? NaN,
        swing_usd: swing,
        flips,
        kind,
      });
    }
  };
  add('', '', 'baseline', '', result.baseline, NaN, '', '');
  for (const r of result.rows) {
    for (const end of ['low', 'high'] as const) add(r.parameter, r.model, end, showValue(r[end]), r.at[end], r.swingUsd, String(r.flips), r.kind);
  }
  return formatCsvRows(SENSITIVITY_CSV_COLUMNS, lines);
}
