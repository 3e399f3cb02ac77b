import { PLATFORMS, type PlatformRegistry } from '../platforms/registry.js';

/**
 * A copy of the file-form scenario with each platform entry completed from its model's
 * preset (the registry entry's `presetDefaults`, from models/<model>.json): keys the entry
 * leaves out take the preset's value (whole values, not deep-merged, so a `coldStart` of
 * another `dist` replaces the preset's rather than mixing fields). Preset values of null
 * (Cloud Run `workers`, `pendingTimeout`) are left out: they are computed when the scenario is
 * resolved. Entries that are not objects or name no registered model stay as they are for the
 * schema to report.
 */
export function mergePresets(raw: unknown, registry: PlatformRegistry = PLATFORMS): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const scenario = raw as Record<string, unknown>;
  if (!Array.isArray(scenario.platforms)) return raw;
  const platforms = scenario.platforms.map((entry: unknown) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return entry;
    const preset = registry.get((entry as Record<string, unknown>).model)?.presetDefaults();
    if (preset === undefined) return entry;
    const filled: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(preset)) {
      if (value !== null) filled[key] = structuredClone(value);
    }
    return { ...filled, ...(entry as Record<string, unknown>) };
  });
  return { ...scenario, platforms };
}
