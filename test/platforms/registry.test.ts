import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Simulation } from '../../src/engine/simulation.js';
import { estimateRun } from '../../src/experiment/preflight.js';
import { runScenario } from '../../src/experiment/run.js';
import type { SummaryRecord } from '../../src/metrics/summary.js';
import type { PlatformEntry } from '../../src/platforms/platform-entry.js';
import { PLATFORMS, PlatformRegistry } from '../../src/platforms/registry.js';
import { assumptionRanges } from '../../src/scenario/assumptions.js';
import { modelsPath } from '../../src/scenario/catalog-file.js';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.js';
import { resolveScenario } from '../../src/scenario/load.js';
import { mergePresets } from '../../src/scenario/merge-presets.js';
import { modelReferenceMarkdown } from '../../src/scenario/model-reference.js';
import { durationSchema, platformNameSchema } from '../../src/scenario/schema.js';
import type { PlatformSpec } from '../../src/scenario/types.js';
import { parseDurationOrThrow } from '../../src/scenario/units.js';

/** Ten minutes at 5 requests a second of 30 ms CPU: a few thousand requests, milliseconds to run. */
const tiny = (platforms: readonly unknown[]) => ({
  name: 'registry',
  duration: '10m',
  traffic: { type: 'poisson', rps: 5 },
  requests: { cpu: '30ms', io: '20ms', responseBytes: 1024 },
  platforms,
});

/** The example of an entry resolved the way a scenario file is (presets merged, schema, resolver). */
function resolvedExample(entry: PlatformEntry): PlatformSpec {
  return resolveScenario(tiny([entry.example]), '').platforms[0]!;
}

