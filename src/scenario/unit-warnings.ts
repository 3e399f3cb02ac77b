import type { ScenarioFile } from './schema.js';

/** A bare number of seconds above this for a request's CPU or I/O time is probably milliseconds. */
export const BARE_SECONDS_LIMIT = 10;

/**
 * Likely unit mistakes in a scenario (pure): a bare number is seconds, so `"cpu": 30` is half a
 * minute of CPU per request, which nobody serving HTTP means; "30ms" is what was meant. Checked
 * on the request profile's CPU and I/O times (constants, means, uniform bounds, empirical
 * values). Warned about, not refused: a batch endpoint may really take that long.
 */
export function unitWarnings(file: ScenarioFile): string[] {
  const warnings: string[] = [];
  for (const key of ['cpu', 'io'] as const) {
    const spec: unknown = file.requests[key];
    const check = (path: string, value: unknown): void => {
      if (typeof value === 'number' && value > BARE_SECONDS_LIMIT) {
        warnings.push(`requests.${path}: ${value} means ${value} s; did you mean "${value}ms"?`);
      }
    };
    if (typeof spec === 'number') check(key, spec);
    else if (spec !== null && typeof spec === 'object') {
      const o = spec as Record<string, unknown>;
      for (const field of ['value', 'mean', 'scale', 'min', 'max']) check(`${key}.${field}`, o[field]);
      if (Array.isArray(o.values) && o.values.some((v) => typeof v === 'number' && v > BARE_SECONDS_LIMIT)) {
        warnings.push(`requests.${key}.values: bare numbers above ${BARE_SECONDS_LIMIT} are seconds; did you mean milliseconds ("30ms")?`);
      }
    }
  }
  return warnings;
}
