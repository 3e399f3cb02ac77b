import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A fresh folder for a test file's scenarios, removed after its tests, and a writer of a
 * scenario object into it as JSON (returns the path).
 */
export function scenarioFolder(prefix: string): { readonly dir: string; write(name: string, scenario: unknown): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, scenario) {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(scenario));
      return path;
    },
  };
}
