import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run.js';
import { sensitivityToJson } from '../../src/output/sensitivity-json.js';
import { createJobPool, type JobPool } from '../../src/experiment/job-pool.js';
import { readScenarioSource, ScenarioResolver } from '../../src/experiment/scenario-source.js';
import { assumptionRanges } from '../../src/scenario/assumptions.js';
import { runSensitivity } from '../../src/sensitivity/run-sensitivity.js';
import type { SensitivityResult } from '../../src/sensitivity/types.js';
import { verdictJudge } from '../../src/sensitivity/verdict-judge.js';
import { endsFromRun, fromRunVariantSets, checkSensitivityInRun, planSensitivityCheck, sensitivityHintOnly, SENSITIVITY_BUDGET_S, type SensitivityCheck } from '../../src/verdict/sensitivity-hint.js';
import { runPlatformJob } from '../../src/experiment/platform-job.js';
import type { Verdict, VerdictSensitivity } from '../../src/verdict/types.js';
import { buildVerdict } from '../../src/verdict/build-verdict.js';
import { runScenario } from '../../src/experiment/run.js';
import { PLATFORMS } from '../../src/platforms/registry.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';
import { scenarioFolder } from '../helpers/scenario-folder.js';

/**
 * The verdict's check of the assumptions (src/verdict/sensitivity-hint.ts): inside `sim run`
 * when short, it must say exactly what `sim sensitivity` says for the same file, --set flags
 * and seed, and judge the same baseline the run recommends from; when long, it prints the
 * command and runs nothing.
 */
const { dir, write } = scenarioFolder('scalesim-verdict-sensitivity-');

/** `sim sensitivity`'s result; `simulations`: how many it ran (its progress's total). */
async function sensitivityOf(file: string, sets: readonly string[], seed: number, simulations: { total?: number } = {}): Promise<SensitivityResult> {
  const pool = createJobPool(1);
  try {
    return await runSensitivity({ file, sets, seed, catalog: assumptionRanges(), judge: verdictJudge, onProgress: (_done, total) => (simulations.total = total) }, pool);
  } finally {
    await pool.close();
  }
}

async function runJson(file: string, extra: { set?: string[]; seed?: number; out?: string } = {}): Promise<{ verdict: Verdict }> {
  let text = '';
  await runCommand(
    file,
    { seed: extra.seed ?? 5, set: extra.set ?? [], format: 'json', timelineStep: 60, ...(extra.out !== undefined ? { out: extra.out } : {}) },
    (t) => (text += t),
    () => {},
  );
  return JSON.parse(text) as { verdict: Verdict };
}

/** How many of these rows of a tornado change only a bill or a front end (PlatformEntry.billsOnly, frontEndOnly): measured from the baseline's run, not simulated. */
function fromRunRows(rows: readonly { readonly parameter: string; readonly model: string }[]): number {
  return rows.filter((r) => {
    const field = r.parameter.slice(r.parameter.indexOf('.') + 1);
    const a = assumptionRanges().find((x) => x.model === r.model && x.field === field)!;
    return PLATFORMS.of(a).billsOnly(a) || PLATFORMS.of(a).frontEndOnly(a);
  }).length;
}

/** A pool that fails the test if the check runs anything on it. */
const idlePool: JobPool = {
  workers: 2,
  run: () => Promise.reject(new Error('the check ran a simulation')),
  runJobs: () => Promise.reject(new Error('the check ran a simulation')),
  close: () => Promise.resolve(),
} as unknown as JobPool;

