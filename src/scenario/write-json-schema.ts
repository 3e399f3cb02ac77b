/**
 * Regenerates schema/scenario.schema.json:
 *   npm run build && node dist/src/scenario/write-json-schema.js
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchemaText } from './json-schema.js';
import { packageRoot } from './catalog-file.js';

const path = join(packageRoot(), 'schema', 'scenario.schema.json');
writeFileSync(path, scenarioJsonSchemaText());
process.stdout.write(`wrote ${path}\n`);
