import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { completeScenarioFile, resolveScenario } from '../../src/scenario/load.js';
import { assumptionCatalog, assumptionsOf } from '../../src/sensitivity/assumption-catalog.js';
import { planSensitivity, setsFor } from '../../src/sensitivity/plan.js';
import { fixtureCatalog } from './fixture-catalog.js';

function scenario(platforms: Record<string, unknown>[]): Record<string, unknown> {
  return {
    name: 'plan',
    duration: '10m',
    traffic: { type: 'poisson', rps: 1 },
    requests: { cpu: '20ms', io: '50ms', responseBytes: 1024 },
    platforms,
  };
}

function plan(raw: Record<string, unknown>, sets: string[] = []) {
  const resolved = resolveScenario(raw, 'plan.json', sets);
  return planSensitivity(fixtureCatalog(), raw, completeScenarioFile(raw, 'plan.json', sets), resolved, sets);
}

const reasonOf = (p: ReturnType<typeof plan>, parameter: string) => p.skipped.find((s) => s.parameter === parameter)?.reason;

describe('the assumption catalog', () => {
  it('lists every assumption entry of a models file, with its range or null, and no published one', () => {
    const catalog = fixtureCatalog();
    const names = catalog.map((a) => `${a.model}:${a.path.join('.')}`);
    expect(names).toEqual([
      'cloud-run:defaults.region',
      'cloud-run:defaults.coldStart',
      'cloud-run:defaults.routing',
      'cloud-run:defaults.evaluationInterval',
      'cloud-run:defaults.scaleInDelay',
      'cloud-run:defaults.maxIdle',
      'cloud-run:defaults.keepAlive',
      'cloud-run:defaults.knative',
      'cloud-run:defaults.coldStartCpuFraction',
      'cloud-run:defaults.startupCpuBoost',
      'cloud-run:egressTiers',
      'cloud-run:prices.tier2.idleCpuSecond',
      'compute-engine:defaults.workers',
      'compute-engine:defaults.boot',
      'compute-engine:defaults.disk',
      'compute-engine:defaults.externalIp',
    ]);
    const scaleIn = catalog.find((a) => a.field === 'scaleInDelay')!;
    expect(scaleIn).toMatchObject({ value: '60s', range: { low: '30s', high: '5m', why: 'idle instances may be kept up to 15 min' } });
    expect(catalog.find((a) => a.field === 'startupCpuBoost')!.range).toBeNull();
    expect(catalog.find((a) => a.path[0] === 'egressTiers')!.field).toBeNull();
    // A Tier 2 price is what a platform's own `prices.<name>` replaces.
    expect(catalog.find((a) => a.path[0] === 'prices')!.field).toBe('prices.idleCpuSecond');
  });

  it("reads models/ itself with the presets' reader", () => {
    const catalog = assumptionCatalog();
    expect(catalog.length).toBeGreaterThan(10);
    expect(catalog.some((a) => a.model === 'cloud-run' && a.field === 'scaleInDelay')).toBe(true);
    expect(catalog.some((a) => a.model === 'compute-engine' && a.field === 'boot')).toBe(true);
  });

  it('rejects a range that is not {low, high, why}, naming the file and the entry', () => {
    const bad = { defaults: { x: { value: 1, assumption: 'a guess', range: { low: 0, high: 2 } } } };
    expect(() => assumptionsOf('cloud-run', bad, 'models/cloud-run.json')).toThrow(InputError);
    expect(() => assumptionsOf('cloud-run', bad, 'models/cloud-run.json')).toThrow(/models\/cloud-run.json: defaults.x/);
  });
});

