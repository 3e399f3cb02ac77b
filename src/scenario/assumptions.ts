import type { AssumptionRange, ModelName } from '../platforms/platform-entry.js';
import { PLATFORMS, type PlatformRegistry } from '../platforms/registry.js';

export type { AssumptionRange } from '../platforms/platform-entry.js';
export type PlatformModelName = ModelName;

/**
 * Every assumption of the registered platforms' catalogs in models/ (each catalog's schema
 * makes a range mandatory), platform by platform in registry order, each in file order: what
 * `sim sensitivity` varies. `model` keeps one platform's; `paths` replaces a model's catalog
 * file (test fixtures).
 */
export function assumptionRanges(
  model?: ModelName,
  paths: Partial<Record<ModelName, string>> = {},
  registry: PlatformRegistry = PLATFORMS,
): AssumptionRange[] {
  return registry.entries.filter((e) => model === undefined || e.model === model).flatMap((e) => e.assumptions(paths[e.model]));
}

/**
 * The `--set` arguments that put platform `platform` at one end of a range. A partial object
 * (`{"evaluationInterval": "5s"}`) sets only the keys it names, so a scenario's other settings
 * of that object stay; a distribution (`dist`) or a disk (`type`) is one value, set whole.
 */
export function rangeSets(platform: string, range: AssumptionRange, end: 'low' | 'high'): string[] {
  const v = range[end];
  const isPartial = v !== null && typeof v === 'object' && !Array.isArray(v) && !('dist' in v) && !('type' in v);
  if (isPartial) return Object.entries(v).map(([k, x]) => `${platform}.${range.field}.${k}=${text(x)}`);
  return [`${platform}.${range.field}=${text(v)}`];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
