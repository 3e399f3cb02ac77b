/**
 * The catalogs of models/ under the names callers knew before the platform registry: the reader
 * is src/scenario/catalog-file.ts and each platform's catalog lives in its folder
 * (src/platforms/cloud-run/presets.ts, src/platforms/vm/presets.ts). Re-exported here so that
 * the tests, sim init and the validation references keep their imports; new code imports from
 * the defining module.
 */
export { modelsPath, packageRoot, readModelJson } from './catalog-file.js';
export { cloudRunCatalog, type CloudRunCatalog } from '../platforms/cloud-run/presets.js';
export {
  computeEngineCatalog,
  type ComputeEngineBillingCatalog,
  type ComputeEngineCatalog,
  type MachineType,
} from '../platforms/vm/presets.js';
