/**
 * Prices a resolved platform carries, as the callers of before know them: each platform's
 * prices live in its folder (src/platforms/cloud-run/presets.ts, src/platforms/vm/prices.ts);
 * re-exported here so that the tests keep their imports.
 */
export { cloudRunPricesFor } from '../platforms/cloud-run/presets.js';
export { computeEnginePricesFor, machineTypeFor, splitHourlyPrice } from '../platforms/vm/prices.js';
