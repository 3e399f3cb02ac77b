import type { PlatformStatus, SummaryRecord } from '../metrics/summary.js';

/** Order of statuses in a ranking: those that keep up first, then those that miss latency, then the overloaded. */
const STATUS_ORDER: Readonly<Record<PlatformStatus, number>> = { ok: 0, 'misses-slo': 1, overloaded: 2 };

/**
 * Ranks of platforms (1 = the recommendation), pure: `ok` platforms first, cheapest per month
 * first; then `misses-slo`, then `overloaded`, each cheapest first; equal costs keep the
 * scenario's order. An overloaded platform can look cheapest (it serves less): it still ranks
 * after every platform that keeps up. An undefined cost ranks last within its status.
 * Returns ranks in the order of `platforms`. Tests: test/verdict/rank.test.ts.
 */
export function rankPlatforms(platforms: readonly { readonly status: PlatformStatus; readonly costPerMonthUsd: number }[]): number[] {
  const order = platforms
    .map((p, index) => ({ p, index }))
    .sort((a, b) => STATUS_ORDER[a.p.status] - STATUS_ORDER[b.p.status] || byCost(a.p.costPerMonthUsd, b.p.costPerMonthUsd) || a.index - b.index);
  const ranks = new Array<number>(platforms.length);
  order.forEach(({ index }, position) => {
    ranks[index] = position + 1;
  });
  return ranks;
}

function byCost(a: number, b: number): number {
  const fa = Number.isFinite(a);
  const fb = Number.isFinite(b);
  if (fa && fb) return a - b;
  return fa ? -1 : fb ? 1 : 0;
}

/** The records with `rank` filled in by rankPlatforms over their status and cost per month. */
export function withRanks(records: readonly SummaryRecord[]): SummaryRecord[] {
  const ranks = rankPlatforms(records.map((r) => ({ status: r.status, costPerMonthUsd: r.cost_per_month_usd })));
  return records.map((r, i) => ({ ...r, rank: ranks[i]! }));
}
