import { describe, expect, it } from 'vitest';
import { completeScenarioFile, resolveScenario } from '../../src/scenario/load.js';
import { assumptionRanges, rangeSets } from '../../src/scenario/assumptions.js';
import { planSensitivity } from '../../src/sensitivity/plan.js';
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
  it('lists every assumption with a range, in file order: defaults and Tier 2 prices, nothing else', () => {
    const catalog = fixtureCatalog();
    expect(catalog.map((a) => `${a.model}:${a.key}`)).toEqual([
      'cloud-run:defaults.region',
      'cloud-run:defaults.coldStart',
      'cloud-run:defaults.routing',
      'cloud-run:defaults.evaluationInterval',
      'cloud-run:defaults.scaleInDelay',
      'cloud-run:defaults.maxIdle',
      'cloud-run:defaults.keepAlive',
      'cloud-run:defaults.knative',
      'cloud-run:defaults.coldStartCpuFraction',
      // startupCpuBoost has no range in the fixture (models/ requires one); egressTiers is no default.
      'cloud-run:prices.tier2.idleCpuSecond',
      'compute-engine:defaults.workers',
      'compute-engine:defaults.boot',
      'compute-engine:defaults.disk',
      // models/lambda.json itself (the fixture replaces the other two catalogs only).
      'lambda:defaults.region',
      'lambda:defaults.coldStart',
      'lambda:defaults.keepAlive',
      'lambda:defaults.routing',
      'lambda:defaults.frontEndLatency',
      'lambda:defaults.provisionedStart',
    ]);
    expect(catalog.find((a) => a.field === 'scaleInDelay')).toMatchObject({
      value: '60s',
      assumption: 'like the KPA stable window',
      kind: 'unpublished',
      low: '30s',
      high: '5m',
      why: 'idle instances may be kept up to 15 min',
      tier2Only: false,
    });
    // A Tier 2 price is what a platform's own `prices.<name>` replaces.
    expect(catalog.find((a) => a.key === 'prices.tier2.idleCpuSecond')).toMatchObject({ field: 'prices.idleCpuSecond', tier2Only: true });
  });

  it("reads models/ itself with the presets' reader", () => {
    const catalog = assumptionRanges();
    expect(catalog.some((a) => a.model === 'cloud-run' && a.field === 'scaleInDelay')).toBe(true);
    expect(catalog.some((a) => a.model === 'compute-engine' && a.field === 'boot')).toBe(true);
    expect(catalog.every((a) => a.assumption.length > 0 && a.why.length > 0)).toBe(true);
  });

  it('says whose unknown each assumption of models/ is', () => {
    const kindOf = (model: string, field: string): string | undefined => assumptionRanges().find((a) => a.model === model && a.field === field)?.kind;
    // Google's own rules, which no user can set or measure exactly.
    expect(kindOf('cloud-run', 'scaleInDelay')).toBe('unpublished');
    expect(kindOf('cloud-run', 'roundingScope')).toBe('unpublished');
    expect(kindOf('cloud-run', 'prices.idleCpuSecond')).toBe('unpublished');
    // The user's service: measurable.
    expect(kindOf('cloud-run', 'coldStart')).toBe('service');
    expect(kindOf('compute-engine', 'server')).toBe('service');
    // The user's choices.
    expect(kindOf('compute-engine', 'count')).toBe('setting');
    expect(kindOf('compute-engine', 'machineType')).toBe('setting');
    // The catalogs' schemas make the kind mandatory: an entry without one would not load.
    expect(new Set(assumptionRanges().map((a) => a.kind))).toEqual(new Set(['unpublished', 'service', 'setting']));
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
    expect(row.sets).toEqual({ low: ['a.scaleInDelay=30s'], high: ['a.scaleInDelay=5m'] });
  });

  it('skips, with the reason, what has no effect on a platform as configured', () => {
    const p = plan(scenario([
      { name: 'cr', model: 'cloud-run' },
      { name: 'vm', model: 'compute-engine' },
    ]));
    expect(reasonOf(p, 'cr.keepAlive')).toBe('keepAlive applies with autoscaler "scale-per-request"; this platform\'s is "cloud-run"');
    expect(reasonOf(p, 'cr.knative')).toBe('the knative settings apply with autoscaler "knative"; this platform\'s is "cloud-run"');
    expect(reasonOf(p, 'cr.coldStartCpuFraction')).toBe('applies with startupCpuBoost on; this platform has it off');
    expect(reasonOf(p, 'vm.boot')).toMatch(/^only VMs started after time 0 boot/);
    expect(reasonOf(p, 'cr.prices.idleCpuSecond')).toBe("a Tier 2 price; this platform's region us-central1 is not Tier 2");
    expect(reasonOf(p, 'cr.region')).toBe('not varied (low = high = us-central1): one region for both platforms');
  });

  it('varies a Tier 2 price as the platform\'s own prices.<name> in a Tier 2 region', () => {
    const p = plan(scenario([{ name: 'eu', model: 'cloud-run', region: 'europe-west2', minInstances: 1 }]));
    const row = p.rows.find((r) => r.parameter === 'eu.prices.idleCpuSecond')!;
    expect(row.sets).toEqual({ low: ['eu.prices.idleCpuSecond=0.0000025'], high: ['eu.prices.idleCpuSecond=0.0000045'] });
    expect(row.baseline).toBe(0.0000035); // the resolved Tier 2 price: the scenario leaves prices to the catalog
    // A price changes only the bill: billed from the baseline's run, not simulated.
    expect(row.fromRun).toBe(true);
  });

  it('varies a Tier 2 price only where its billing setting bills it (models/cloud-run.json)', () => {
    const raw = scenario([
      { name: 'eu', model: 'cloud-run', region: 'europe-west2' },
      { name: 'warm', model: 'cloud-run', region: 'europe-west2', minInstances: 2 },
      { name: 'inst', model: 'cloud-run', region: 'europe-west2', billing: 'instance', minInstances: 2 },
    ]);
    const p = planSensitivity(assumptionRanges(), raw, completeScenarioFile(raw, 'plan.json'), resolveScenario(raw, 'plan.json'), []);
    const reason = (parameter: string) => reasonOf(p, parameter);
    expect(reason('eu.prices.idleCpuSecond')).toBe('billed for idle min instances; this platform has none (minInstances 0)');
    expect(reason('warm.prices.idleCpuSecond')).toBeUndefined();
    expect(reason('inst.prices.idleCpuSecond')).toBe("billed with request-based billing; this platform's is instance-based");
    expect(reason('eu.prices.instanceCpuSecond')).toBe("billed with instance-based billing; this platform's is request-based");
    expect(reason('inst.prices.instanceCpuSecond')).toBeUndefined();
    expect(reason('inst.prices.perMillionRequests')).toBe("billed with request-based billing; this platform's is instance-based");
    expect(reason('eu.prices.perMillionRequests')).toBeUndefined();
  });

  it("applies models/' own assumptions only where the simulation reads them", () => {
    const raw = scenario([
      { name: 'cr', model: 'cloud-run' },
      { name: 'one', model: 'compute-engine', count: 1 },
      { name: 'spot', model: 'compute-engine', count: 2, pricing: 'spot' },
    ]);
    const resolved = resolveScenario(raw, 'plan.json');
    const p = planSensitivity(assumptionRanges(), raw, completeScenarioFile(raw, 'plan.json'), resolved, []);
    const reason = (parameter: string) => reasonOf(p, parameter);
    expect(reason('cr.roundingInterval')).toBe('applies with roundingScope "instance"; this platform\'s is "stretch"');
    expect(reason('cr.minInstancesStart')).toBe("applies to min instances (or Knative's initial scale) at time 0; this platform has none");
    expect(reason('cr.executionEnvironment')).toBe('the model tells the environments apart only below 1 vCPU; this platform has cpu >= 1');
    expect(reason('cr.idleRetention')).toBeUndefined(); // the cloud-run autoscaler reads it
    // One VM is reached on its own IP ("auto" load balancer only from 2 VMs): no front-end latency.
    expect(reason('one.frontEndLatency')).toBe('applies behind the external load balancer; this fleet is reached on its own IP');
    expect(reason('spot.frontEndLatency')).toBeUndefined();
    expect(reason('one.spotDiscount')).toBe('applies with pricing "spot"; this platform\'s is "on-demand"');
    expect(reason('spot.spotDiscount')).toBeUndefined();
    const parameters = p.rows.map((r) => r.parameter);
    expect(parameters).toEqual(expect.arrayContaining(['cr.roundingScope', 'cr.idleRetention', 'spot.frontEndLatency', 'spot.spotDiscount']));
    // Every assumption is either a row or skipped with a reason, for every platform of its model.
    const perModel = { 'cloud-run': ['cr'], 'compute-engine': ['one', 'spot'], lambda: [] } as const;
    for (const a of assumptionRanges()) {
      for (const name of perModel[a.model]) {
        const parameter = `${name}.${a.field}`;
        expect(parameters.includes(parameter) !== (reason(parameter) !== undefined), parameter).toBe(true);
      }
    }
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
    expect(row.sets).toEqual({ low: ['kn.knative.stableWindow=30s'], high: ['kn.knative.stableWindow=120s'] });
    const raw = scenario([{ name: 'kn', model: 'cloud-run', autoscaler: 'knative' }]);
    const low = resolveScenario(raw, 'plan.json', row.sets.low).platforms[0]!;
    const base = resolveScenario(raw, 'plan.json').platforms[0]!;
    if (low.model !== 'cloud-run' || base.model !== 'cloud-run') throw new Error('cloud-run expected');
    expect(low.knative).toEqual({ ...base.knative, stableWindow: 30 });
  });

  it('sets a distribution whole, and boots apply once the fleet can start VMs', () => {
    const boot = fixtureCatalog().find((a) => a.field === 'boot')!;
    expect(rangeSets('vm', boot, 'low')).toEqual(['vm.boot={"dist":"uniform","min":"15s","max":"25s"}']);
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
