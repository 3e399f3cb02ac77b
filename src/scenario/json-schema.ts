/**
 * The published JSON Schema of the scenario file (schema/scenario.schema.json), generated from
 * the zod schema so the two cannot drift (test/scenario/json-schema.test.ts checks the file).
 */
import { z } from 'zod';
import { scenarioFileSchema } from './schema.js';

/** JSON Schema (draft 2020-12) of the scenario file as users write it. */
export function scenarioJsonSchema(): object {
  const schema = z.toJSONSchema(scenarioFileSchema, { io: 'input', target: 'draft-2020-12' });
  return { ...schema, title: 'scalesim scenario' };
}

/** The exact text of schema/scenario.schema.json. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
