import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError } from '../../src/errors.js';
import { createJobPool } from '../../src/experiment/job-pool.js';
import { runScenario } from '../../src/experiment/run.js';
import type { SummaryRecord } from '../../src/metrics/summary.js';
import { assumptionRanges } from '../../src/scenario/assumptions.js';
import { completeScenarioFile, loadScenario, resolveScenario } from '../../src/scenario/load.js';
import type { Judge } from '../../src/sensitivity/judge.js';
import { planSensitivity } from '../../src/sensitivity/plan.js';
import { runSensitivity } from '../../src/sensitivity/run-sensitivity.js';
import { verdictJudge } from '../../src/sensitivity/verdict-judge.js';
import { withRanks } from '../../src/verdict/rank.js';
import { TINY_SWEEP_SCENARIO } from '../helpers/tiny-scenario.js';
import { cheapestJudge, fixtureCatalog } from './fixture-catalog.js';
import { scenarioFolder } from '../helpers/scenario-folder.js';

const { dir, write } = scenarioFolder('scalesim-sensitivity-');

describe('runSensitivity', () => {
  it('gives each variant exactly the records of `sim run --set` with the same seed', async () => {
    const file = write('tiny.json', TINY_SWEEP_SCENARIO);
    const sets = ['duration=5m'];
    const calls: SummaryRecord[][] = [];
    const spy: Judge = (records, scenario) => {
      // Ranks compare platforms: a re-simulated platform was ranked alone in its job, so the
      // records are compared after ranking them together, as the verdict's judge does.
      calls.push(withRanks(records));
      return cheapestJudge(records, scenario);
    };
    const pool = createJobPool(1);
    const result = await runSensitivity({ file, sets, seed: 3, catalog: fixtureCatalog(), judge: spy }, pool);
    await pool.close();

    // The plan in catalog order: calls are row 0 low, row 0 high, row 1 low, ..., then the baseline.
    const plan = planSensitivity(fixtureCatalog(), TINY_SWEEP_SCENARIO, completeScenarioFile(TINY_SWEEP_SCENARIO, file, sets), resolveScenario(TINY_SWEEP_SCENARIO, file, sets), sets);
    expect(plan.rows.map((r) => r.parameter)).toEqual([
      'cloud-run.coldStart', 'cloud-run.routing', 'cloud-run.evaluationInterval', 'cloud-run.scaleInDelay', 'cloud-run.maxIdle', 'vm.workers', 'vm.disk',
    ]);
    expect(calls).toHaveLength(2 * plan.rows.length + 1);
    plan.rows.forEach((row, i) => {
      for (const [k, end] of (['low', 'high'] as const).entries()) {
        const direct = runScenario(loadScenario(file, [...sets, ...row.sets[end]]), { seed: 3 });
        expect(calls[2 * i + k], `${row.parameter} at ${end}`).toEqual(direct);
      }
    });
    expect(calls.at(-1)).toEqual(runScenario(loadScenario(file, sets), { seed: 3 }));
    // A cold start 2.2 s slower must show in Cloud Run's p99 and leave the VMs' untouched.
    const cold = result.rows.find((r) => r.parameter === 'cloud-run.coldStart')!;
    expect(cold.at.high.platforms[0]!.latencyP99S).toBeGreaterThan(result.baseline.platforms[0]!.latencyP99S);
    expect(cold.at.high.platforms[1]).toEqual(result.baseline.platforms[1]);
  });

  it.each([
    ['the stand-in judge', cheapestJudge],
    ["the verdict's rules", verdictJudge],
  ])('counts a flip where a range provably decides the order of two platforms a few %% apart (%s)', async (_name, judge) => {
    // Two fixed fleets, no autoscaling, so every cost is closed form (models/compute-engine.json prices):
    //   a: 1 x e2-standard-2, external IP, 10 GB pd-balanced:
    //      0.0670114 + 0.005 + 10 x 0.1 / 730 $/h
    //   b: 2 x e2-medium, each with IP and disk, no load balancer:
    //      2 x (0.0335057 + 0.005 + 10 x 0.1 / 730) $/h
    //   b - a = 0.005 + 1/730 $/h = 4.65 $ a 730-h month (4 %): a recommended.
    // Responses leave both the same way (same requests, same bytes), so egress cancels.
    // The fixture's disk range is 10 GB to 200 GB: a's disk at 200 GB adds 190 x 0.1 = $19 a
    // month to a: difference 4.65 - 19 = -14.35, b recommended (a flip). b's disk at 200 GB
    // adds 2 x 19 = $38 to b: difference 42.65, no flip. Workers change no cost: no flip.
    const file = write('pair.json', {
      name: 'pair',
      duration: '1h',
      traffic: { type: 'poisson', rps: 1 },
      requests: { cpu: '10ms', io: '20ms', responseBytes: 4096 },
      platforms: [
        { name: 'a', model: 'compute-engine', machineType: 'e2-standard-2', count: 1 },
        { name: 'b', model: 'compute-engine', machineType: 'e2-medium', count: 2, externalLoadBalancer: false },
      ],
    });
    const pool = createJobPool(1);
    const result = await runSensitivity({ file, sets: [], seed: 1, catalog: fixtureCatalog(), judge }, pool);
    await pool.close();

    expect(result.baseline.platforms.map((p) => p.status)).toEqual(['ok', 'ok']);
    expect(result.baseline.recommended).toBe('a');
    expect(result.baseline.costDifferenceUsd).toBeCloseTo(4.65, 6);
    const diskA = result.rows.find((r) => r.parameter === 'a.disk')!;
    const diskB = result.rows.find((r) => r.parameter === 'b.disk')!;
    expect(diskA.at.high.costDifferenceUsd).toBeCloseTo(4.65 - 19, 6);
    expect(diskA.at.high.recommended).toBe('b');
    expect(diskB.at.high.costDifferenceUsd).toBeCloseTo(4.65 + 38, 6);
    expect(result.rows.map((r) => r.parameter)).toEqual(['b.disk', 'a.disk', 'a.workers', 'b.workers']); // swings 38, 19, 0, 0
    expect([result.holds, result.total]).toEqual([3, 4]);
    expect(result.summary).toBe('flips under 1 of your 4 settings: if a.disk is sizeGB=200 (b recommended)');
    expect(result.kinds).toEqual([{ kind: 'setting', total: 4, holds: 3 }]);
  });

  it('reads a YAML scenario as sim run does, with the same result as its JSON twin', async () => {
    const json = write('twin.json', TINY_SWEEP_SCENARIO);
    const yamlPath = join(dir, 'twin.yaml');
    writeFileSync(yamlPath, stringify({ ...TINY_SWEEP_SCENARIO, platforms: [{ ...TINY_SWEEP_SCENARIO.platforms[0], scaleInDelay: '2m' }, TINY_SWEEP_SCENARIO.platforms[1]] }));
    writeFileSync(json, JSON.stringify({ ...TINY_SWEEP_SCENARIO, platforms: [{ ...TINY_SWEEP_SCENARIO.platforms[0], scaleInDelay: '2m' }, TINY_SWEEP_SCENARIO.platforms[1]] }));
    const pool = createJobPool(1);
    const run = (file: string) => runSensitivity({ file, sets: ['duration=2m'], seed: 2, catalog: fixtureCatalog(), judge: cheapestJudge }, pool);
    const [fromYaml, fromJson] = [await run(yamlPath), await run(json)];
    await pool.close();
    expect(fromYaml).toEqual(fromJson);
    expect(fromYaml.rows.find((r) => r.parameter === 'cloud-run.scaleInDelay')!.note).toBe("the scenario sets 2m; the model's default is 60s");
  });

  it('refuses, before any simulation, a run estimated past the limit, with the estimate', async () => {
    const file = write('long.json', { ...TINY_SWEEP_SCENARIO, duration: '7d', traffic: { type: 'poisson', rps: 100 } });
    const pool = createJobPool(1);
    // 100 req/s x 7 d = 60,480,000 requests per simulation; of the 7 ranges vm.disk is billed
    // from the baseline's run, and cloud-run.maxIdle's high end is the scenario's own 15m (the
    // baseline's record), so 2 + 2 x 6 - 1 = 13 simulations at 300,000 requests/s on 1 worker:
    // 2,620.8 s = 44 min, past a 10-minute limit.
    const run = runSensitivity({ file, sets: [], seed: 1, catalog: fixtureCatalog(), judge: cheapestJudge, limits: { maxSeconds: 600, maxBytes: 4 * 1024 ** 3 } }, pool);
    await expect(run).rejects.toThrow(InputError);
    // At the typical 750,000 requests/s: 1,048.3 s, 17 min. The --max-time it suggests is one
    // the flag takes (whole minutes; it suggested "66min", which --max-time refuses): 1.5 x
    // 2,620.8 s = 3,931 s, 66 minutes.
    await expect(run).rejects.toThrow(
      /13 simulations \(2 platforms of the baseline \+ 11 range ends simulated, one platform each\) of about 60,480,000 requests each, an estimated 44 min on 1 worker \(at 300,000 requests\/s each, the low end; about 17 min at the typical 750,000 requests\/s\): refused; shorten duration, or pass --max-time 66m to run it anyway$/,
    );
    await pool.close();
  });

  it('skips, with the reason, a range whose end the scenario\'s other settings refuse, and checks the rest', async () => {
    // An autoscaler that keeps 3 VMs: the count's low end, 1, is below its minSize.
    const scenario = { ...TINY_SWEEP_SCENARIO, platforms: [TINY_SWEEP_SCENARIO.platforms[0], { name: 'vm', model: 'compute-engine', count: 3, autoscaling: { mode: 'on', minSize: 3, maxSize: 6 } }] };
    const file = write('autoscaled.json', scenario);
    const catalog = assumptionRanges().filter((a) => a.model === 'compute-engine' && (a.field === 'count' || a.field === 'externalIp'));
    const pool = createJobPool(1);
    try {
      const result = await runSensitivity({ file, sets: [], seed: 1, catalog, judge: cheapestJudge }, pool);
      expect(result.rows.map((r) => r.parameter)).toEqual(['vm.externalIp']);
      expect(result.skipped.find((s) => s.parameter === 'vm.count')!.reason).toBe(
        "its low end, 1, does not fit the scenario's other settings (platforms[1].count: 1 is not allowed: an initial size from autoscaling.minSize (3) to autoscaling.maxSize (6))",
      );
    } finally {
      await pool.close();
    }
  });

  it('reports a range value the scenario cannot take against the models file', async () => {
    const file = write('tiny2.json', TINY_SWEEP_SCENARIO);
    const catalog = fixtureCatalog().map((a) => (a.field === 'scaleInDelay' ? { ...a, low: 'soon' } : a));
    const pool = createJobPool(1);
    const run = runSensitivity({ file, sets: [], seed: 1, catalog, judge: cheapestJudge }, pool);
    await expect(run).rejects.toThrow(/^models\/cloud-run.json: defaults.scaleInDelay.range.low: soon does not fit cloud-run.scaleInDelay: /);
    await pool.close();
  });
});
