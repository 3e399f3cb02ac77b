import type { SensitivityResult, SensitivityRow, SensitivityVariant } from '../sensitivity/types.js';
import { escapeHtml } from './html-escape.js';
import { formatLatency } from './format-latency.js';
import { formatUsdText } from '../verdict/words.js';

/**
 * The sensitivity section of a report: the summary sentence, the place the page script draws the
 * tornado chart in (`data-chart="tornado"`), and the tornado as a table (each assumption's low and
 * high value; the cost difference, each platform's cost per month and p99 there; whether the
 * recommendation flips), written on the server so it reads without JavaScript.
 */
export function sensitivitySectionHtml(result: SensitivityResult): string {
  const platforms = result.baseline.platforms.map((p) => p.platform);
  const diff = result.baseline.costDifferenceUsd !== null;
  const head = [
    '<th>assumption</th><th>low</th><th>baseline</th><th>high</th>',
    diff ? '<th>difference<br>at low</th><th>difference<br>at high</th>' : '',
    ...platforms.map((p) => `<th>${figure(p)}<br>per month<br>low / high</th><th>${figure(p)}<br>p99<br>low / high</th>`),
    '<th>recommended<br>low / high</th>',
  ].join('');
  const body = result.rows.map((row) => rowHtml(row, platforms, diff)).join('\n');
  const skipped =
    result.skipped.length === 0
      ? ''
      : `<details><summary>${result.skipped.length} ${result.skipped.length === 1 ? 'assumption that does' : 'assumptions that do'} not apply here</summary><ul>${result.skipped.map((s) => `<li><code>${escapeHtml(s.parameter)}</code>: ${escapeHtml(s.reason)}</li>`).join('')}</ul></details>`;
  // A negative difference: the runner-up is cheaper but does not keep up (an overloaded platform is never recommended).
  const gap = result.baseline.costDifferenceUsd ?? 0;
  const recommended = escapeHtml(result.baseline.recommended ?? 'no platform');
  const baseline = !diff
    ? `At the baseline ${recommended} is recommended.`
    : gap >= 0
      ? `At the baseline ${recommended} is recommended, ${escapeHtml(usd(gap))} a month cheaper than the runner-up.`
      : `At the baseline ${recommended} is recommended; the runner-up costs ${escapeHtml(usd(-gap))} a month less but does not keep up.`;
  return [
    '<section class="sensitivity" data-section="sensitivity">',
    '<h2>What the assumptions change</h2>',
    `<p class="headline" data-sensitivity="summary">${escapeHtml(capitalise(result.summary))}.</p>`,
    `<p class="note">Each assumption of models/ (a rule the provider does not publish, how your service behaves, or a setting of yours), set to the low and then the high end of its plausible range, one at a time, with the same requests (${escapeHtml(String(result.total))} ranges, seed ${escapeHtml(String(result.seed))}). ${baseline} ${diff ? 'The bars show the runner-up\'s cost per month minus the recommendation\'s: left of zero the runner-up is the cheaper, and would be recommended where it keeps up.' : 'The bars show each platform\'s cost per month from the low to the high end.'}</p>`,
    '<div class="chart" data-chart="tornado"></div>',
    `<div class="scroll"><table data-table="sensitivity"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`,
    skipped,
    '</section>',
  ]
    .filter((p) => p !== '')
    .join('\n');
}

function rowHtml(row: SensitivityRow, platforms: readonly string[], diff: boolean): string {
  const cells = [
    `<td><code>${escapeHtml(row.parameter)}</code>${row.flips ? ' <strong class="flips">flips</strong>' : ''}${kindTag(row)}<br><span class="note" title="${escapeHtml(row.assumption)}">${escapeHtml(row.why)}${row.note ? ` (${escapeHtml(row.note)})` : ''}</span></td>`,
    `<td>${escapeHtml(valueText(row.low))}</td><td>${escapeHtml(valueText(row.baseline))}</td><td>${escapeHtml(valueText(row.high))}</td>`,
  ];
  if (diff) cells.push(`<td>${figure(difference(row.at.low))}</td><td>${figure(difference(row.at.high))}</td>`);
  for (const platform of platforms) {
    const lo = row.at.low.platforms.find((p) => p.platform === platform);
    const hi = row.at.high.platforms.find((p) => p.platform === platform);
    cells.push(`<td>${lowHigh(lo ? usd(lo.costPerMonthUsd) : '-', hi ? usd(hi.costPerMonthUsd) : '-')}</td>`);
    cells.push(`<td>${lowHigh(lo ? formatLatency(lo.latencyP99S) : '-', hi ? formatLatency(hi.latencyP99S) : '-')}</td>`);
  }
  cells.push(`<td>${lowHigh(row.at.low.recommended ?? 'none', row.at.high.recommended ?? 'none')}</td>`);
  return `<tr${row.flips ? ' class="flipped"' : ''}>${cells.join('')}</tr>`;
}

/** Whose unknown the assumption is, as a tag after its name; nothing for a file written before rows had a kind. */
function kindTag(row: SensitivityRow): string {
  const kind = (row as Partial<SensitivityRow>).kind;
  if (kind === undefined) return '';
  const words = kind === 'unpublished' ? 'unpublished rule' : kind === 'service' ? 'your service' : 'your setting';
  return ` <span class="kind" data-kind="${escapeHtml(kind)}">${escapeHtml(words)}</span>`;
}

/**
 * A parameter value as people read it: "60s", 0.6, true; a distribution or a disk as its parts
 * ("lognormal, mean 1.8s, cv 0.4"); "none" for null. The page script has the same rule.
 */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => (k === 'dist' || k === 'type' ? valueText(v) : `${k} ${valueText(v)}`))
    .join(', ');
}

/**
 * A figure, or a platform's name, that never breaks ("-$7.23", "1,234 ms", "cloud-run"). With
 * eleven columns the table is wider than a 1400-pixel page if no cell wraps; so its cells
 * wrap, between figures only.
 */
function figure(text: string): string {
  return `<span class="fig">${escapeHtml(text)}</span>`;
}

/** "low / high", breaking after the slash (never before it) when the column is narrow. */
function lowHigh(low: string, high: string): string {
  return `${figure(`${low} /`)} ${figure(high)}`;
}

function difference(v: SensitivityVariant): string {
  return v.costDifferenceUsd === null ? '-' : usd(v.costDifferenceUsd);
}

/** Dollars as the verdict writes them: "$61", "-$7.23". */
function usd(x: number): string {
  return formatUsdText(x);
}

function capitalise(text: string): string {
  const t = text.replace(/\.\s*$/, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}