describe('the platform registry: every entry is complete', () => {
  it('lists each model once, with the models the PlatformSpec union names', () => {
    expect(new Set(PLATFORMS.models).size).toBe(PLATFORMS.entries.length);
    expect(PLATFORMS.models).toEqual(['cloud-run', 'compute-engine', 'lambda']);
  });

  describe.each(PLATFORMS.entries.map((e) => [e.model, e] as const))('%s', (model, entry) => {
    it('names itself and a catalog that exists in models/', () => {
      expect(entry.title.length).toBeGreaterThan(0);
      expect(existsSync(modelsPath(entry.catalogFile))).toBe(true);
      expect(entry.example.model).toBe(model);
    });

    it('has a preset that, with its example on top, its schema accepts', () => {
      const preset = entry.presetDefaults();
      expect(Object.keys(preset).length).toBeGreaterThan(5);
      const merged = (mergePresets({ platforms: [entry.example] }) as { platforms: unknown[] }).platforms[0];
      expect(entry.schema.safeParse(merged).success).toBe(true);
      // Every preset key is a field of the schema: a preset cannot set what a user could not.
      expect(Object.keys(preset).filter((k) => !Object.hasOwn(entry.schema.shape, k))).toEqual([]);
      // The model literal is the entry's.
      expect(entry.schema.safeParse({ ...entry.example, model: 'no-such-model' }).success).toBe(false);
    });

    it('resolves its example to a spec of its own model, frozen, with the account added', () => {
      const spec = resolvedExample(entry);
      expect(spec.model).toBe(model);
      expect(spec.name).toBe(entry.example.name);
      expect(Object.isFrozen(spec)).toBe(true);
      expect(spec.account).toEqual({ startEpochMs: Date.parse('2026-01-05T00:00:00Z'), freeTier: false, runSeconds: 600 });
    });

    it('creates a model that runs a tiny scenario: every request arrives and is served', () => {
      const spec = resolvedExample(entry);
      const made = entry.create(new Simulation('1/0'), spec, 0, []);
      expect(typeof made.arrive).toBe('function');
      expect(typeof made.close).toBe('function');
      const [record] = runScenario(resolveScenario(tiny([entry.example]), ''), { seed: 1 });
      // Poisson(5/s) over 600 s: 3000 expected, sd sqrt(3000) = 55; 2700..3300 is beyond 5 sd.
      expect(record!.requests_arrived).toBeGreaterThan(2700);
      expect(record!.requests_arrived).toBeLessThan(3300);
      expect(record!.requests_completed / record!.requests_arrived).toBeGreaterThan(0.99);
      expect(record!.cost_total_usd).toBeGreaterThan(0);
      expect(record!.model).toBe(model);
    });

    it('gives a finite preflight share, growing with the run', () => {
      const spec = resolvedExample(entry);
      const hour = entry.preflight(spec, { duration: 3600, rate: 5, cpuPerRequest: 0.03 });
      const day = entry.preflight(spec, { duration: 86_400, rate: 5, cpuPerRequest: 0.03 });
      for (const x of [hour, day]) {
        for (const v of [x.certainInstances, x.ticks, x.unboundedBacklogRate]) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
      }
      expect(day.ticks).toBeGreaterThanOrEqual(hour.ticks);
      expect(Number.isFinite(estimateRun(resolveScenario(tiny([entry.example]), '')).seconds)).toBe(true);
    });

    it('lists assumptions with ranges, each on a field its schema has, each judged applicable or not', () => {
      const spec = resolvedExample(entry);
      const ranges = entry.assumptions();
      expect(ranges.length).toBeGreaterThan(0);
      for (const a of ranges) {
        expect(a.model).toBe(model);
        expect(Object.hasOwn(entry.schema.shape, a.field.split('.')[0]!)).toBe(true);
        const why = entry.notApplicable(a, spec);
        expect(why === null || (typeof why === 'string' && why.length > 0)).toBe(true);
      }
    });

    it('writes its section of the model reference from its catalog', () => {
      const docs = entry.docs();
      expect(docs.startsWith(`### ${entry.title} (\`models/${entry.catalogFile}\`)`)).toBe(true);
      expect(docs.split('\n').length).toBeGreaterThan(10);
      expect(modelReferenceMarkdown()).toContain(docs);
    });

    it('says what the verdict needs: a configuration line, alternatives, commitments, advice', () => {
      const spec = resolvedExample(entry);
      expect(entry.verdict.configuration(spec).length).toBeGreaterThan(0);
      for (const a of entry.verdict.alternatives(spec)) {
        expect(a.platform).toBe(spec.name);
        expect(a.set.startsWith(`${spec.name}.`)).toBe(true);
      }
      const d = entry.verdict.commitmentDiscounts(spec);
      if (d !== null) for (const x of [d['1y'], d['3y']]) expect(x > 0 && x < 1).toBe(true);
      const [record] = runScenario(resolveScenario(tiny([entry.example]), ''), { seed: 1 });
      const overloaded: SummaryRecord = { ...record!, status: 'overloaded' };
      expect(entry.verdict.advice(overloaded, spec, true).length).toBeGreaterThan(0);
      expect(entry.verdict.advice({ ...record!, status: 'misses-slo' }, spec, false).length).toBeGreaterThan(0);
    });
  });
});

// ------------------------------------------------------------------ a third platform, in a test

/**
 * A made-up platform: a pool of `size` always-on workers that bills `hourlyUsd` per worker.
 * Only what loading, the JSON Schema and the preflight need is real; its model is not run.
 */
const fakeSchema = z.strictObject({
  name: platformNameSchema,
  model: z.literal('fake-pool'),
  size: z.number().int().min(1).describe('workers in the pool: an integer >= 1').optional(),
  tick: durationSchema.optional(),
  hourlyUsd: z.number().min(0).describe('USD per worker-hour: a number >= 0').optional(),
});
type FakeFile = z.output<typeof fakeSchema>;
interface FakeSpec {
  readonly name: string;
  readonly model: 'fake-pool';
  readonly size: number;
  readonly tick: number;
  readonly hourlyUsd: number;
}

