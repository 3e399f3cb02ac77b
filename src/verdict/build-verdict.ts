import { scenarioObjectives } from '../experiment/slo.js';
import type { SummaryRecord } from '../metrics/summary.js';
import { formatDuration } from '../output/format-duration.js';
import type { ModelName } from '../scenario/catalog-file.js';
import type { PlatformSpec, Scenario } from '../scenario/types.js';
import { joinAnd, notPublishedBy, providers } from '../sensitivity/kind-words.js';
import { adviceFor } from './advice.js';
import { availabilityWarnings, type AlternativeCaveat } from './availability.js';
import { configurationLine } from './configuration.js';
import { COMPONENT_WORDS, costDrivers } from './cost-drivers.js';
import { rankPlatforms } from './rank.js';
import { shortLogWarning } from './short-log.js';
import { platformStatus } from './status.js';
import { trafficPeriod } from './traffic-period.js';
import type { Verdict, VerdictAlternative, VerdictPlatform } from './types.js';
import { formatLatencyText, formatPercentText, formatServedText, formatUsdText, STATUS_WORDS } from './words.js';

/** An alternative before it is compared with the verdict (flipsVerdict and recommendedWith are worked out here). */
export type AlternativeCost = Omit<VerdictAlternative, 'flipsVerdict' | 'recommendedWith'>;

export interface VerdictInput {
  readonly scenario: Scenario;
  /** One ranked record per platform of the scenario (runScenario's result). */
  readonly records: readonly SummaryRecord[];
  readonly alternatives?: readonly AlternativeCost[];
  readonly breakeven?: Verdict['breakeven'];
  readonly sensitivity?: Verdict['sensitivity'];
  readonly warnings?: readonly string[];
  /** What the simulated alternatives risk that the simulation does not model (RemedySearch.caveats). */
  readonly caveats?: readonly AlternativeCaveat[];
}


/**
 * The answer of a run (pure): which platform to choose and why, in data (the Verdict shape of
 * src/verdict/types.ts) and in words (`lines`, printed under the table). The recommendation is
 * the rank-1 platform when it is ok; an overloaded platform is never recommended, however cheap
 * it looks. Tests: test/verdict/build-verdict.test.ts, test/verdict/cases.test.ts.
 */
export function buildVerdict(input: VerdictInput): Verdict {
  const { scenario, records } = input;
  const objectives = scenarioObjectives(scenario.slo);
  const specOf = (name: string): PlatformSpec => {
    const spec = scenario.platforms.find((p) => p.name === name);
    if (spec === undefined) throw new Error(`verdict: no platform "${name}" in the scenario`);
    return spec;
  };
  const platforms: VerdictPlatform[] = [...records]
    .sort((a, b) => a.rank - b.rank)
    .map((r) => {
      // The counts cover the run after warm-up; duration_s is the whole run.
      const measuredS = r.duration_s - scenario.warmup;
      const judgement = platformStatus(r, objectives, measuredS);
      return {
        platform: r.platform,
        model: r.model,
        configuration: configurationLine(specOf(r.platform)),
        status: r.status,
        rank: r.rank,
        statusReason: judgement.reason,
        advice: adviceFor(r, specOf(r.platform), measuredS),
        costPerMonthUsd: r.cost_per_month_usd,
        servedFraction: r.requests_arrived > 0 ? r.requests_completed / r.requests_arrived : NaN,
        latencyP50S: r.latency_p50_s,
        latencyP95S: r.latency_p95_s,
        latencyP99S: r.latency_p99_s,
        costDrivers: costDrivers(r),
        costTotalUsd: r.cost_total_usd,
      };
    });
  const top = platforms[0];
  const recommended = top !== undefined && top.status === 'ok' ? top.platform : null;
  const ok = platforms.filter((p) => p.status === 'ok');
  const difference =
    ok.length >= 2
      ? {
          cheaper: ok[0]!.platform,
          dearer: ok[1]!.platform,
          usdPerMonth: ok[1]!.costPerMonthUsd - ok[0]!.costPerMonthUsd,
          percent: ok[1]!.costPerMonthUsd > 0 ? ((ok[1]!.costPerMonthUsd - ok[0]!.costPerMonthUsd) / ok[1]!.costPerMonthUsd) * 100 : 0,
        }
      : null;
  const period = trafficPeriod(scenario.traffic);
  const extrapolated = period !== null && scenario.duration < period;
  // Its twin for a replayed log, whose span is its own period: a month from less than a day of it.
  const shortLog = shortLogWarning(scenario.traffic, scenario.duration);
  const alternatives = (input.alternatives ?? []).map((a) => {
    const recommendedWith = recommendationWith(platforms, a);
    return { ...a, flipsVerdict: recommendedWith !== recommended, recommendedWith };
  });
  const verdict: Verdict = {
    recommended,
    headline: withCaveat(withSearch(headline(platforms, recommended, difference), platforms, recommended, alternatives), input.sensitivity ?? null),
    platforms,
    difference,
    extrapolated,
    alternatives,
    breakeven: input.breakeven ?? null,
    sensitivity: input.sensitivity ?? null,
    lines: [],
    objectives: objectives.map((o) => o.text),
    warnings: [...(input.warnings ?? []), ...(shortLog === null ? [] : [shortLog]), ...availabilityWarnings(scenario, recommended, alternatives, input.caveats ?? [])],
    trafficPeriodS: period,
  };
  verdict.lines = verdictLines(verdict, scenario.duration);
  return verdict;
}

