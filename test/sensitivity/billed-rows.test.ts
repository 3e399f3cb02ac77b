import { describe, expect, it } from 'vitest';
import { createJobPool } from '../../src/experiment/job-pool.js';
import { runScenario } from '../../src/experiment/run.js';
import type { SummaryRecord } from '../../src/metrics/summary.js';
import { PLATFORMS } from '../../src/platforms/registry.js';
import { assumptionRanges } from '../../src/scenario/assumptions.js';
import { completeScenarioFile, loadScenario, resolveScenario } from '../../src/scenario/load.js';
import type { Judge } from '../../src/sensitivity/judge.js';
import { planSensitivity } from '../../src/sensitivity/plan.js';
import { runSensitivity } from '../../src/sensitivity/run-sensitivity.js';
import { withRanks } from '../../src/verdict/rank.js';
import { scenarioFolder } from '../helpers/scenario-folder.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';
import { cheapestJudge } from './fixture-catalog.js';

const { write } = scenarioFolder('scalesim-billed-rows-');

/**
 * The ranges of models/ that a platform declares bill-only (PlatformEntry.billsOnly: a price, a
 * rounding rule, a disk, an IP, the Spot discount) or front-end-only (frontEndOnly: the latency
 * a front end adds, a VM fleet's external load balancer) are billed and measured from the
 * baseline's run by `sim sensitivity` instead of simulated. That is right only if the variant's
 * record is exactly the record of simulating it: checked here for every such range of the real
 * catalog, on a scenario where each one applies (Cloud Run in a Tier 2 region, request-based
 * with roundingScope "instance" and a min instance, and instance-based; Spot VMs behind a load
 * balancer with a disk and an external IP; a Lambda function).
 */
describe('ranges billed and measured from the baseline run', () => {
  it('give exactly the records of simulating each end, and the check simulates only the baseline', async () => {
    const scenarioFile = {
      ...TINY,
      duration: '20m',
      platforms: [
        { name: 'cloud-run', model: 'cloud-run', region: 'europe-west2', roundingScope: 'instance', minInstances: 1 },
        { name: 'by-instance', model: 'cloud-run', region: 'europe-west2', billing: 'instance' },
        { name: 'vm', model: 'compute-engine', count: 2, pricing: 'spot', externalIp: true },
        { name: 'fn', model: 'lambda' },
      ],
    };
    const file = write('billed.json', scenarioFile);
    const catalog = assumptionRanges().filter((a) => PLATFORMS.of(a).billsOnly(a) || PLATFORMS.of(a).frontEndOnly(a));
    // Both kinds are here: the front ends of all three models, and the load balancer.
    expect(catalog.filter((a) => PLATFORMS.of(a).frontEndOnly(a)).map((a) => `${a.model} ${a.field}`).sort()).toEqual([
      'cloud-run frontEndLatency',
      'compute-engine externalLoadBalancer',
      'compute-engine frontEndLatency',
      'lambda frontEndLatency',
    ]);
    const sets: string[] = [];
    const plan = planSensitivity(catalog, scenarioFile, completeScenarioFile(scenarioFile, file, sets), resolveScenario(scenarioFile, file, sets), sets);
    // Every such range of the catalog applies here (to one Cloud Run platform or both), each measured from the run.
    const applied = new Set(plan.rows.map((r) => `${r.assumption.model} ${r.assumption.key}`));
    expect(catalog.filter((a) => a.low !== a.high && !applied.has(`${a.model} ${a.key}`)).map((a) => a.key)).toEqual([]);
    expect(plan.rows.length).toBeGreaterThanOrEqual(10);
    expect(plan.rows.every((r) => r.fromRun)).toBe(true);

    const calls: SummaryRecord[][] = [];
    const spy: Judge = (records, scenario) => {
      calls.push(withRanks(records));
      return cheapestJudge(records, scenario);
    };
    let total = -1;
    const pool = createJobPool(1);
    try {
      await runSensitivity({ file, sets, seed: 8, catalog, judge: spy, onProgress: (_done, all) => (total = all) }, pool);
    } finally {
      await pool.close();
    }
    // The four platforms once each, nothing more.
    expect(total).toBe(4);
    expect(calls).toHaveLength(2 * plan.rows.length + 1);
    plan.rows.forEach((row, i) => {
      const [low, high] = [calls[2 * i]!, calls[2 * i + 1]!];
      for (const [end, records] of [['low', low], ['high', high]] as const) {
        const direct = runScenario(loadScenario(file, [...sets, ...row.sets[end]]), { seed: 8 });
        expect(records, `${row.parameter} at ${end}`).toEqual(direct);
      }
      // Each range moves its platform's bill or its latency: the comparison above is not of two baselines.
      const own = (records: SummaryRecord[]) => records.find((r) => r.platform === row.platform)!;
      const moved = own(low).cost_total_usd !== own(high).cost_total_usd || own(low).latency_mean_s !== own(high).latency_mean_s;
      expect(moved, row.parameter).toBe(true);
    });
  });
});
