import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError } from '../../src/errors.js';
import { findBreakeven, type BreakevenSpec, type Evaluation } from '../../src/experiment/breakeven.js';
import { parseGridFlag } from '../../src/experiment/grid.js';
import { createJobPool, type JobPool } from '../../src/experiment/job-pool.js';
import { optimize } from '../../src/experiment/optimize.js';
import { renderOptimize } from '../../src/cli/optimize.js';
import { runScenario } from '../../src/experiment/run.js';
import { parseSlo } from '../../src/experiment/slo.js';
import { loadScenario } from '../../src/scenario/load.js';

/**
 * Breakeven and optimize in this process (one worker). Scenario: 10 minutes of Poisson
 * traffic on Cloud Run (pays per use) and one e2-medium VM (pays a fixed price per second),
 * so Cloud Run is cheaper at low traffic and the VM at high traffic.
 */

let dir = '';
let file = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scalesim-breakeven-'));
  file = join(dir, 'pair.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'pair',
      duration: '10m',
      traffic: { type: 'poisson', rps: 5 },
      requests: { cpu: { dist: 'lognormal', mean: '30ms', cv: 1 }, io: { dist: 'exponential', mean: '50ms' }, responseBytes: 0 },
      platforms: [
        { name: 'cloud-run', model: 'cloud-run', concurrency: 80 },
        { name: 'vm', model: 'compute-engine', count: 1, externalIp: false, disk: null },
      ],
    }),
  );
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

const spec = (over: Partial<BreakevenSpec> = {}): BreakevenSpec => ({
  file,
  sets: [],
  vary: 'traffic.rps',
  low: 0.5,
  high: 40,
  replications: 2,
  seed: 1,
  metric: 'cost_total_usd',
  tolerance: 0.02,
  ...over,
});

const difference = (e: Evaluation): number => e.platforms[0]!.metric.mean - e.platforms[1]!.metric.mean;

