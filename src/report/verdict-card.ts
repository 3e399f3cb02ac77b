import { formatFixed, significantDecimals } from '../output/format-human.js';
import type { ModelName } from '../scenario/catalog-file.js';
import { kindsInBrief, providers } from '../sensitivity/kind-words.js';
import { COMPONENT_WORDS } from '../verdict/component-words.js';
import type { PlatformStatus, Verdict, VerdictAlternative, VerdictPlatform } from '../verdict/types.js';
import { formatPercentText, formatServedText, formatUsdText } from '../verdict/words.js';
import { escapeHtml } from './html-escape.js';
import { formatLatency } from './format-latency.js';

/** What a status reads as on the card, and the class that colours its badge. */
const STATUS_TEXT: Record<PlatformStatus, string> = { ok: 'ok: keeps up', overloaded: 'overloaded', 'misses-slo': 'misses the SLO' };

/** Cost components named on the card as what dominates a bill: the largest, at most three. */
const DRIVERS_SHOWN = 3;

/**
 * The verdict card, first on a run's page: the recommendation, each platform's cost per month,
 * latency, status and configuration side by side, what dominates each bill, the alternatives
 * that would change the answer, the break-even and the warnings. Written as HTML on the server
 * (readable without JavaScript, the same bytes for the same verdict); every string from the
 * verdict is escaped, since platform names come from the user's scenario.
 */
export function verdictCardHtml(verdict: Verdict, colors: Readonly<Record<string, string>>): string {
  const parts = [
    '<section class="verdict" data-card="verdict">',
    '<h2>Verdict</h2>',
    `<p class="headline" data-verdict="headline">${escapeHtml(verdict.headline)}</p>`,
    recommendationLine(verdict),
    platformTable(verdict, colors),
    notOk(verdict.platforms),
    alternatives(verdict),
    breakeven(verdict),
    sensitivity(verdict),
    runCost(verdict),
    warningList(verdict),
    words(verdict),
    '</section>',
  ];
  return parts.filter((p) => p !== '').join('\n');
}

function recommendationLine(verdict: Verdict): string {
  const d = verdict.difference;
  const choice = verdict.recommended === null ? '<strong>No platform keeps up: none is recommended.</strong>' : `Recommended: <strong>${escapeHtml(verdict.recommended)}</strong>.`;
  const gap = d === null ? '' : ` Difference: ${usd(d.usdPerMonth)} a month (${escapeHtml(formatPercentText(d.percent / 100))}), ${escapeHtml(d.cheaper)} the cheaper.`;
  return `<p class="recommendation" data-verdict="recommendation">${choice}${gap}</p>`;
}

