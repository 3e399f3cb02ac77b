import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hostTag, processAlive } from './process-alive.js';

/**
 * `<name>.h<host>p<pid>.<random>.tmp`: the temporary files of atomic writes (atomic-write.ts).
 * Host and pid say whose it is, so that a later command can tell a dead writer's leftovers from
 * a file another process is writing right now.
 */
const TEMP_NAME = /\.h([0-9a-f]{8})p(\d+)\.[0-9a-f]{12}\.tmp$/;

/** The suffix a temporary file of this process gets. */
export function tempSuffix(random: string): string {
  return `.h${hostTag()}p${process.pid}.${random}.tmp`;
}

/**
 * Removes the temporary files in `dir` left by processes of this host that no longer run (a
 * run killed with -9 between its writes). Files of live processes and of other hosts (a
 * shared bucket) are left alone. Returns the names removed. Best effort: an unreadable
 * directory is left as it is.
 */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (match === null || match[1] !== hostTag() || processAlive(Number(match[2]))) continue;
    await rm(join(dir, name), { force: true }).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}
