import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assumptionRanges } from '../../src/scenario/assumptions.js';
import type { Judge } from '../../src/sensitivity/judge.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The assumption catalog of test/sensitivity/fixtures/ (models files with ranges). */
export const fixtureCatalog = () =>
  assumptionRanges(undefined, { 'cloud-run': join(here, 'fixtures', 'cloud-run.json'), 'compute-engine': join(here, 'fixtures', 'compute-engine.json') });

/**
 * A stand-in for the verdict's rules in tests of the machinery: every platform ok, ranked by
 * cost scaled to a 730-hour month (ties by scenario order). The real rules live in src/verdict/.
 */
export const cheapestJudge: Judge = (records) => {
  const month = (r: (typeof records)[number]) => (r.cost_total_usd / r.duration_s) * 730 * 3600;
  const order = records.map((r, i) => ({ r, i })).sort((a, b) => month(a.r) - month(b.r) || a.i - b.i);
  return {
    recommended: order[0]?.r.platform ?? null,
    platforms: records.map((r) => ({
      platform: r.platform,
      costPerMonthUsd: month(r),
      latencyP99S: r.latency_p99_s,
      status: 'ok' as const,
      rank: order.findIndex((o) => o.r === r) + 1,
    })),
  };
};
