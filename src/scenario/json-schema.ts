/**
 * The published JSON Schema of the scenario file (schema/scenario.schema.json), generated from
 * the registry's zod schema so the two cannot drift (test/scenario/json-schema.test.ts checks
 * the file).
 */
import { z } from 'zod';
import { PLATFORMS, type PlatformRegistry } from '../platforms/registry.js';

/** JSON Schema (draft 2020-12) of the scenario file as users write it. */
export function scenarioJsonSchema(registry: PlatformRegistry = PLATFORMS): object {
  const schema = z.toJSONSchema(registry.fileSchema, { io: 'input', target: 'draft-2020-12' });
  return { ...schema, title: 'scalesim scenario' };
}

/** The exact text of schema/scenario.schema.json. */
export function scenarioJsonSchemaText(registry: PlatformRegistry = PLATFORMS): string {
  return `${JSON.stringify(scenarioJsonSchema(registry), null, 2)}\n`;
}
