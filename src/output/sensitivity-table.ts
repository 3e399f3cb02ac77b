import { textTable } from '../cli/text-table.js';
import { showValue } from '../sensitivity/plan.js';
import type { SensitivityResult, SensitivityVariant } from '../sensitivity/types.js';
import { formatMilliseconds, formatUsd } from './format-human.js';

/** The cells of one variant: each platform's $/month and p99 (ms, with its status when not ok), the difference, the verdict. */
function cells(v: SensitivityVariant, baseline: SensitivityVariant | null): string[] {
  const platforms = v.platforms.flatMap((p) => [formatUsd(p.costPerMonthUsd), formatMilliseconds(p.latencyP99S) + (p.status === 'ok' ? '' : ` ${p.status}`)]);
  const difference = v.costDifferenceUsd === null ? '-' : formatUsd(v.costDifferenceUsd);
  const verdict = v.recommended ?? 'none ok';
  const flip = baseline !== null && v.recommended !== baseline.recommended ? `FLIPS: ${verdict}` : verdict;
  return [...platforms, difference, flip];
}

/**
 * The tornado as a terminal table: the baseline, then each parameter in tornado order (largest
 * swing of the cost difference first) on two lines, its low and its high end; then what was
 * skipped and why, and the robustness sentence.
 */
export function sensitivityToTable(result: SensitivityResult): string {
  const base = result.baseline;
  const names = base.platforms.map((p) => p.platform);
  const header = ['parameter', 'kind', 'end', 'value', ...names.flatMap((n) => [`${n} $/month`, `${n} p99 ms`]), 'difference $/month', 'recommended'];
  const rows: string[][] = [['baseline', '', '', '', ...cells(base, null)]];
  for (const r of result.rows) {
    rows.push([r.parameter, r.kind, 'low', showValue(r.low), ...cells(r.at.low, base)]);
    rows.push(['', '', 'high', showValue(r.high), ...cells(r.at.high, base)]);
  }
  const lines: string[] = [];
  lines.push(
    `sensitivity of ${result.scenario} (seed ${result.seed}): ${result.total} assumption range${result.total === 1 ? '' : 's'}, each at its low and high end, one at a time, same requests`,
    '',
  );
  lines.push(textTable(header, rows).trimEnd());
  lines.push('', 'kind: unpublished, a rule the provider does not publish; service, how your service behaves (measure it); setting, your choice');
  if (base.costDifferenceUsd !== null) {
    lines.push('', `difference: the baseline runner-up's cost per month minus the recommendation's (positive: the baseline choice is still cheaper)`);
  }
  const notes = result.rows.filter((r) => r.note !== null);
  if (notes.length > 0) {
    lines.push('', 'notes:');
    for (const r of notes) lines.push(`  ${r.parameter}: ${r.note}`);
  }
  if (result.skipped.length > 0) {
    lines.push('', 'not varied (no effect on these platforms, or no range):');
    for (const s of result.skipped) lines.push(`  ${s.parameter}: ${s.reason}`);
  }
  lines.push('', `verdict ${result.summary}`);
  return `${lines.join('\n')}\n`;
}