/** The recommendation when `alternative` replaces its platform's cost and status (null: none keeps up). */
function recommendationWith(platforms: readonly VerdictPlatform[], alternative: AlternativeCost): string | null {
  const changed = platforms.map((p) => (p.platform === alternative.platform ? { status: alternative.status, costPerMonthUsd: alternative.costPerMonthUsd } : p));
  const ranks = rankPlatforms(changed);
  const first = ranks.indexOf(1);
  return changed[first]!.status === 'ok' ? platforms[first]!.platform : null;
}

/**
 * What an alternative does to the recommendation, in words: "same recommendation", "makes vm
 * the choice", or "leaves none that keeps up" (a size below the recommendation's own, shown
 * because it is what makes that size the least that keeps up). A verdict.json from before
 * `recommendedWith` says "changes the recommendation".
 */
export function effectWords(a: Pick<VerdictAlternative, 'flipsVerdict' | 'recommendedWith'>): string {
  if (!a.flipsVerdict) return 'same recommendation';
  if (a.recommendedWith === undefined) return 'changes the recommendation';
  return a.recommendedWith === null ? 'leaves none that keeps up' : `makes ${a.recommendedWith} the choice`;
}

function headline(platforms: readonly VerdictPlatform[], recommended: string | null, difference: Verdict['difference']): string {
  if (platforms.length === 0) return 'No platform to compare.';
  const notOk = platforms.filter((p) => p.status !== 'ok');
  const problems = notOk.map((p) => `${p.platform} ${STATUS_WORDS[p.status]}`).join(', ');
  if (recommended === null) return `No platform meets the objectives: ${problems}.`;
  const best = platforms[0]!;
  const cost = `${formatUsdText(best.costPerMonthUsd)}/month`;
  if (platforms.length === 1) return `${best.platform} keeps up: ${cost}.`;
  const parts = [`Choose ${best.platform}: ${cost}`];
  if (difference !== null) {
    parts.push(`${formatUsdText(difference.usdPerMonth)} (${formatPercentText(difference.percent / 100)}) less than ${difference.dearer}`);
  }
  const tail =
    notOk.length === 0
      ? platforms.length === 2
        ? 'both keep up'
        : 'all keep up'
      : notOk
          .map((p) =>
            p.costPerMonthUsd < best.costPerMonthUsd
              ? `${p.platform} looks cheaper at ${formatUsdText(p.costPerMonthUsd)}/month but ${STATUS_WORDS[p.status]}`
              : `${p.platform} ${STATUS_WORDS[p.status]}`,
          )
          .join('; ');
  return `${parts.join(', ')}; ${tail}.`;
}

/**
 * The headline, and when the search for what keeps up (src/verdict/remedy-search.ts) found a
 * size that would change the choice, or that keeps the recommendation up for less, one more
 * sentence that says so: the reader of the headline alone must learn that "vm is overloaded"
 * is a matter of 7 VMs instead of 2 and would then be the cheaper choice. The cheapest such
 * size, a change of choice before a saving.
 */
function withSearch(text: string, platforms: readonly VerdictPlatform[], recommended: string | null, alternatives: readonly VerdictAlternative[]): string {
  const found = alternatives.filter((a) => a.search !== undefined && a.status === 'ok').sort((a, b) => a.costPerMonthUsd - b.costPerMonthUsd);
  const flip = found.find((a) => a.flipsVerdict);
  const statusOf = (name: string): string | undefined => platforms.find((p) => p.platform === name)?.status;
  if (flip !== undefined) {
    const how = statusOf(flip.platform) === 'ok' ? 'still keeps up' : 'keeps up';
    return `${text} ${flip.platform} ${how} with ${flip.change}, at ${formatUsdText(flip.costPerMonthUsd)}/month, which would make it the choice.`;
  }
  const own = recommended === null ? undefined : platforms.find((p) => p.platform === recommended);
  const saving = own === undefined ? undefined : found.find((a) => a.platform === own.platform && a.costPerMonthUsd < own.costPerMonthUsd);
  if (saving === undefined) return text;
  return `${text} It still keeps up with ${saving.change}, at ${formatUsdText(saving.costPerMonthUsd)}/month.`;
}

/**
 * The headline, and when the check of the assumptions found the recommendation resting on
 * something the user does not control or has not measured, a second sentence that says so: a
 * reader of the headline alone must not take an uncertain answer for a firm one. A flip under
 * a setting of the user's needs no caveat: the verdict is for the settings given, and
 * "What would change the answer" names the setting.
 */
