/**
 * The catalogs of models/ as the callers of before know them: the reader is
 * src/scenario/catalog-file.ts and each platform's catalog lives in its folder
 * (src/platforms/cloud-run/presets.ts, src/platforms/vm/presets.ts). This module only
 * re-exports them, so that billing and the tests keep their imports; it names no registry
 * (billing imports it, and the registry imports billing through the platforms).
 */
export { modelsPath, packageRoot, readModelJson } from './catalog-file.js';
export { cloudRunCatalog, type CloudRunCatalog } from '../platforms/cloud-run/presets.js';
export {
  computeEngineCatalog,
  type ComputeEngineBillingCatalog,
  type ComputeEngineCatalog,
  type MachineType,
} from '../platforms/vm/presets.js';
