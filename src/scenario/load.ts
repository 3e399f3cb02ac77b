/**
 * Scenario loading at the edge, in named steps: read -> parse JSON -> presets -> --set ->
 * schema -> units and cross-field checks -> frozen Scenario. Every bad input is an InputError
 * naming the file, the JSON path (or flag), the value and what is allowed.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { PLATFORMS, type PlatformRegistry } from '../platforms/registry.js';
import { deepFreeze } from './deep-freeze.js';
import { applyOverrides } from './overrides.js';
import { mergePresets } from './merge-presets.js';
import { resolveFile } from './resolve.js';
import { locateInputError, parseScenarioText } from './scenario-text.js';
import { locateScenario } from './locate-scenario.js';
import type { Scenario } from './types.js';
import { parseOrThrow } from './zod-issues.js';

/**
 * Resolves an in-memory scenario in file form (as JSON.parse would give it). `where` names
 * its origin in messages and becomes `source` (pass '' for none). Used by loadScenario, tests
 * and sweeps. `registry` gives the platforms (tests pass their own).
 */
export function resolveScenario(raw: unknown, where: string, sets: readonly string[] = [], registry: PlatformRegistry = PLATFORMS): Scenario {
  const file = parseOrThrow(registry.fileSchema, completeScenarioFile(raw, where, sets, registry), where);
  return deepFreeze(resolveFile(file, where, registry));
}

/**
 * The file form with presets merged and `--set` applied, not yet validated: what each
 * platform field is before units are converted (`sim sensitivity` shows these values).
 */
export function completeScenarioFile(raw: unknown, where: string, sets: readonly string[] = [], registry: PlatformRegistry = PLATFORMS): unknown {
  // Presets first, so that --set can reach into a value the file leaves to its preset
  // (`cloud-run.coldStart.mean=2s`); again after, for platforms a --set adds whole.
  return mergePresets(applyOverrides(mergePresets(raw, registry), sets, where, registry), registry);
}

/**
 * Reads, validates and resolves the scenario file at `given` (JSON, or YAML when it ends in
 * .yaml/.yml; a packaged workload when the path names none here: locate-scenario.ts), applying
 * `--set` overrides.
 */
export function loadScenario(given: string, sets: readonly string[] = []): Scenario {
  const path = locateScenario(given);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : String(code ?? error);
    throw new InputError(`${path}: cannot read the scenario: ${reason}`);
  }
  const raw = parseScenarioText(text, path);
  try {
    return resolveScenario(raw, path, sets);
  } catch (error) {
    throw locateInputError(error, raw, path);
  }
}
