import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/json-schema.js';
import { packageRoot } from '../../src/scenario/presets.js';

describe('scenario JSON Schema', () => {
  it('schema/scenario.schema.json is up to date', () => {
    const path = join(packageRoot(), 'schema', 'scenario.schema.json');
    const onDisk = readFileSync(path, 'utf8');
    const fresh = scenarioJsonSchemaText();
    if (onDisk !== fresh) {
      expect.fail(
        `${path} is stale: regenerate it with \`npm run build && node dist/src/scenario/write-json-schema.js\` ` +
          '(or `npx vite-node src/scenario/write-json-schema.ts`)',
      );
    }
  });

  it('describes strict objects with units as patterns', () => {
    const schema = scenarioJsonSchema() as Record<string, any>;
    expect(schema.additionalProperties).toBe(false);
    // start and duration may come from a trace (trace-file.ts): neither is required.
    expect([...schema.required].sort()).toEqual(['name', 'platforms', 'requests', 'traffic']);
    expect(schema.properties.start.description).toContain('2026-01-05T00:00:00Z');
    expect(JSON.stringify(schema.properties.duration)).toContain('pattern');
  });
});