describe('findBreakeven', () => {
  it('brackets the traffic where the cheaper platform changes, to the tolerance', async () => {
    const pool = createJobPool(1);
    const seen: number[] = [];
    const result = await findBreakeven(spec(), pool, (e) => seen.push(e.value));
    expect(result.state).toBe('crossing');
    if (result.state !== 'crossing') return;
    expect(result.lowerBelow).toBe('cloud-run');
    expect(result.lowerAbove).toBe('vm');
    expect(difference(result.below)).toBeLessThan(0);
    expect(difference(result.above)).toBeGreaterThan(0);
    expect(result.above.value - result.below.value).toBeLessThanOrEqual(0.02 * ((result.above.value + result.below.value) / 2));
    expect(result.estimate).toBeGreaterThanOrEqual(result.below.value);
    expect(result.estimate).toBeLessThanOrEqual(result.above.value);
    // The low end and the inner point (the geometric mean, to three digits) first.
    expect(seen.slice(0, 2)).toEqual([0.5, 4.47]);
    expect(result.evaluations).toBe(seen.length);

    // The figures are means of runScenario's records at that value (common random numbers).
    const scenario = loadScenario(file, [`traffic.rps=${result.below.value}`]);
    const runs = [0, 1].map((replication) => runScenario(scenario, { seed: 1, replication }));
    expect(result.below.platforms[1]!.costTotal.mean).toBeCloseTo((runs[0]![1]!.cost_total_usd + runs[1]![1]!.cost_total_usd) / 2, 12);
  });

  it('hands the pool one job per platform, both platforms of a value at once, and puts each record back with its platform', async () => {
    const inner = createJobPool(1);
    const batches: (readonly string[] | undefined)[][] = [];
    const pool: JobPool = {
      workers: 2,
      run: (jobs, onResult) => {
        batches.push(jobs.map((j) => j.platforms));
        return inner.run(jobs, onResult);
      },
      runJobs: (jobs, onResult, onEvent) => inner.runJobs(jobs, onResult, onEvent),
      close: () => inner.close(),
    };
    const result = await findBreakeven(spec({ high: 10 }), pool);
    if (result.state !== 'crossing') throw new Error(`expected a crossing, got ${result.state}`);
    // The low end and the inner point: 2 values x 2 replications x 2 platforms; each later value: 2 replications x 2 platforms.
    expect(batches[0]).toEqual(Array.from({ length: 4 }, () => [['cloud-run'], ['vm']]).flat());
    for (const batch of batches.slice(1)) expect(batch).toEqual([['cloud-run'], ['vm'], ['cloud-run'], ['vm']]);
    // Each platform's figures are the means of its own records of a run of both (replications 0 and 1).
    const scenario = loadScenario(file, [`traffic.rps=${result.above.value}`]);
    const runs = [0, 1].map((replication) => runScenario(scenario, { seed: 1, replication }));
    for (const j of [0, 1]) {
      expect(result.above.platforms[j]!.platform).toBe(runs[0]![j]!.platform);
      expect(result.above.platforms[j]!.costTotal.mean).toBe((runs[0]![j]!.cost_total_usd + runs[1]![j]!.cost_total_usd) / 2);
      expect(result.above.platforms[j]!.latencyP95.mean).toBe((runs[0]![j]!.latency_p95_s + runs[1]![j]!.latency_p95_s) / 2);
    }
  });

  it("takes a run the caller has made at the inner point instead of simulating it, with the same answer", async () => {
    // The inner point of [0.5, 40] is 4.47; a run there, replication 0, is what the search would simulate.
    const records = runScenario(loadScenario(file, ['traffic.rps=4.47']), { seed: 1, replication: 0 });
    const seen: Evaluation[] = [];
    const plain = await findBreakeven(spec({ replications: 1 }), createJobPool(1), (e) => seen.push(e));
    const inner = seen.find((e) => e.value === 4.47)!;
    expect(inner.platforms.map((p) => p.metric.mean)).toEqual(records.map((r) => r.cost_total_usd));
    const values: number[] = [];
    const withRun = await findBreakeven(spec({ replications: 1, known: { value: 4.47, records } }), createJobPool(1), (e) => values.push(e.value));
    expect(values).not.toContain(4.47);
    expect(values).toEqual(seen.map((e) => e.value).filter((v) => v !== 4.47));
    expect(withRun).toEqual({ ...plain, evaluations: plain.evaluations - 1 });
    // A known value costs the budget nothing: a budget that only pays for the low end is enough to start.
    const cheap = await findBreakeven(spec({ replications: 1, known: { value: 4.47, records }, budget: { cost: (v) => v, limit: 0.5 } }), createJobPool(1));
    expect(cheap).toMatchObject({ state: 'stopped', evaluations: 1 });
  });

  it('refuses a whole search past --max-time, but not one bounded by a budget', async () => {
    // `sim run`'s verdict searches 0.1x to 10x a month's traffic within a budget of seconds: the
    // whole search's estimate (its steps at the range's top) is hours, and it was refused after
    // the run, losing the run's output (a 2-day quickstart at 100 req/s, 2026-12-04).
    await expect(findBreakeven(spec({ replications: 1, maxSeconds: 0.01 }), createJobPool(1))).rejects.toThrow(InputError);
    const bounded = await findBreakeven(spec({ replications: 1, maxSeconds: 0.01, budget: { cost: (v) => v, limit: 5 } }), createJobPool(1));
    // The low end (0.5) and the inner point (4.47) fit the budget of 5; the high end does not.
    expect(bounded).toMatchObject({ state: 'stopped', evaluations: 2 });
  });

  it('says so when one platform is cheaper over the whole interval', async () => {
    const result = await findBreakeven(spec({ low: 0.5, high: 1 }), createJobPool(1));
    expect(result).toMatchObject({ state: 'no-crossing', lower: 'cloud-run', low: { value: 0.5 }, high: { value: 1 }, evaluations: 3 });
  });

  it('bisects an integer parameter down to neighbours', async () => {
    // More VMs cost more; Cloud Run does not change: the VM is cheaper with few VMs only.
    const result = await findBreakeven(spec({ vary: 'vm.count', low: 1, high: 16, sets: ['traffic.rps=20'] }), createJobPool(1));
    expect(result.state).toBe('crossing');
    if (result.state !== 'crossing') return;
    expect(result.integer).toBe(true);
    expect(result.above.value - result.below.value).toBe(1);
    expect(result.lowerBelow).toBe('vm');
  });

  it('reads a YAML scenario as it reads the same scenario in JSON', async () => {
    // The check that --vary names a number read the file as JSON whatever its extension, so
    // every breakeven of a YAML scenario (and a short `sim run` of one, whose verdict runs it)
    // failed with "not valid JSON".
    const yaml = join(dir, 'pair.yaml');
    writeFileSync(yaml, stringify(JSON.parse(readFileSync(file, 'utf8'))));
    const fromJson = await findBreakeven(spec({ replications: 1 }), createJobPool(1));
    const fromYaml = await findBreakeven(spec({ file: yaml, replications: 1 }), createJobPool(1));
    expect(fromYaml).toEqual(fromJson);
    await expect(findBreakeven(spec({ file: yaml, vary: 'name' }), createJobPool(1))).rejects.toThrow(/--vary: "name" is not allowed: a field that holds a number/);
  });

  it('rejects bad input before any run', async () => {
    await expect(findBreakeven(spec({ vary: 'traffic.rpz' }), createJobPool(1))).rejects.toThrow(InputError);
    await expect(findBreakeven(spec({ low: 5, high: 1 }), createJobPool(1))).rejects.toThrow(/--between/);
    await expect(findBreakeven(spec({ platforms: ['cloud-run', 'nope'] }), createJobPool(1))).rejects.toThrow(/--platforms/);
    await expect(findBreakeven(spec({ high: -1, low: -2 }), createJobPool(1))).rejects.toThrow(/--vary traffic.rps=-2/);
  });
});