const fake: PlatformEntry<PlatformSpec, FakeFile> = {
  model: 'fake-pool' as PlatformSpec['model'],
  title: 'Fake pool',
  provider: 'Fake Cloud',
  catalogFile: 'cloud-run.json',
  schema: fakeSchema,
  example: { name: 'pool', model: 'fake-pool' as PlatformSpec['model'] },
  presetDefaults: () => ({ size: 3, tick: '10s', hourlyUsd: 0.05 }),
  resolve: (file, where, path) => {
    const tick = parseDurationOrThrow(file.tick!, where, `${path}.tick`);
    return { name: file.name, model: 'fake-pool', size: file.size!, tick, hourlyUsd: file.hourlyUsd! } satisfies FakeSpec as unknown as PlatformSpec;
  },
  create: () => {
    throw new Error('the fake pool is not simulated');
  },
  frontEnd: () => null,
  preflight: (spec, load) => {
    const s = spec as unknown as FakeSpec;
    return { certainInstances: s.size, ticks: load.duration / s.tick, unboundedBacklogRate: 0 };
  },
  assumptions: () => [],
  notApplicable: () => null,
  billsOnly: () => false,
  frontEndOnly: () => false,
  docs: () => '### Fake pool (`models/fake-pool.json`)\n\nA pool for the registry test.',
  verdict: {
    configuration: (spec) => `${(spec as unknown as FakeSpec).size} workers`,
    alternatives: () => [],
    commitmentDiscounts: () => null,
    advice: () => 'add workers',
    startsCold: () => null,
  },
};

describe('a third platform: one entry in a registry flows through loading, --set, JSON Schema and preflight', () => {
  const registry = new PlatformRegistry([...PLATFORMS.entries, fake]);
  const raw = tiny([{ name: 'cr', model: 'cloud-run' }, { name: 'pool', model: 'fake-pool', size: 4 }]);

  it('loads: its preset fills what the file leaves out, its resolver converts units, the account is added', () => {
    const scenario = resolveScenario(raw, 'x.json', ['pool.tick=30s'], registry);
    const pool = scenario.platforms[1] as unknown as FakeSpec & { account: unknown };
    expect(pool).toEqual({ name: 'pool', model: 'fake-pool', size: 4, tick: 30, hourlyUsd: 0.05, account: { startEpochMs: Date.parse('2026-01-05T00:00:00Z'), freeTier: false, runSeconds: 600 } });
    expect(scenario.platforms[0]!.model).toBe('cloud-run');
  });

  it('checks its fields with its own schema, in the usual words', () => {
    expect(() => resolveScenario(raw, 'x.json', ['pool.size=0'], registry)).toThrow('x.json: platforms[1].size: 0 is not allowed: workers in the pool: an integer >= 1');
    expect(() => resolveScenario(raw, 'x.json', ['pool.colour=red'], registry)).toThrow('a key known there: name, model, size, tick, hourlyUsd');
  });

  it('is one of the models an unknown one is told about; the default registry does not know it', () => {
    const bad = tiny([{ name: 'x', model: 'nope' }]);
    expect(() => resolveScenario(bad, 'x.json', [], registry)).toThrow('model one of "cloud-run", "compute-engine", "lambda", "fake-pool"');
    expect(() => resolveScenario(raw, 'x.json')).toThrow('platforms[1].model: "fake-pool" is not allowed: model one of "cloud-run", "compute-engine", "lambda"');
    expect(registry.modelsText()).toBe('"cloud-run", "compute-engine", "lambda" or "fake-pool"');
  });

  it('appears in the JSON Schema', () => {
    const text = JSON.stringify(scenarioJsonSchema(registry));
    expect(text).toContain('"const":"fake-pool"');
    expect(text).toContain('workers in the pool: an integer >= 1');
    expect(JSON.stringify(scenarioJsonSchema())).not.toContain('fake-pool');
  });

  it('counts in the preflight estimate: its certain workers and its ticks', () => {
    const with3 = resolveScenario(raw, '', [], registry);
    const crOnly = resolveScenario(tiny([{ name: 'cr', model: 'cloud-run' }]), '');
    const e = estimateRun(with3, {}, registry);
    const base = estimateRun(crOnly);
    // The pool adds 600 s / 10 s = 60 ticks, each visiting its 4 workers, plus the 4 starts: 60 x 5 + 4 = 304.
    expect(e.events - base.events).toBeCloseTo(304, 9);
  });

  it('has its section in the model reference and its (no) assumptions in the catalog walk', () => {
    expect(modelReferenceMarkdown(registry)).toContain('### Fake pool');
    expect(assumptionRanges(undefined, {}, registry)).toEqual(assumptionRanges());
  });

  it('refuses two entries of one model', () => {
    expect(() => new PlatformRegistry([fake, fake])).toThrow('two platform entries of model "fake-pool"');
  });
});
