import type { ModelName } from '../scenario/catalog-file.js';
import type { Judgement } from './judge.js';
import { countKinds, joinAnd, kindWords, providers } from './kind-words.js';
import { showValue, type PlannedRow } from './plan.js';
import type { SensitivityKindCount, SensitivityResult, SensitivityRow, SensitivityVariant } from './types.js';

/** The baseline's two best-ranked platforms: the cost difference is taken between them. */
export interface BaselinePair {
  readonly first: string;
  readonly second: string;
}

/** The baseline's rank 1 and rank 2 platforms; null with fewer than two platforms. */
export function baselinePair(baseline: Judgement): BaselinePair | null {
  const ranked = [...baseline.platforms].sort((a, b) => a.rank - b.rank);
  return ranked.length < 2 ? null : { first: ranked[0]!.platform, second: ranked[1]!.platform };
}

/** One run's judgement in the result's terms. */
export function toVariant(j: Judgement, pair: BaselinePair | null): SensitivityVariant {
  const cost = (name: string): number => j.platforms.find((p) => p.platform === name)!.costPerMonthUsd;
  return {
    recommended: j.recommended,
    platforms: j.platforms.map((p) => ({ platform: p.platform, costPerMonthUsd: p.costPerMonthUsd, latencyP99S: p.latencyP99S, status: p.status })),
    costDifferenceUsd: pair === null ? null : cost(pair.second) - cost(pair.first),
  };
}

/**
 * What a tornado bar measures for a variant: the cost difference between the baseline's
 * recommendation and its runner-up; with a single platform, that platform's cost.
 */
function measure(v: SensitivityVariant): number {
  return v.costDifferenceUsd ?? v.platforms[0]?.costPerMonthUsd ?? NaN;
}

/**
 * The bar's length: how far the measure moves over baseline, low and high, max - min. Taking
 * the baseline in matters when both ends move the same way (a range from 30 s to 60 s around a
 * default of 60 s): |high - low| alone would understate it.
 */
export function swing(baseline: SensitivityVariant, low: SensitivityVariant, high: SensitivityVariant): number {
  const values = [measure(baseline), measure(low), measure(high)].filter((x) => !Number.isNaN(x));
  return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values);
}

/** Tornado order: largest swing first; equal swings by parameter name, so the order is total. */
export function tornadoOrder(a: SensitivityRow, b: SensitivityRow): number {
  if (a.swingUsd !== b.swingUsd) return b.swingUsd - a.swingUsd;
  return a.parameter < b.parameter ? -1 : a.parameter > b.parameter ? 1 : 0;
}

const named = (recommended: string | null): string => (recommended === null ? 'no platform ok' : `${recommended} recommended`);

/** "vm.count is 1 or 4 (cloud-run recommended)": the ends of one flipping row. */
function flipCase(r: SensitivityRow, baseline: SensitivityVariant): string {
  const ends = (['low', 'high'] as const).filter((end) => r.at[end].recommended !== baseline.recommended);
  const to = ends.map((end) => named(r.at[end].recommended));
  // "vm.count is 1 or 4 (cloud-run recommended)" when both ends flip the same way.
  return to.every((t) => t === to[0])
    ? `${r.parameter} is ${ends.map((end) => showValue(r[end])).join(' or ')} (${to[0]!})`
    : ends.map((end, i) => `${r.parameter} is ${showValue(r[end])} (${to[i]!})`).join(' or ');
}

/**
 * The robustness sentence, kind by kind (AssumptionKind), since what a flip means depends on
 * whose unknown it is: "holds under all 14 rules Google does not publish and all 7 assumptions
 * about your service; flips under 1 of your 6 settings: if vm.count is 1 (vm recommended)".
 * Flips are listed in tornado order, low end before high; "vm.count is 1 or 4 (cloud-run
 * recommended)" when both ends of one range flip to the same platform.
 */
export function robustness(
  rows: readonly SensitivityRow[],
  baseline: SensitivityVariant,
): { holds: number; total: number; kinds: SensitivityKindCount[]; summary: string } {
  const total = rows.length;
  const holds = total - rows.filter((r) => r.flips).length;
  const kinds = countKinds(rows, true).map((c) => ({ kind: c.kind, total: c.total, holds: c.holds! }));
  if (total === 0) return { holds, total, kinds, summary: 'no assumption with a range applies to these platforms: nothing to vary' };
  const provider = providers(rows.filter((r) => r.kind === 'unpublished').map((r) => r.model as ModelName));
  const holding = kinds.filter((c) => c.holds === c.total).map((c) => kindWords(c.kind, c.total, c.total, provider));
  const flipping = kinds
    .filter((c) => c.holds < c.total)
    .map((c) => {
      const cases = rows.filter((r) => r.kind === c.kind && r.flips).map((r) => flipCase(r, baseline));
      return `flips under ${kindWords(c.kind, c.total - c.holds, c.total, provider)}: if ${cases.join(' or ')}`;
    });
  const parts = [...(holding.length > 0 ? [`holds under ${joinAnd(holding)}`] : []), ...flipping];
  return { holds, total, kinds, summary: parts.join('; ') };
}

/** The result from the plan and the judgement of every run. */
export function assembleResult(
  scenario: string,
  seed: number,
  planned: readonly PlannedRow[],
  skipped: readonly { parameter: string; reason: string }[],
  baseline: Judgement,
  at: readonly { low: Judgement; high: Judgement }[],
): SensitivityResult {
  const pair = baselinePair(baseline);
  const base = toVariant(baseline, pair);
  const rows: SensitivityRow[] = planned.map((p, i) => {
    const low = toVariant(at[i]!.low, pair);
    const high = toVariant(at[i]!.high, pair);
    return {
      parameter: p.parameter,
      model: p.assumption.model,
      kind: p.assumption.kind,
      assumption: p.assumption.assumption,
      why: p.assumption.why,
      baseline: p.baseline,
      low: p.low,
      high: p.high,
      at: { low, high },
      flips: low.recommended !== base.recommended || high.recommended !== base.recommended,
      swingUsd: swing(base, low, high),
      note: p.note,
    };
  });
  rows.sort(tornadoOrder);
  return { scenario, seed, baseline: base, rows, skipped: [...skipped], ...robustness(rows, base) };
}
