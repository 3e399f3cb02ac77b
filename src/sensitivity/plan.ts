import { isDeepStrictEqual } from 'node:util';
import { PLATFORMS } from '../platforms/registry.js';
import type { Scenario } from '../scenario/types.js';
import { notApplicable } from './applicability.js';
import { rangeSets, type AssumptionRange } from '../scenario/assumptions.js';

/** One parameter of one platform to run at both ends of its range. */
export interface PlannedRow {
  /** `<platform name>.<field>`, as --set takes it. */
  readonly parameter: string;
  readonly platform: string;
  readonly assumption: AssumptionRange;
  /** The scenario's value (file form), or the model's when the preset leaves it to resolution (null). */
  readonly baseline: unknown;
  readonly low: unknown;
  readonly high: unknown;
  /** The --set flags that put this parameter at each end, after the user's own. */
  readonly sets: { readonly low: readonly string[]; readonly high: readonly string[] };
  readonly note: string | null;
  /**
   * The range changes only the platform's bill or its front end's latency
   * (PlatformEntry.billsOnly, frontEndOnly) and each end is one `--set`: both ends are billed
   * and measured from the baseline's run of the platform, not simulated.
   */
  readonly fromRun: boolean;
}

export interface SensitivityPlan {
  readonly rows: readonly PlannedRow[];
  readonly skipped: readonly { readonly parameter: string; readonly reason: string }[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A value as people read it in a table or sentence: `60s`, `0.5`, a distribution as
 * `lognormal mean=1s cv=0.4`, another object as `type=pd-standard sizeGB=10`.
 */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '-';
  if (isObject(value)) {
    const { dist, ...rest } = value;
    const parts = Object.entries(rest).map(([key, v]) => `${key}=${showValue(v)}`);
    return (typeof dist === 'string' ? [dist, ...parts] : parts).join(' ');
  }
  return JSON.stringify(value).replace(/"/g, '');
}

/** The value at a dotted field path below `node` ("prices.idleCpuSecond"), or undefined. */
function valueAt(node: unknown, field: string): unknown {
  let current = node;
  for (const key of field.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current ?? undefined;
}

/** Does the scenario itself (its file or a --set) give this field of this platform? */
function setByScenario(rawEntry: unknown, platform: string, field: string, sets: readonly string[]): boolean {
  if (valueAt(rawEntry, field) !== undefined) return true;
  const prefix = `${platform}.${field}`;
  return sets.some((flag) => {
    const path = flag.slice(0, Math.max(0, flag.indexOf('=')));
    return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
  });
}

/**
 * Maps the assumption catalog onto a scenario: each assumption with a range becomes one row per
 * platform of its model (`cloud-run.scaleInDelay`), unless it has no effect on that platform as
 * configured (applicability.ts), which is listed as skipped with the reason. An assumption the
 * scenario sets itself is still varied (the scenario's value may be a guess too), with a note.
 *
 * `raw` is the scenario file as parsed, `completed` the same with presets and --set applied
 * (load.ts `completeScenarioFile`), `scenario` the resolved one.
 */
export function planSensitivity(
  catalog: readonly AssumptionRange[],
  raw: unknown,
  completed: unknown,
  scenario: Scenario,
  sets: readonly string[],
): SensitivityPlan {
  const rows: PlannedRow[] = [];
  const skipped: { parameter: string; reason: string }[] = [];
  const rawPlatforms = isObject(raw) && Array.isArray(raw.platforms) ? raw.platforms : [];
  const completedPlatforms = isObject(completed) && Array.isArray(completed.platforms) ? completed.platforms : [];
  const entryOf = (list: readonly unknown[], name: string): unknown => list.find((p) => isObject(p) && p.name === name);

  for (const a of catalog) {
    const platforms = scenario.platforms.filter((p) => p.model === a.model);
    if (platforms.length === 0) {
      skipped.push({ parameter: `models/${PLATFORMS.of(a).catalogFile} ${a.key}`, reason: `no ${a.model} platform in the scenario` });
      continue;
    }
    for (const spec of platforms) {
      const parameter = `${spec.name}.${a.field}`;
      const reason = isDeepStrictEqual(a.low, a.high)
        ? `not varied (low = high = ${showValue(a.low)}): ${a.why.replace(/^not varied:\s*/, '')}`
        : notApplicable(a, spec);
      if (reason !== null) {
        skipped.push({ parameter, reason });
        continue;
      }
      // The file form's value ("60s"); where the preset leaves it to resolution (null:
      // Cloud Run workers), the resolved one (1).
      const baseline = valueAt(entryOf(completedPlatforms, spec.name), a.field) ?? valueAt(spec, a.field) ?? a.value;
      const note = !setByScenario(entryOf(rawPlatforms, spec.name), spec.name, a.field, sets)
        ? null
        : isDeepStrictEqual(baseline, a.value)
          ? `the scenario sets it (${showValue(baseline)}, the model's default too)`
          : `the scenario sets ${showValue(baseline)}; the model's default is ${showValue(a.value)}`;
      const ends = { low: rangeSets(spec.name, a, 'low'), high: rangeSets(spec.name, a, 'high') };
      const entry = PLATFORMS.of(spec);
      const fromRun = (entry.billsOnly(a) || entry.frontEndOnly(a)) && ends.low.length === 1 && ends.high.length === 1;
      rows.push({ parameter, platform: spec.name, assumption: a, baseline, low: a.low, high: a.high, sets: ends, note, fromRun });
    }
  }
  return { rows, skipped };
}
