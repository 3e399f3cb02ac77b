import { describe, expect, it } from 'vitest';
import { scenarioObjectives } from '../../src/experiment/slo.js';
import type { PlatformStatus } from '../../src/metrics/summary.js';
import { rankPlatforms } from '../../src/verdict/rank.js';
import { backlogGrows, platformStatus } from '../../src/verdict/status.js';
import { summaryRecord } from '../output/summary-fixture.js';

// summaryRecord(): 12,096,000 arrived over a week; 100 rejected, 20 timed out, 10 failed
// (130 lost, 0.00107 %); p50 61 ms, p99 950 ms.
// No warm-up: the counts cover the whole week.
const WEEK = 604_800;
const DEFAULT = scenarioObjectives();
const P99_500MS = scenarioObjectives({ served: 0.999, latency: { p99: 0.5 } });

describe('platformStatus: the rules, as a table', () => {
  it.each<[string, Parameters<typeof summaryRecord>[0], ReturnType<typeof scenarioObjectives>, PlatformStatus]>([
    ['130 of 12 M lost, no latency bound: ok', {}, DEFAULT, 'ok'],
    ['12,096 lost = exactly 0.1 %: ok (served >= 99.9 % is inclusive)', { requests_rejected: 12_096, requests_timed_out: 0, requests_failed: 0, requests_completed: 12_083_904 }, DEFAULT, 'ok'],
    ['12,097 lost, just over 0.1 %: overloaded', { requests_rejected: 12_097, requests_timed_out: 0, requests_failed: 0, requests_completed: 12_083_903 }, DEFAULT, 'overloaded'],
    ['31 % rejected (issue 11, vm at meanRps=100): overloaded', { requests_rejected: 3_749_760, requests_completed: 8_346_240, requests_timed_out: 0, requests_failed: 0 }, DEFAULT, 'overloaded'],
    ['unfinished count as not served: 14 M waiting at the end is overloaded', { requests_arrived: 17_280_000, requests_completed: 3_280_000, requests_rejected: 0, requests_timed_out: 0, requests_failed: 0, requests_unfinished: 14_000_000 }, DEFAULT, 'overloaded'],
    ['backlog growing at 2 % of the arrival rate (20 req/s x 0.02 = 0.4 req/s): overloaded', { backlog_growth_per_s: 0.4 }, DEFAULT, 'overloaded'],
    ['backlog growing at 0.5 % of the arrival rate: ok', { backlog_growth_per_s: 0.1 }, DEFAULT, 'ok'],
    ['p99 950 ms against p99 <= 500 ms: misses-slo', {}, P99_500MS, 'misses-slo'],
    ['p99 exactly 500 ms against p99 <= 500 ms: ok', { latency_p99_s: 0.5 }, P99_500MS, 'ok'],
    ['loses requests AND misses latency: overloaded comes first', { requests_rejected: 1_000_000, requests_completed: 11_095_970 }, P99_500MS, 'overloaded'],
    ['no request arrived: cannot be judged ok', { requests_arrived: 0, requests_completed: 0, requests_rejected: 0, requests_timed_out: 0, requests_failed: 0 }, DEFAULT, 'misses-slo'],
  ])('%s', (_, overrides, objectives, status) => {
    expect(platformStatus(summaryRecord(overrides), objectives, WEEK).status).toBe(status);
  });

  it('says why in words', () => {
    const r = summaryRecord({ requests_rejected: 3_749_760, requests_completed: 8_346_130 });
    expect(platformStatus(r, DEFAULT, WEEK).reason).toBe('loses 31 % of requests (31 % rejected, 0.0002 % timed out, 0.0001 % failed; objective served >= 99.9 %)');
    expect(platformStatus(summaryRecord(), P99_500MS, WEEK).reason).toBe('p99 is 950 ms (objective p99 <= 500 ms)');
    expect(platformStatus(summaryRecord(), DEFAULT, WEEK).reason).toBeNull();
  });
});

describe('the backlog rule reads the arrival rate over the window the counts cover', () => {
  // Two hours with an hour's warm-up: 36,000 arrivals counted, 10 req/s over the measured hour
  // (5 req/s if divided by the whole run, which would halve the threshold).
  const twoHours = (growth: number) =>
    summaryRecord({ duration_s: 7200, requests_arrived: 36_000, requests_completed: 36_000, requests_rejected: 0, requests_timed_out: 0, requests_failed: 0, requests_unfinished: 0, backlog_growth_per_s: growth });
  it.each<[string, number, boolean]>([
    ['0.8 % of 10 req/s (1.6 % of the whole run\'s 5 req/s): not growing', 0.08, false],
    ['1.2 % of 10 req/s: growing', 0.12, true],
  ])('%s', (_, growth, grows) => {
    expect(backlogGrows(twoHours(growth), 3600)).toBe(grows);
    expect(platformStatus(twoHours(growth), DEFAULT, 3600).status).toBe(grows ? 'overloaded' : 'ok');
  });
});

describe('rankPlatforms: ok first, cheapest first; the overloaded last however cheap', () => {
  const p = (status: PlatformStatus, costPerMonthUsd: number) => ({ status, costPerMonthUsd });
  it.each<[string, ReturnType<typeof p>[], number[]]>([
    ['both ok: the cheaper first', [p('ok', 216), p('ok', 179)], [2, 1]],
    ['issue 11: the overloaded VMs look cheaper ($71) than Cloud Run ($147): Cloud Run first', [p('ok', 147), p('overloaded', 71)], [1, 2]],
    ['misses-slo ranks after ok and before overloaded', [p('overloaded', 1), p('misses-slo', 2), p('ok', 3)], [3, 2, 1]],
    ['none ok: misses-slo first, then by cost', [p('overloaded', 10), p('misses-slo', 30), p('misses-slo', 20)], [3, 2, 1]],
    ['equal costs keep the scenario order', [p('ok', 50), p('ok', 50)], [1, 2]],
    ['an undefined cost ranks last within its status', [p('ok', NaN), p('ok', 500)], [2, 1]],
  ])('%s', (_, platforms, ranks) => {
    expect(rankPlatforms(platforms)).toEqual(ranks);
  });
});
