import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './scenario/catalog-file.js';

let version: string | undefined;

/** The `version` of package.json: part of what identifies a sweep's or a run's output. */
export function packageVersion(): string {
  version ??= String((JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown }).version ?? '');
  return version;
}
