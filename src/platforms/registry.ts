/**
 * The platforms the simulator knows, one line each. Everything that depends on a platform's
 * model walks this list or asks `PLATFORMS.of(spec)`: scenario loading (schema, presets,
 * resolver, `--set`), the JSON Schema, createPlatform, the preflight estimate, `sim models`,
 * `sim sensitivity`'s assumptions and the verdict. Adding a platform is a new folder whose
 * index.ts exports a PlatformEntry (src/platforms/platform-entry.ts) plus one line below;
 * test/platforms/registry.test.ts checks that every entry is complete.
 */
import { z } from 'zod';
import type { Simulation } from '../engine/simulation.js';
import type { PlatformFile } from '../scenario/schema.js';
import { scenarioFileSchemaFor } from '../scenario/schema.js';
import type { PlatformSpec } from '../scenario/types.js';
import { cloudRun } from './cloud-run/index.js';
import { lambda } from './lambda/index.js';
import type { PlatformEntry } from './platform-entry.js';
import type { BillingVariant, PlatformModel } from './platform.js';
import { computeEngine } from './vm/index.js';

/** A list of platform entries and what is built from it. Tests build their own (a fake third platform). */
export class PlatformRegistry {
  readonly entries: readonly PlatformEntry[];
  private readonly byModel = new Map<string, PlatformEntry>();
  private platformSchemaCache: z.ZodType<PlatformFile, unknown> | undefined;
  private fileSchemaCache: ReturnType<typeof scenarioFileSchemaFor<z.ZodType<PlatformFile, unknown>>> | undefined;

  constructor(entries: readonly PlatformEntry[]) {
    if (entries.length === 0) throw new Error('a platform registry needs at least one entry');
    for (const entry of entries) {
      if (this.byModel.has(entry.model)) throw new Error(`two platform entries of model "${entry.model}"`);
      this.byModel.set(entry.model, entry);
    }
    this.entries = entries;
  }

  /** The model names in registry order. */
  get models(): string[] {
    return this.entries.map((e) => e.model);
  }

  /** The entry of a model name, or undefined for a name no entry has (the schema reports it). */
  get(model: unknown): PlatformEntry | undefined {
    return typeof model === 'string' ? this.byModel.get(model) : undefined;
  }

  /**
   * The entry of a resolved spec (or of anything naming a model, such as an assumption); a model
   * no entry has is a programming error here, since loading admits registered models only.
   */
  of(spec: { readonly model: string }): PlatformEntry {
    const entry = this.byModel.get(spec.model);
    if (entry === undefined) throw new Error(`no platform entry of model "${spec.model}" (src/platforms/registry.ts)`);
    return entry;
  }

  /** The models for a message: `"cloud-run" or "compute-engine"`, `"a", "b" or "c"`. */
  modelsText(): string {
    const quoted = this.models.map((m) => `"${m}"`);
    return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)!}`;
  }

  /** One platform object of a scenario file: the union of the entries' schemas on `model`. */
  get platformSchema(): z.ZodType<PlatformFile, unknown> {
    this.platformSchemaCache ??= z
      .discriminatedUnion('model', this.entries.map((e) => e.schema) as [z.ZodObject, ...z.ZodObject[]])
      .describe(`a platform object {"name": ..., "model": ${this.models.map((m) => `"${m}"`).join(' | ')}, ...}`) as unknown as z.ZodType<PlatformFile, unknown>;
    return this.platformSchemaCache;
  }

  /** The scenario file schema with these platforms. */
  get fileSchema() {
    this.fileSchemaCache ??= scenarioFileSchemaFor(this.platformSchema);
    return this.fileSchemaCache;
  }

  /** The simulation model of a spec, by its entry's factory. */
  create(sim: Simulation, spec: PlatformSpec, warmup: number, variants: readonly BillingVariant[] = []): PlatformModel {
    return this.of(spec).create(sim, spec, warmup, variants);
  }
}

/** The platforms of this simulator: one line per platform folder. */
export const PLATFORMS = new PlatformRegistry([
  cloudRun,
  computeEngine,
  lambda,
]);
