import { SUMMARY_FIELDS } from '../metrics/summary.js';
import type { InlineScript } from './chart-library.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { formatCell } from './format-cell.js';
import { escapeHtml, jsonForScript, scriptSource } from './html-escape.js';
import type { RunReportData } from './run-data.js';
import type { SensitivityReportData } from './sensitivity-data.js';
import { sensitivitySectionHtml } from './sensitivity-table.js';
import type { SweepReportData } from './sweep-data.js';
import { verdictCardHtml } from './verdict-card.js';

export type ReportData = RunReportData | SweepReportData | SensitivityReportData;

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 1140px; padding: 16px 24px 48px; color: #1d2733; }
h1 { font-size: 22px; margin: 8px 0 2px; }
h2 { font-size: 18px; margin: 28px 0 4px; border-bottom: 1px solid #dde3ea; padding-bottom: 2px; }
h3 { font-size: 14px; font-weight: 600; margin: 14px 0 2px; }
.meta, .note { color: #56657a; margin: 2px 0 8px; }
.error { color: #b00020; font-weight: 600; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 8px 0; }
th, td { padding: 3px 10px; border-bottom: 1px solid #e7ebf0; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid #c7d0da; vertical-align: bottom; }
.scroll { overflow-x: auto; max-width: 100%; }
.chart { margin: 6px 0 14px; }
.chart svg, .chart figure { max-width: 100%; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; margin: 4px 0 2px; }
.legend .key { display: inline-block; width: 14px; height: 10px; margin-right: 5px; vertical-align: -1px; }
.legend .key.line { height: 0; border-top: 2px solid; vertical-align: 3px; }
.legend .key.dashed { height: 0; border-top: 2px dashed; vertical-align: 3px; }
.verdict { border: 1px solid #c7d0da; border-radius: 8px; padding: 4px 16px 10px; margin: 12px 0 8px; background: #f8fafc; }
.verdict h2 { border: 0; margin-top: 10px; }
.headline { font-size: 17px; font-weight: 600; margin: 6px 0; }
table.card { width: 100%; table-layout: fixed; }
table.card col.rowname { width: 11em; }
table.card td, table.card thead th { text-align: left; overflow-wrap: anywhere; }
table.card tbody th { font-weight: normal; color: #56657a; text-align: left; }
th.text, td.text { text-align: left; }
table[data-table="points"] td, table[data-table="summary"] td { white-space: nowrap; }
/* Eleven columns of the tornado table fit 1400 px only if cells wrap: between figures, never inside one. */
table[data-table="sensitivity"] { font-size: 13px; }
table[data-table="sensitivity"] .fig { white-space: nowrap; }
table[data-table="sensitivity"] td:first-child { min-width: 13em; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.chosen { font-size: 12px; font-weight: 600; color: #1a7f37; }
.status { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600; white-space: nowrap; }
/* In the verdict card's narrow fixed columns (three platforms on a phone) a badge wraps rather than being cut off. */
table.card .status { white-space: normal; }
/* A figure and its unit stay on one line ("99.9999 %", "-$8.97"); the words around them wrap. */
.verdict .num { white-space: nowrap; }
.status-ok { background: #dcf3e3; color: #1a6430; }
.status-overloaded { background: #fbe1e1; color: #a11d1d; }
.status-misses-slo { background: #fff1cc; color: #7a5200; }
.flips { color: #a11d1d; }
/* Whose unknown an assumption is: a quiet tag beside its name in the tornado table. */
.kind { font-size: 11px; color: #5a6b7d; border: 1px solid #c9d3de; border-radius: 3px; padding: 0 4px; white-space: nowrap; }
tr.flipped td { background: #fff6f6; }
.warnings { background: #fff8e1; border-left: 3px solid #e0a800; padding: 6px 10px 6px 28px; }
details pre { white-space: pre-wrap; font-size: 12px; }
footer { margin-top: 36px; color: #7a8797; font-size: 12px; }
@media (max-width: 600px) {
  body { padding: 8px 10px 32px; }
  .verdict { padding: 2px 8px 8px; }
  table.card col.rowname { width: 7.5em; }
  th, td { padding: 3px 6px; }
  /* The alternatives' seven columns need about 570 px: on a phone each row is a block, its
     platform and change on a line, the figures after it, each led by its column's name. */
  table[data-table="alternatives"], table[data-table="alternatives"] tbody, table[data-table="alternatives"] tr { display: block; }
  table[data-table="alternatives"] thead { display: none; }
  table[data-table="alternatives"] tr { padding: 4px 0; border-bottom: 1px solid #e7ebf0; }
  table[data-table="alternatives"] td { display: inline-block; padding: 1px 10px 1px 0; border: 0; text-align: left; }
  table[data-table="alternatives"] td.platform { display: inline; font-weight: 600; }
  table[data-table="alternatives"] td.change { display: inline; padding-right: 0; }
  table[data-table="alternatives"] td.change::after { content: ""; display: block; }
  table[data-table="alternatives"] td[data-label]::before { content: attr(data-label) " "; color: #56657a; }
}
`;

/**
 * A whole report page: the data as JSON, the chart libraries and the page script inlined, and
 * the tables written out as HTML (readable without JavaScript). Nothing is fetched: the file
 * opens offline, from disk or an e-mail attachment.
 */
export function reportHtml(data: ReportData, libraries: readonly InlineScript[], title: string): string {
  const tables = data.kind === 'run' ? summaryTable(data) : data.kind === 'sweep' ? sweepTable(data) : '';
  const meta = data.kind === 'run' ? runMeta(data) : data.kind === 'sweep' ? sweepMeta(data) : sensitivityMeta(data);
  // The answer first: the verdict, then how far it holds, then the charts that explain it.
  const card = data.kind === 'run' && data.verdict !== null ? verdictCardHtml(data.verdict, data.colors) : '';
  const sensitivity = data.kind !== 'sweep' && data.sensitivity !== null ? sensitivitySectionHtml(data.sensitivity) : '';
  const libs = libraries.map((l) => `${l.name} ${l.version}`).join(', ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${escapeHtml(meta)}</p>`,
    '<noscript><p class="error">The charts need JavaScript; the tables below do not.</p></noscript>',
    card,
    sensitivity,
    '<div id="charts"></div>',
    tables,
    `<footer>Written by scalesim <code>sim report</code>. Charts drawn with ${escapeHtml(libs)}, inlined in this file.</footer>`,
    `<script id="report-data" type="application/json">${jsonForScript(data)}</script>`,
    ...libraries.map((l) => `<script>/* ${escapeHtml(l.name)} ${escapeHtml(l.version)} */\n${scriptSource(l.code)}\n</script>`),
    `<script>${scriptSource(CLIENT_SCRIPT)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function runMeta(data: RunReportData): string {
  const start = data.start_epoch_ms === null ? '' : `, from ${new Date(data.start_epoch_ms).toISOString().replace('.000Z', 'Z')}`;
  return `Scenario ${data.scenario}, seed ${data.seed}, ${formatCell('duration_s', data.duration_s)} simulated${start}; platforms ${data.platforms.join(', ')}.`;
}

function sensitivityMeta(data: SensitivityReportData): string {
  return `Scenario ${data.scenario}, seed ${data.sensitivity.seed}; platforms ${data.platforms.join(', ')}.`;
}

function sweepMeta(data: SweepReportData): string {
  const grid = data.axes.map((a) => `${a.path} = ${a.values.join(', ')}`).join('; ');
  return `Sweep over ${grid || 'no grid'}; ${data.replications} replication${data.replications === 1 ? '' : 's'} per point; platforms ${data.platforms.join(', ')}.`;
}

/** The summary record of every platform: one row per field, one column per platform. */
function summaryTable(data: RunReportData): string {
  const fields = SUMMARY_FIELDS.filter((f) => !['scenario', 'platform'].includes(f));
  const head = `<tr><th>field</th>${data.summaries.map((s) => `<th>${escapeHtml(String(s.platform))}</th>`).join('')}</tr>`;
  const body = fields
    .map((field) => {
      const cells = data.summaries.map((s) => {
        const v = s[field];
        return `<td>${escapeHtml(v === null || v === undefined ? '-' : formatCell(field, v))}</td>`;
      });
      return `<tr><td><code>${field}</code></td>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<section><h2>Summary</h2><p class="note">The run's summary records (summary.csv), for people: times in ms, money in USD.</p><div class="scroll"><table data-table="summary"><thead>${head}</thead><tbody>\n${body}\n</tbody></table></div></section>`;
}

/** Every (grid point, platform) with each metric's mean and 95 % interval. */
function sweepTable(data: SweepReportData): string {
  const metrics = [...new Set([...data.metrics, 'cost_total_usd', 'latency_p95_s'])];
  const head = `<tr>${data.axes.map((a) => `<th>${escapeHtml(a.path)}</th>`).join('')}<th>platform</th><th>n</th>${metrics.map((m) => `<th>${escapeHtml(m)}</th>`).join('')}</tr>`;
  const frontier = new Set(data.frontiers.flatMap((f) => f.frontier));
  const body = data.points
    .map((p, k) => {
      const grid = p.grid.map((v) => `<td>${escapeHtml(v)}</td>`).join('');
      const cells = metrics.map((m) => {
        const b = p.metrics[m]!;
        const text = Number.isNaN(b.mean) ? '-' : b.hi > b.lo ? `${formatCell(m, b.mean)} ± ${formatCell(m, (b.hi - b.lo) / 2)}` : formatCell(m, b.mean);
        return `<td>${escapeHtml(text)}</td>`;
      });
      const mark = frontier.has(k) ? ' <span title="on the cost-latency frontier of its traffic level">◆</span>' : '';
      return `<tr>${grid}<td>${escapeHtml(p.platform)}${mark}</td><td>${p.metrics[metrics[0]!]!.n}</td>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<section><h2>Points</h2><p class="note">Mean ± 95 % confidence half-width over replications; ◆ marks the cost-latency frontier of the point's traffic level.</p><div class="scroll"><table data-table="points"><thead>${head}</thead><tbody>\n${body}\n</tbody></table></div></section>`;
}