describe('optimize', () => {
  const axes = ['cloud-run.concurrency=1,10,80', 'vm.count=1,2,4', 'traffic.rps=20'].map(parseGridFlag);

  it('finds per platform the cheapest point meeting the objectives, over its own axes only', async () => {
    let total = 0;
    const slos = [parseSlo('p99<2s'), parseSlo('reject<1%')];
    const result = await optimize({ file, sets: [], axes, replications: 2, seed: 1, slos }, createJobPool(1), (_done, t) => (total = t));
    expect(total).toBe((3 + 3) * 2); // not 3 x 3 points: vm.count cannot change cloud-run's results
    const [cr, vm] = result.platforms;
    expect(cr!.axes.map((a) => a.path)).toEqual(['cloud-run.concurrency', 'traffic.rps']);
    expect(vm!.axes.map((a) => a.path)).toEqual(['vm.count', 'traffic.rps']);
    for (const p of result.platforms) {
      const feasible = p.points.filter((o) => o.meets);
      expect(p.best).toBeDefined();
      expect(p.best!.cost.mean).toBe(Math.min(...feasible.map((o) => o.cost.mean)));
      // The frontier is sorted by cost and strictly improves the latency objective.
      for (let i = 1; i < p.frontier.length; i++) {
        expect(p.frontier[i]!.cost.mean).toBeGreaterThanOrEqual(p.frontier[i - 1]!.cost.mean);
        expect(p.frontier[i]!.slo[0]!.mean).toBeLessThan(p.frontier[i - 1]!.slo[0]!.mean);
      }
    }
    // More VMs cost more: the cheapest VM setting meeting p99 < 2 s is the smallest that does.
    expect(vm!.points.map((o) => o.cost.mean)).toEqual([...vm!.points.map((o) => o.cost.mean)].sort((a, b) => a - b));
  });

  it('reports the closest point when nothing meets the objectives', async () => {
    const result = await optimize({ file, sets: [], axes, replications: 2, seed: 1, slos: [parseSlo('p99<1ms')] }, createJobPool(1));
    for (const p of result.platforms) {
      expect(p.best).toBeUndefined();
      expect(p.closest).toBeDefined();
      expect(p.closest!.worstRatio).toBe(Math.min(...p.points.map((o) => o.worstRatio)));
    }
  });

  it('does not take a point whose backlog grows without bound, however much it served within the run (as sim run judges it)', async () => {
    // M/M/2 per VM (2 workers on 2 vCPU, exponential CPU of mean 100 ms, unbounded backlog) at
    // 22 req/s: one VM is rho = 1.1 and its backlog grows at about 2 req/s, so after an hour
    // about 9 % of the requests still wait: within 'reject<15%', yet it does not keep up. Two
    // VMs (rho = 0.55) do.
    const mm2 = join(dir, 'mm2.json');
    writeFileSync(
      mm2,
      JSON.stringify({
        name: 'mm2',
        duration: '1h',
        traffic: { type: 'poisson', rps: 22 },
        requests: { cpu: { dist: 'exponential', mean: '100ms' } },
        platforms: [{ name: 'vm', model: 'compute-engine', vcpu: 2, workers: 2, count: 1, maxConcurrency: 2, queueLimit: 'unbounded' }],
      }),
    );
    const result = await optimize({ file: mm2, sets: [], axes: [parseGridFlag('vm.count=1,2')], replications: 1, seed: 1, slos: [parseSlo('reject<15%')] }, createJobPool(1));
    const [one, two] = result.platforms[0]!.points;
    expect(one!.slo[0]!.mean).toBeGreaterThan(0.05);
    expect(one!.slo[0]!.mean).toBeLessThan(0.15); // the objective alone would take it
    expect([one!.backlogGrowing, one!.meets, one!.confident]).toEqual([1, false, false]);
    expect([two!.backlogGrowing, two!.meets]).toEqual([0, true]);
    expect(result.platforms[0]!.best).toBe(two);
    const alone = await optimize({ file: mm2, sets: [], axes: [parseGridFlag('vm.count=1')], replications: 1, seed: 1, slos: [parseSlo('reject<15%')] }, createJobPool(1));
    const text = renderOptimize(alone, [parseSlo('reject<15%')], 1, 1);
    expect(text).toContain('  no grid point meets every objective (reject<15%) with its backlog bounded.\n  closest: vm.count=1\n');
    expect(text).toContain('    backlog grows without bound in 1 of 1 replication: does not keep up, as sim run judges it\n');
    expect(text).toMatch(/\n    1 +[\d.]+ +[\d.]+ +not met \(backlog grows\)\n/);
  }, 60_000);

  it('rejects a bad grid value before any run', async () => {
    const bad = [parseGridFlag('vm.count=1,0')];
    await expect(optimize({ file, sets: [], axes: bad, replications: 2, seed: 1, slos: [parseSlo('p99<1s')] }, createJobPool(1))).rejects.toThrow(
      /--grid point vm.count=0: /,
    );
  });
});
