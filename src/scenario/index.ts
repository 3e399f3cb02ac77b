export type * from './types.js';
export { loadScenario, resolveScenario } from './load.js';
export { applyOverrides } from './overrides.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema.js';
export { parseBytes, parseDuration, parseMemory } from './units.js';
export { cloudRunCatalog, computeEngineCatalog, packageRoot, type MachineType } from './presets.js';
export { cloudRunPricesFor, computeEnginePricesFor, machineTypeFor, splitHourlyPrice } from './prices.js';
export { scenarioFileSchema, type ScenarioFile, type ScenarioFileInput } from './schema.js';