describe("the verdict's check of the assumptions", () => {
  it('in a short run, says what `sim sensitivity` says with the same seed and --set flags, over the baseline the run recommends from', async () => {
    const file = write('tiny.json', TINY);
    const sets = ['duration=5m', 'vm.count=3'];
    const { verdict } = await runJson(file, { set: sets, seed: 5 });
    const ran: { total?: number } = {};
    const result = await sensitivityOf(file, sets, 5, ran);
    const s = verdict.sensitivity!;
    expect(s.holds).toBe(result.holds);
    expect(s.summary).toBe(result.summary);
    expect(s.kinds).toEqual(result.kinds);
    expect(s.flips).toEqual(result.rows.filter((r) => r.flips).map((r) => ({ parameter: r.parameter, model: r.model, kind: r.kind })));
    expect(s.ranges).toBe(result.total);
    // Each platform once, then two simulations per range but those that change only a bill or a
    // front end's latency, and but the ends that are the scenario's own value (an asyncio server, the boost off, ...):
    // the count the verdict gives is the count `sim sensitivity` ran.
    expect(fromRunRows(result.rows)).toBeGreaterThan(0);
    expect(s.simulations).toBe(ran.total);
    expect(s.simulations).toBeLessThan(TINY.platforms.length + 2 * (result.total - fromRunRows(result.rows)));
    expect(result.baseline.recommended).toBe(verdict.recommended);
    expect(s.command).toBe(`sim sensitivity ${file} --seed 5 --set duration=5m --set vm.count=3`);
    // Printed under "What would change the answer", after the break-even.
    const at = verdict.lines.indexOf(`    ${s.hint}`);
    expect(at).toBeGreaterThan(verdict.lines.indexOf('  What would change the answer:'));
    expect(s.hint).toContain(`the verdict ${result.summary}.`);
  });

  it('a run with --out writes the tornado as sensitivity.json, the bytes `sim sensitivity` gives', async () => {
    const file = write('tiny-out.json', { ...TINY, duration: '5m' });
    const out = join(dir, 'run');
    const { verdict } = await runJson(file, { seed: 2, out });
    const result = await sensitivityOf(file, [], 2);
    expect(readFileSync(join(out, 'sensitivity.json'), 'utf8')).toBe(sensitivityToJson(result));
    expect(JSON.parse(readFileSync(join(out, 'verdict.json'), 'utf8')).sensitivity).toEqual(verdict.sensitivity);
  });

  it('past the budget, gives the command and its cost and runs nothing', async () => {
    const file = write('week.json', { ...TINY, duration: '7d' });
    const source = readScenarioSource(file);
    const scenario = new ScenarioResolver().resolve(source, ['vm.count=3']);
    const check = planSensitivityCheck(source, scenario, file, ['vm.count=3'], 9)!;
    // 7 days at 5 req/s, 3 million requests a simulation.
    expect(check.secondsOnOne).toBeGreaterThan(SENSITIVITY_BUDGET_S);
    const entry = (await checkSensitivityInRun(check, idlePool))!;
    expect(entry.result).toBeNull();
    expect(entry.verdict.holds).toBeNull();
    expect(entry.verdict.summary).toBeNull();
    expect(entry.verdict.command).toBe(`sim sensitivity ${file} --seed 9 --set vm.count=3`);
    const minutes = Math.ceil(check.secondsOnOne / 60);
    // The ranges by whose unknown they are: Google's, the service's, the user's settings.
    const kinds = entry.verdict.kinds;
    expect(kinds.map((k) => k.kind)).toEqual(['unpublished', 'service', 'setting']);
    expect(kinds.every((k) => k.holds === null)).toBe(true);
    expect(kinds.reduce((n, k) => n + k.total, 0)).toBe(check.ranges);
    const [google, service, settings] = kinds.map((k) => k.total);
    expect(entry.verdict.hint).toContain(
      `\`${check.command}\` says whether the verdict holds under each of the ${check.ranges} that apply here ` +
        `(${google} rules Google does not publish, ${service} about your service, ${settings} of your settings; ${check.simulations} simulations, about ${minutes} min on one core`,
    );
    // The cheaper check of Google's unknowns alone: the baseline's platforms, then two runs per
    // rule, but cloud-run.roundingScope, a billing rule, is billed from the baseline's run, and
    // both front ends' latencies (Cloud Run's, the VMs' load balancer's) are measured from it,
    // and three ends are the model's defaults the scenario keeps (autoscaler and routing at
    // their low ends, idleRetention at its high end): their records are the baseline's.
    expect(check.unpublishedOnly).toMatchObject({ ranges: google, simulations: TINY.platforms.length + 2 * (google! - 3) - 3 });
    expect(check.unpublishedOnly!.secondsOnOne).toBeCloseTo((check.secondsOnOne * check.unpublishedOnly!.simulations) / check.simulations, 9);
    expect(entry.verdict.hint).toMatch(
      new RegExp(`\\. With \`--kind unpublished\` it checks the ${google} rules Google does not publish alone \\(${check.unpublishedOnly!.simulations} simulations, about \\d+ (min|s)\\)\\.$`),
    );
  });

  it("when the whole check is too long and Google's rules alone are not, runs those: `sim sensitivity --kind unpublished`'s answer", async () => {
    const file = write('hour.json', { ...TINY, duration: '90m', traffic: { type: 'poisson', rps: 50 } });
    const source = readScenarioSource(file);
    const check = planSensitivityCheck(source, new ScenarioResolver().resolve(source, []), file, [], 6)!;
    // 270,000 requests a simulation at the typical 750,000 a second: 41 of them past the
    // budget (14.8 s), 17 within it (6.1 s).
    expect(check.secondsOnOne).toBeGreaterThan(SENSITIVITY_BUDGET_S);
    expect(check.unpublishedOnly!.secondsOnOne).toBeLessThanOrEqual(SENSITIVITY_BUDGET_S);
    const pool = createJobPool(1);
    try {
      const entry = (await checkSensitivityInRun(check, pool))!;
      const expected = await runSensitivity({ file, sets: [], seed: 6, catalog: assumptionRanges().filter((a) => a.kind === 'unpublished'), judge: verdictJudge }, pool);
      expect(sensitivityToJson(entry.result!)).toBe(sensitivityToJson(expected));
      expect(entry.result!.rows.every((r) => r.kind === 'unpublished')).toBe(true);
      const v = entry.verdict;
      // Not every range was checked: no overall count; the unpublished ones have theirs.
      expect(v.holds).toBeNull();
      expect(v.summary).toBe(expected.summary);
      expect(v.simulations).toBe(check.unpublishedOnly!.simulations);
      expect(v.kinds).toEqual(check.kinds.map((k) => ({ ...k, holds: k.kind === 'unpublished' ? expected.holds : null })));
      expect(v.hint.startsWith(
        `Assumptions (ranges in models/; the ${check.unpublishedOnly!.ranges} rules Google does not publish, ${check.unpublishedOnly!.simulations} simulations of \`sim sensitivity --kind unpublished\`): ` +
          `the verdict ${expected.summary}. \`${check.command}\` checks the other ${check.ranges - check.unpublishedOnly!.ranges} too (`,
      )).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('too long to run, it still checks the ranges that change only a bill, from the run itself: `sim sensitivity`\'s rows for them', async () => {
    const file = write('billed.json', { ...TINY, duration: '5m' });
    const sets = ['vm.count=3'];
    const source = readScenarioSource(file);
    const resolver = new ScenarioResolver();
    const scenario = resolver.resolve(source, sets);
    // A budget of 0 s: neither the whole check nor Google's rules alone run; nothing is simulated.
    const check = planSensitivityCheck(source, scenario, file, sets, 7, { budgetS: 0 })!;
    expect(check.runs).toBe('none');
    // The bills alone: a front end's ends cost draws on every response, worth it only when they save the whole check's simulations.
    expect(check.fromRun.map((r) => r.parameter).sort()).toEqual(['cloud-run.roundingScope', 'vm.disk', 'vm.externalIp']);
    const whole = planSensitivityCheck(source, scenario, file, sets, 7)!;
    expect(whole.runs).toBe('all');
    expect(whole.fromRun.map((r) => r.parameter).sort()).toEqual([
      'cloud-run.frontEndLatency',
      'cloud-run.roundingScope',
      'vm.disk',
      'vm.externalIp',
      'vm.externalLoadBalancer',
      'vm.frontEndLatency',
    ]);
    // The run's own simulations as `sim run` makes them: each platform billing the ranges' ends beside it.
    const own = scenario.platforms.map((spec) =>
      runPlatformJob({ kind: 'platform', source, sets, seed: 7, replication: 0, platform: spec.name, variantSets: fromRunVariantSets(check, spec.name) }, resolver, () => {}),
    );
    const entry = (await checkSensitivityInRun(check, idlePool, undefined, endsFromRun(check, own)))!;
    const pool = createJobPool(1);
    let expected: SensitivityResult;
    try {
      expected = await runSensitivity({ file, sets, seed: 7, catalog: assumptionRanges().filter((a) => PLATFORMS.of(a).billsOnly(a)), judge: verdictJudge }, pool);
    } finally {
      await pool.close();
    }
    expect(entry.result!.baseline).toEqual(expected.baseline);
    expect(entry.result!.rows).toEqual(expected.rows);
    expect(entry.result!.summary).toBe(expected.summary);
    const v = entry.verdict;
    expect(v.checked).toBe('from-run');
    expect(v.holds).toBeNull();
    expect(v.summary).toBe(expected.summary);
    expect(v.kinds.every((k) => k.holds === null)).toBe(true);
    expect(v.flips).toEqual(expected.rows.filter((r) => r.flips).map((r) => ({ parameter: r.parameter, model: r.model, kind: r.kind })));
    const names = expected.rows.map((r) => r.parameter).join(', ');
    expect(v.hint).toBe(
      `Assumptions (ranges in models/; the 3 ranges that change only a bill (${names}), priced from this run): the verdict ${expected.summary}. ` +
        `\`${check.command}\` says whether the verdict holds under each of the ${check.ranges} that apply here (` + sensitivityHintOnly(check).hint.split(' that apply here (')[1],
    );
  });

  it('in `sim run` past the budget: the billed ranges checked from its own run', async () => {
    // 40 hours at 5 req/s: 720,000 requests a simulation, past the budget even for Google's
    // rules alone (13 simulations, 12.5 s at the typical 750,000 requests a second).
    const file = write('forty-hours.json', { ...TINY, duration: '40h' });
    const { verdict } = await runJson(file, { seed: 3 });
    const s = verdict.sensitivity!;
    expect(s.checked).toBe('from-run');
    const pool = createJobPool(1);
    try {
      const expected = await runSensitivity({ file, sets: [], seed: 3, catalog: assumptionRanges().filter((a) => PLATFORMS.of(a).billsOnly(a)), judge: verdictJudge }, pool);
      expect(s.summary).toBe(expected.summary);
      expect(expected.rows.length).toBe(3);
    } finally {
      await pool.close();
    }
    expect(verdict.lines.some((line) => line.includes('the 3 ranges that change only a bill'))).toBe(true);
  }, 60_000);

  it('counts the ranges `sim sensitivity` keeps: not one whose end the scenario\'s other settings refuse', async () => {
    const file = write('autoscaled.json', { ...TINY, duration: '5m', platforms: [TINY.platforms[0], { name: 'vm', model: 'compute-engine', count: 3, autoscaling: { mode: 'on', minSize: 3, maxSize: 6 } }] });
    const { verdict } = await runJson(file, { seed: 4 });
    const result = await sensitivityOf(file, [], 4);
    expect(result.skipped.some((s) => s.parameter === 'vm.count')).toBe(true);
    expect(verdict.sensitivity!.ranges).toBe(result.total);
    expect(verdict.sensitivity!.summary).toBe(result.summary);
  });

  it('runs the check or not on the estimate for one core, whatever the pool: the output does not depend on --workers', async () => {
    const file = write('half-minute.json', TINY);
    const source = readScenarioSource(file);
    const scenario = new ScenarioResolver().resolve(source, []);
    const check = planSensitivityCheck(source, scenario, file, [], 1)!;
    expect(check.runs).toBe('all');
    // A budget just under the estimate on one core (whole, and Google's rules alone), within it on 8: still the hint, and nothing is run.
    const budget = Math.min(check.secondsOnOne, check.unpublishedOnly!.secondsOnOne) * 0.99;
    expect(check.secondsOnOne / 8).toBeLessThan(budget);
    const over = planSensitivityCheck(source, scenario, file, [], 1, { budgetS: budget })!;
    expect(over.runs).toBe('none');
    const wide = { ...idlePool, workers: 8 } as JobPool;
    expect((await checkSensitivityInRun(over, wide))!.result).toBeNull();
  });

  it('when `sim sensitivity` refuses the check (here: the text it is given does not parse), the run keeps its verdict and prints the command', async () => {
    const file = write('refused.json', TINY);
    const source = readScenarioSource(file);
    const check: SensitivityCheck = { ...planSensitivityCheck(source, new ScenarioResolver().resolve(source, []), file, [], 1)!, source: { ...source, text: '{' } };
    const pool = createJobPool(1);
    try {
      const entry = (await checkSensitivityInRun(check, pool))!;
      expect(entry.result).toBeNull();
      expect(entry.verdict.holds).toBeNull();
    } finally {
      await pool.close();
    }
  });

  it('reports each simulation of the check as it runs (the bar on a terminal), none when it does not run', async () => {
    const file = write('progress.json', { ...TINY, duration: '5m' });
    const source = readScenarioSource(file);
    const check = planSensitivityCheck(source, new ScenarioResolver().resolve(source, []), file, [], 1)!;
    const heard: [number, number][] = [];
    const pool = createJobPool(1);
    try {
      await checkSensitivityInRun(check, pool, (done, total) => heard.push([done, total]));
    } finally {
      await pool.close();
    }
    expect(heard).toEqual(Array.from({ length: check.simulations + 1 }, (_, i) => [i, check.simulations]));
    const none: unknown[] = [];
    await checkSensitivityInRun({ ...check, runs: 'none' }, idlePool, (...args) => none.push(args));
    expect(none).toEqual([]);
  });

  it('none when no assumption with a range applies', () => {
    const file = write('tiny.json', TINY);
    const source = readScenarioSource(file);
    const scenario = new ScenarioResolver().resolve(source, []);
    expect(planSensitivityCheck(source, { ...scenario, platforms: [] }, file, [], 1)).toBeNull();
  });
});

describe("the verdict's headline when the check finds the recommendation resting on an unknown", () => {
  const file = write('caveat.json', { ...TINY, duration: '2m' });
  const scenario = new ScenarioResolver().resolve(readScenarioSource(file), []);
  const records = runScenario(scenario, { seed: 3 });
  const base = buildVerdict({ scenario, records });
  const entry = (flips: VerdictSensitivity['flips']): VerdictSensitivity => ({
    ranges: 3, simulations: 8, holds: 3 - flips.length, kinds: [], flips, summary: 'a sentence', command: 'sim sensitivity x', hint: 'Assumptions: a sentence.',
  });
  const headline = (flips: VerdictSensitivity['flips']): string => buildVerdict({ scenario, records, sensitivity: entry(flips) }).headline;

  it('says so when a rule Google does not publish decides it, and when the service does', () => {
    expect(headline([{ parameter: 'cloud-run.routing', model: 'cloud-run', kind: 'unpublished' }])).toBe(
      `${base.headline} Uncertain: it rests on a rule Google does not publish (cloud-run.routing; see Assumptions).`,
    );
    expect(
      headline([
        { parameter: 'cloud-run.routing', model: 'cloud-run', kind: 'unpublished' },
        { parameter: 'vm.boot', model: 'compute-engine', kind: 'unpublished' },
        { parameter: 'cloud-run.coldStart', model: 'cloud-run', kind: 'service' },
      ]),
    ).toBe(
      `${base.headline} Uncertain: it rests on 2 rules Google does not publish (cloud-run.routing and vm.boot; see Assumptions). ` +
        'It rests on how your service behaves (cloud-run.coldStart): measure it and set it in the scenario.',
    );
    // The printed lines carry the same headline.
    expect(buildVerdict({ scenario, records, sensitivity: entry([{ parameter: 'cloud-run.routing', model: 'cloud-run', kind: 'unpublished' }]) }).lines[1]).toContain('Uncertain:');
  });

  it('adds nothing when only a setting of the user flips it, when nothing does, or when the check did not run', () => {
    expect(headline([{ parameter: 'vm.count', model: 'compute-engine', kind: 'setting' }])).toBe(base.headline);
    expect(headline([])).toBe(base.headline);
    expect(base.headline).not.toContain('Uncertain');
  });
});
