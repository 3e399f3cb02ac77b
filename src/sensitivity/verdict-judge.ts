import { buildVerdict } from '../verdict/build-verdict.js';
import { withRanks } from '../verdict/rank.js';
import type { Judge } from './judge.js';

/**
 * The verdict's own rules applied to a variant: the records carry their status and cost per
 * month from the run (src/metrics/summarize.ts); ranks are taken again over the assembled
 * records, since a variant's re-simulated platform was ranked alone in its job; the
 * recommendation is what `sim run` would print for the same records (buildVerdict).
 */
export const verdictJudge: Judge = (records, scenario) => {
  const ranked = withRanks(records);
  const verdict = buildVerdict({ scenario, records: ranked });
  return {
    recommended: verdict.recommended,
    platforms: ranked.map((r) => ({
      platform: r.platform,
      costPerMonthUsd: r.cost_per_month_usd,
      latencyP99S: r.latency_p99_s,
      status: r.status,
      rank: r.rank,
    })),
  };
};
