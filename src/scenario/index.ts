import type { z } from 'zod';
import { PLATFORMS } from '../platforms/registry.js';

export type * from './types.js';
export { loadScenario, resolveScenario } from './load.js';
export { applyOverrides } from './overrides.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema.js';
export { parseBytes, parseDuration, parseMemory } from './units.js';
export { cloudRunCatalog, computeEngineCatalog, packageRoot, type MachineType } from './presets.js';
export { cloudRunPricesFor, computeEnginePricesFor, machineTypeFor, splitHourlyPrice } from './prices.js';
export { type ScenarioFile } from './schema.js';

/** The scenario file schema with the registered platforms (src/platforms/registry.ts). */
export const scenarioFileSchema = PLATFORMS.fileSchema;
export type ScenarioFileInput = z.input<typeof scenarioFileSchema>;