function withCaveat(text: string, sensitivity: Verdict['sensitivity']): string {
  const flips = sensitivity?.flips ?? [];
  const of = (kind: string): string[] => [...new Set(flips.filter((f) => f.kind === kind).map((f) => f.parameter))];
  const unpublished = of('unpublished');
  const service = of('service');
  const sentences: string[] = [];
  if (unpublished.length > 0) {
    const provider = providers(flips.filter((f) => f.kind === 'unpublished').map((f) => f.model as ModelName));
    sentences.push(
      `Uncertain: it rests on ${unpublished.length === 1 ? 'a rule' : `${unpublished.length} rules`} ${notPublishedBy(provider)} (${joinAnd(unpublished)}; see Assumptions).`,
    );
  }
  if (service.length > 0) {
    const them = service.length === 1 ? 'it' : 'them';
    sentences.push(`It rests on how your service behaves (${joinAnd(service)}): measure ${them} and set ${them} in the scenario.`);
  }
  return [text, ...sentences].join(' ');
}

const INDENT = '  ';

/** The verdict in words, one string per printed line. */
function verdictLines(v: Verdict, durationS: number): string[] {
  const lines: string[] = ['Verdict', INDENT + v.headline];
  const width = Math.max(...v.platforms.map((p) => p.platform.length));
  const name = (p: string): string => INDENT + INDENT + p.padEnd(width);
  lines.push(INDENT + 'Cost per month (730 h), latency p50 / p95 / p99, requests served:');
  for (const p of v.platforms) {
    lines.push(
      `${name(p.platform)}  ${formatUsdText(p.costPerMonthUsd).padStart(8)}  ${[p.latencyP50S, p.latencyP95S, p.latencyP99S].map(formatLatencyText).join(' / ')}  ${formatServedText(p.servedFraction)} served  [${p.status}]`,
    );
  }
  if (v.extrapolated) {
    lines.push(
      INDENT + `(An extrapolation: ${formatDuration(durationS)} scaled to a month, shorter than the traffic's ${formatDuration(v.trafficPeriodS!)} pattern; run ${formatDuration(v.trafficPeriodS!)} for a month's figure.)`,
    );
  }
  lines.push(INDENT + 'What the bill is made of:');
  for (const p of v.platforms) {
    const drivers = p.costDrivers.slice(0, 3).map((d) => `${COMPONENT_WORDS[d.component] ?? d.component} ${formatPercentText(d.share)}`);
    lines.push(`${name(p.platform)}  ${drivers.length > 0 ? drivers.join(', ') : 'nothing billed'}`);
  }
  const shared = sharedDriver(v);
  if (shared !== null) lines.push(INDENT + shared);
  lines.push(INDENT + 'Configuration:');
  for (const p of v.platforms) lines.push(`${name(p.platform)}  ${p.configuration}`);
  const notOk = v.platforms.filter((p) => p.status !== 'ok');
  if (notOk.length > 0) {
    lines.push(INDENT + (v.recommended === null ? 'Why none is recommended:' : 'Not recommended:'));
    for (const p of notOk) {
      lines.push(`${name(p.platform)}  ${STATUS_WORDS[p.status]}: ${p.statusReason ?? ''}${p.advice !== null ? `. Try: ${p.advice}.` : '.'}`);
    }
  }
  if (v.alternatives.length > 0 || v.breakeven !== null || v.sensitivity !== null) {
    lines.push(INDENT + 'What would change the answer:');
    for (const a of v.alternatives) {
      const effect = effectWords(a);
      const how = a.simulated ? (a.search !== undefined ? `simulated; ${a.search.note}` : 'simulated') : 're-billed from the same run';
      lines.push(`${name(a.platform)}  with ${a.change}: ${formatUsdText(a.costPerMonthUsd)}/month [${a.status}], ${effect} (${how})`);
    }
    if (v.breakeven !== null) lines.push(INDENT + INDENT + v.breakeven.hint);
    if (v.sensitivity !== null) lines.push(INDENT + INDENT + v.sensitivity.hint);
  }
  lines.push(INDENT + `Objectives: ${v.objectives.join(', ')}.`);
  for (const w of v.warnings) lines.push(INDENT + `Warning: ${w}`);
  return lines;
}

/** "egress is 45 % of both bills" when one line is the largest of every bill. */
function sharedDriver(v: Verdict): string | null {
  if (v.platforms.length < 2) return null;
  const firsts = v.platforms.map((p) => p.costDrivers[0]);
  if (firsts.some((d) => d === undefined)) return null;
  const component = firsts[0]!.component;
  if (!firsts.every((d) => d!.component === component)) return null;
  const shares = firsts.map((d) => d!.share);
  const lo = Math.min(...shares);
  const hi = Math.max(...shares);
  const range = formatPercentText(lo) === formatPercentText(hi) ? formatPercentText(lo) : `${formatPercentText(lo)} to ${formatPercentText(hi)}`;
  return `${COMPONENT_WORDS[component] ?? component} is the largest line of ${v.platforms.length === 2 ? 'both bills' : 'every bill'} (${range}).`;
}