describe('mapping the catalog onto a scenario', () => {
  it('maps each ranged assumption to <platform>.<field> for every platform of its model', () => {
    const p = plan(scenario([
      { name: 'a', model: 'cloud-run' },
      { name: 'b', model: 'cloud-run' },
      { name: 'vm', model: 'compute-engine' },
    ]));
    expect(p.rows.map((r) => r.parameter)).toEqual([
      'a.coldStart', 'b.coldStart', 'a.routing', 'b.routing', 'a.evaluationInterval', 'b.evaluationInterval',
      'a.scaleInDelay', 'b.scaleInDelay', 'a.maxIdle', 'b.maxIdle', 'vm.workers', 'vm.disk',
    ]);
    const row = p.rows.find((r) => r.parameter === 'a.scaleInDelay')!;
    expect(row).toMatchObject({ platform: 'a', baseline: '60s', low: '30s', high: '5m', note: null });
    expect(row.sets).toEqual({ low: ['a.scaleInDelay="30s"'], high: ['a.scaleInDelay="5m"'] });
  });

  it('skips, with the reason, what has no effect on a platform as configured', () => {
    const p = plan(scenario([
      { name: 'cr', model: 'cloud-run' },
      { name: 'vm', model: 'compute-engine' },
    ]));
    expect(reasonOf(p, 'cr.keepAlive')).toBe('keepAlive applies with autoscaler "scale-per-request"; this platform\'s is "cloud-run"');
    expect(reasonOf(p, 'cr.knative')).toBe('the knative settings apply with autoscaler "knative"; this platform\'s is "cloud-run"');
    expect(reasonOf(p, 'cr.coldStartCpuFraction')).toBe('applies with startupCpuBoost on; this platform has it off');
    expect(reasonOf(p, 'cr.startupCpuBoost')).toMatch(/^no range given in models\/cloud-run.json defaults.startupCpuBoost/);
    expect(reasonOf(p, 'vm.boot')).toMatch(/^only VMs started after time 0 boot/);
    expect(reasonOf(p, 'models/cloud-run.json egressTiers')).toBe('a catalog entry, not a setting of a platform');
    expect(reasonOf(p, 'cr.prices.idleCpuSecond')).toBe("a Tier 2 price; this platform's region us-central1 is not Tier 2");
    expect(reasonOf(p, 'cr.region')).toBe('not varied (low = high = us-central1): one region for both platforms');
  });

  it('follows the autoscaler: scale-per-request varies keepAlive, not the metric loop or routing', () => {
    const p = plan(scenario([{ name: 'spr', model: 'cloud-run', autoscaler: 'scale-per-request', concurrency: 1 }]));
    expect(p.rows.map((r) => r.parameter)).toEqual(['spr.coldStart', 'spr.keepAlive']);
    expect(reasonOf(p, 'spr.scaleInDelay')).toMatch(/autoscaler "cloud-run"; this platform's is "scale-per-request"/);
    expect(reasonOf(p, 'spr.routing')).toBe('autoscaler "scale-per-request" always routes to the newest instance');
    expect(reasonOf(p, 'models/compute-engine.json defaults.workers')).toBe('no compute-engine platform in the scenario');
  });

  it('varies knative settings key by key under the knative autoscaler, leaving the others as the scenario has them', () => {
    const p = plan(scenario([{ name: 'kn', model: 'cloud-run', autoscaler: 'knative' }]));
    const row = p.rows.find((r) => r.parameter === 'kn.knative')!;
    expect(row.sets).toEqual({ low: ['kn.knative.stableWindow="30s"'], high: ['kn.knative.stableWindow="120s"'] });
    const raw = scenario([{ name: 'kn', model: 'cloud-run', autoscaler: 'knative' }]);
    const low = resolveScenario(raw, 'plan.json', row.sets.low).platforms[0]!;
    const base = resolveScenario(raw, 'plan.json').platforms[0]!;
    if (low.model !== 'cloud-run' || base.model !== 'cloud-run') throw new Error('cloud-run expected');
    expect(low.knative).toEqual({ ...base.knative, stableWindow: 30 });
  });

  it('sets a distribution whole, and boots apply once the fleet can start VMs', () => {
    expect(setsFor('vm.boot', { dist: 'uniform', min: '15s', max: '25s' })).toEqual(['vm.boot={"dist":"uniform","min":"15s","max":"25s"}']);
    const p = plan(scenario([{ name: 'vm', model: 'compute-engine', autoscaling: { mode: 'on' } }]));
    expect(p.rows.map((r) => r.parameter)).toContain('vm.boot');
  });

  it('still varies an assumption the scenario sets itself, with a note, from the file or a --set', () => {
    const raw = scenario([{ name: 'cr', model: 'cloud-run', scaleInDelay: '2m' }]);
    const p = plan(raw, ['cr.evaluationInterval=10s']);
    expect(p.rows.find((r) => r.parameter === 'cr.scaleInDelay')).toMatchObject({
      baseline: '2m',
      note: "the scenario sets 2m; the model's default is 60s",
    });
    expect(p.rows.find((r) => r.parameter === 'cr.evaluationInterval')).toMatchObject({
      baseline: '10s',
      note: "the scenario sets 10s; the model's default is 5s",
    });
    expect(p.rows.find((r) => r.parameter === 'cr.maxIdle')!.note).toBeNull();
  });
});
