import { existsSync } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { packageRoot } from './catalog-file.js';

/**
 * The file to read for a scenario path given on the command line. A path that exists is used
 * as it is. A relative path that does not exist here but names a scenario shipped with the
 * package is read from the package: `workloads/diurnal.json` (as the README writes it) or
 * `diurnal.json`, so that `sim run workloads/diurnal.json` works from any directory after
 * `npm install -g`, not only in a clone. Anything else is returned unchanged, for the caller's
 * "no such file" message.
 */
export function locateScenario(path: string): string {
  if (isAbsolute(path) || existsSync(path)) return path;
  const root = packageRoot();
  const relative = normalize(path);
  if (relative.startsWith('..')) return path;
  const candidate = relative.startsWith(`workloads${sep}`) ? join(root, relative) : join(root, 'workloads', relative);
  return existsSync(candidate) ? candidate : path;
}
