import { createWriteStream, existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { InputError } from '../errors.js';
import { packageRoot } from '../scenario/presets.js';
import type { ScenarioDraft } from './scenario-draft.js';
import { renderDraft } from './write-draft.js';

/** The trace file beside a scenario: `svc.yaml` -> `svc.trace.csv`. */
export function traceFileFor(scenarioPath: string): string {
  return `${basename(scenarioPath).replace(/\.(ya?ml|json)$/i, '')}.trace.csv`;
}

/** The package's JSON Schema as seen from the scenario's folder, for editors. */
export function schemaRefFor(scenarioPath: string): string {
  const ref = relative(dirname(scenarioPath) || '.', join(packageRoot(), 'schema', 'scenario.schema.json'));
  return ref.split('\\').join('/');
}

/** Refuses to overwrite unless `force`; names every file that is in the way. */
export function checkWritable(paths: readonly string[], force: boolean): void {
  const existing = paths.filter((p) => existsSync(p));
  if (existing.length > 0 && !force) throw new InputError(`sim init: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}: pass --force to overwrite`);
}

/** Writes the scenario and its extra files (streamed, so a long trace is not one string). */
export async function writeInit(draft: ScenarioDraft, scenarioPath: string): Promise<string[]> {
  const written: string[] = [];
  for (const [name, chunks] of draft.files) {
    const path = join(dirname(scenarioPath), name);
    const out = createWriteStream(path);
    for (const chunk of chunks) if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    written.push(path);
  }
  writeFileSync(scenarioPath, renderDraft(draft, scenarioPath, schemaRefFor(scenarioPath)));
  written.unshift(scenarioPath);
  return written;
}