/** One column per platform in rank order; one row per figure. */
function platformTable(verdict: Verdict, colors: Readonly<Record<string, string>>): string {
  const ps = verdict.platforms;
  const head = ps
    .map((p) => {
      const mark = p.platform === verdict.recommended ? '<br><span class="chosen">recommended</span>' : '';
      return `<th scope="col"><span class="swatch" style="background:${swatch(colors, p.platform)}"></span>${escapeHtml(p.platform)}${mark}</th>`;
    })
    .join('');
  const month = verdict.extrapolated ? 'per month (extrapolated)' : 'per month';
  const rows: [string, (p: VerdictPlatform) => string][] = [
    ['status', (p) => `<span class="status status-${escapeHtml(p.status)}">${escapeHtml(STATUS_TEXT[p.status] ?? p.status)}</span>`],
    [month, (p) => `<strong class="num">${usd(p.costPerMonthUsd)}</strong>`],
    ['latency p50', (p) => figuresWhole(formatLatency(p.latencyP50S))],
    ['latency p95', (p) => figuresWhole(formatLatency(p.latencyP95S))],
    ['latency p99', (p) => figuresWhole(formatLatency(p.latencyP99S))],
    ['requests served', (p) => figuresWhole(formatServedText(p.servedFraction))],
    ['configuration', (p) => figuresWhole(p.configuration)],
    ['most of the bill', (p) => figuresWhole(drivers(p))],
  ];
  const body = rows.map(([name, cell]) => `<tr><th scope="row">${escapeHtml(name)}</th>${ps.map((p) => `<td>${cell(p)}</td>`).join('')}</tr>`).join('\n');
  const cols = `<colgroup><col class="rowname">${ps.map(() => '<col>').join('')}</colgroup>`;
  return `<div class="scroll"><table class="card" data-table="verdict">${cols}<thead><tr><th></th>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** Why a platform is not recommended, and what to try. */
function notOk(platforms: readonly VerdictPlatform[]): string {
  const items = platforms
    .filter((p) => p.status !== 'ok')
    .map((p) => {
      const reason = p.statusReason === null ? STATUS_TEXT[p.status] : p.statusReason;
      const advice = p.advice === null ? '' : ` Try: ${escapeHtml(p.advice)}.`;
      return `<li><strong>${escapeHtml(p.platform)}</strong> ${escapeHtml(reason)}.${advice}</li>`;
    });
  return items.length === 0 ? '' : `<ul class="reasons" data-verdict="reasons">${items.join('')}</ul>`;
}

/**
 * The alternatives, one row each. Seven columns do not fit a phone (about 570 px at 400 px wide):
 * under 600 px the stylesheet lays each row out as a block (platform, "with" and the change on a
 * line, the figures after it), each figure led by its column's name from `data-label`.
 */
function alternatives(verdict: Verdict): string {
  if (verdict.alternatives.length === 0) return '';
  const now = new Map(verdict.platforms.map((p) => [p.platform, p.costPerMonthUsd]));
  const rows = verdict.alternatives.map((a) => {
    const base = now.get(a.platform);
    const delta = base === undefined ? '-' : signedUsd(a.costPerMonthUsd - base);
    const flips = a.flipsVerdict ? `<strong class="flips">${escapeHtml(choiceWords(a))}</strong>` : 'same choice';
    return `<tr><td class="platform">${escapeHtml(a.platform)}</td><td class="text change" data-label="with">${escapeHtml(a.change)}</td><td class="num" data-label="per month">${usd(a.costPerMonthUsd)}</td><td class="num" data-label="against now">${delta}</td><td class="text"><span class="status status-${escapeHtml(a.status)}">${escapeHtml(STATUS_TEXT[a.status] ?? a.status)}</span></td><td class="text">${flips}</td><td class="text">${a.simulated ? (a.search !== undefined ? `simulated; ${withCode(a.search.note)}` : 'simulated') : 're-billed, same requests'}</td></tr>`;
  });
  return [
    '<h3>What would change it</h3>',
    '<div class="scroll"><table data-table="alternatives"><thead><tr><th>platform</th><th class="text">with</th><th>per month</th><th>against now</th><th class="text">status</th><th class="text">verdict</th><th class="text">how</th></tr></thead><tbody>',
    rows.join('\n'),
    '</tbody></table></div>',
  ].join('\n');
}

/** "makes vm the choice", "none keeps up"; "changes the choice" for a verdict.json from before `recommendedWith`. */
function choiceWords(a: VerdictAlternative): string {
  if (a.recommendedWith === undefined) return 'changes the choice';
  return a.recommendedWith === null ? 'none keeps up' : `makes ${a.recommendedWith} the choice`;
}

/** Text escaped, its `backquoted` commands (as the terminal prints them) set as code. */
function withCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function breakeven(verdict: Verdict): string {
  const b = verdict.breakeven;
  if (b === null) return '';
  // The verdict's hints are whole sentences that name the break-even and its value
  // (src/verdict/breakeven-hint.ts): their lead-in becomes the label, not a second one before it.
  const lead = 'Break-even traffic: ';
  if (b.hint.startsWith(lead)) return `<p class="breakeven" data-verdict="breakeven"><strong>Break-even traffic:</strong> ${withCode(b.hint.slice(lead.length))}</p>`;
  const value = b.value === null ? '' : `<strong>${escapeHtml(b.parameter)} ≈ ${escapeHtml(formatFixed(b.value, significantDecimals(b.value, 3, 0, 3)))}</strong>. `;
  return `<p class="breakeven" data-verdict="breakeven">Break-even: ${value}${escapeHtml(b.hint)}</p>`;
}

/**
 * Whether the verdict holds over the assumptions' ranges (src/verdict/sensitivity-hint.ts), or
 * the command that says so. A verdict.json written before the field existed has none.
 */
function sensitivity(verdict: Verdict): string {
  const s = verdict.sensitivity ?? null;
  if (s === null) return '';
  const label = '<strong>Assumptions:</strong> ';
  const ranges = `${s.ranges} range${s.ranges === 1 ? '' : 's'} in models/`;
  const command = `<code>${escapeHtml(s.command)}</code>`;
  if (s.summary !== null) {
    // holds null beside a summary: sim run checked part of the ranges (sensitivity-hint.ts);
    // a verdict.json written before `checked` existed checked the unpublished rules alone; one
    // written before front ends were measured from the run says "billed" for "from-run".
    const part =
      s.checked === 'from-run' || (s.checked as string) === 'billed'
        ? 'only the ranges that change just a bill (or a front end\'s latency), priced from the run itself,'
        : 'only the unpublished rules';
    const scope = s.holds === null ? `${part} of the ${ranges} were checked here; ${command} checks them all` : `${ranges}; ${command} gives the whole table`;
    return `<p class="sensitivity" data-verdict="sensitivity">${label}the verdict ${escapeHtml(s.summary)} (${scope}).</p>`;
  }
  // A verdict.json written before the kinds of assumption existed has none.
  const kinds = s.kinds ?? [];
  const brief = kinds.length > 0 ? `${kindsInBrief(kinds, providers(verdict.platforms.map((p) => p.model as ModelName)))}; ` : '';
  const text = `${command} says whether the verdict holds under each of the ${ranges} (${escapeHtml(brief)}${s.simulations} simulations).`;
  return `<p class="sensitivity" data-verdict="sensitivity">${label}${text}</p>`;
}

/** The objectives judged by, and what the simulated run itself cost (the month scales it to 730 h; summarize.ts adds what a whole month earns). */
function runCost(verdict: Verdict): string {
  const judged = (verdict.objectives ?? []).length > 0 ? `Statuses judged by: ${escapeHtml(verdict.objectives.join(', '))}. ` : '';
  const costs = verdict.platforms.filter((p) => typeof p.costTotalUsd === 'number').map((p) => `${escapeHtml(p.platform)} ${usd(p.costTotalUsd)}`);
  const run = costs.length > 0 ? `The simulated run itself cost ${costs.join(', ')}; per month is that scaled to 730 hours, at the egress tiers and sustained-use discounts a whole month of it reaches.` : '';
  return judged + run === '' ? '' : `<p class="note" data-verdict="basis">${judged}${run}</p>`;
}

function warningList(verdict: Verdict): string {
  const period = verdict.trafficPeriodS ? ` (${periodText(verdict.trafficPeriodS)})` : ' (a day or a week)';
  const all = [...(verdict.extrapolated ? [`Costs per month are extrapolated: the run is shorter than its traffic's own period${period}, so the month repeats a part of it.`] : []), ...(verdict.warnings ?? [])];
  if (all.length === 0) return '';
  return `<ul class="warnings" data-verdict="warnings">${all.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`;
}

