import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { resolveScenario } from '../scenario/load.js';
import { sha256 } from '../scenario/text-hash.js';
import { locateScenario } from '../scenario/locate-scenario.js';
import { locateInputError, parseScenarioText } from '../scenario/scenario-text.js';
import type { Scenario } from '../scenario/types.js';

/**
 * A scenario file read once: its path (for messages and relative trace files) and its text.
 * Every point of an experiment is resolved from this same text, in the main thread and in
 * worker threads alike, so a file edited during a sweep cannot mix two versions.
 */
export interface ScenarioSource {
  readonly path: string;
  readonly text: string;
}

/** Reads a scenario file; a missing or unreadable file is bad input, as in `loadScenario`. */
export function readScenarioSource(given: string): ScenarioSource {
  const path = locateScenario(given);
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : String(code ?? error);
    throw new InputError(`${path}: cannot read the scenario: ${reason}`);
  }
}

/**
 * Resolves a source with `--set` overrides through the same steps as `loadScenario` (presets,
 * overrides, schema, units), remembering each result: a worker thread resolves a sweep point
 * once however many replications it runs.
 */
export class ScenarioResolver {
  private readonly cache = new Map<string, Scenario>();
  private parsed: { text: string; path: string; raw: unknown } | undefined;

  resolve(source: ScenarioSource, sets: readonly string[]): Scenario {
    const key = `${source.path}\u0000${sha256(source.text)}\u0000${sets.join('\u0000')}`;
    let scenario = this.cache.get(key);
    if (scenario === undefined) {
      const raw = this.raw(source);
      try {
        scenario = resolveScenario(raw, source.path, sets);
      } catch (error) {
        throw locateInputError(error, this.parsed?.raw, source.path);
      }
      this.cache.set(key, scenario);
    }
    return scenario;
  }

  /** The parsed file; resolveScenario copies before it changes anything, so one parse serves all. */
  private raw(source: ScenarioSource): unknown {
    if (this.parsed === undefined || this.parsed.text !== source.text || this.parsed.path !== source.path) {
      this.parsed = { text: source.text, path: source.path, raw: parseScenarioText(source.text, source.path) };
    }
    return structuredClone(this.parsed.raw);
  }
}