/** The verdict as `sim run` prints it under its table, folded away: the card says the same. */
function words(verdict: Verdict): string {
  if (verdict.lines.length === 0) return '';
  return `<details><summary>The verdict as sim run prints it</summary><pre>${escapeHtml(verdict.lines.join('\n'))}</pre></details>`;
}

function drivers(p: VerdictPlatform): string {
  if (p.costDrivers.length === 0) return '-';
  return p.costDrivers
    .slice(0, DRIVERS_SHOWN)
    .map((d) => `${COMPONENT_WORDS[d.component] ?? d.component} ${formatPercentText(d.share)}`)
    .join(', ');
}

/**
 * Escaped text whose figures keep their unit on their line: "99.9999 %", "78.8 ms", "512 MiB"
 * in a span that does not wrap (class num), so that a narrow column (three platforms at 400 px
 * leave about 75 px each) breaks the words around them, never "99.9999" from its "%".
 */
export function figuresWhole(text: string): string {
  return escapeHtml(text).replace(/\d[\d,.]* (?:%|ms|s|min|h|MiB|GiB|MB|GB|vCPU)(?![\w])/g, '<span class="num">$&</span>');
}

/** Dollars as the verdict's sentences write them: "$196", "$7.85". */
function usd(x: number): string {
  return escapeHtml(formatUsdText(x));
}

function signedUsd(x: number): string {
  return escapeHtml(`${x > 0 ? '+' : ''}${formatUsdText(x)}`);
}

function periodText(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  return `${formatFixed(seconds, significantDecimals(seconds, 3, 0, 1))} s`;
}

/** A platform's colour; a colour is only ever one of the report's palette, but check. */
function swatch(colors: Readonly<Record<string, string>>, platform: string): string {
  const c = colors[platform] ?? '#888888';
  return /^#[0-9a-f]{6}$/i.test(c) ? c : '#888888';
}
