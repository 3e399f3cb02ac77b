import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { InputError } from '../errors.js';
import { processAlive } from '../output/process-alive.js';

/** What a lock file holds: who owns it. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
  /** Random, so that a process can tell its own lock from another's with a recycled pid. */
  readonly nonce: string;
}

export interface Lock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Synchronous, so an exit path can call it. */
  release(): void;
}

/**
 * An exclusive lock file, for a file that one process at a time may write (a sweep's partial
 * file: two retried tasks of a Cloud Run job writing the same shard wrote every row twice).
 *
 * The lock is created whole or not at all: the owner's pid, host, start time and a nonce go to
 * a temporary file that is then hard-linked to `path`, which fails if `path` exists (the
 * O_EXCL of link(2), also on NFS). A lock whose owner is a process of this host that no longer
 * runs (killed with -9, a crash) is stale: it is moved aside and the lock taken. A lock of a
 * live process, or of another host (whose processes cannot be checked from here), is refused
 * with an InputError naming the owner and the file to delete if that owner is gone.
 */
export function acquireLock(path: string, what: string): Lock {
  const owner: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString(), nonce: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, owner)) return ownLock(path, owner);
    const found = readOwner(path);
    if (found === 'missing') continue; // released meanwhile: try again
    if (found === 'unreadable') {
      throw new InputError(`${what}: the lock file ${path} is not one of ours (unreadable): delete it if no sweep is writing this file`);
    }
    if (found.host === owner.host && !processAlive(found.pid)) {
      removeStale(path, found);
      continue;
    }
    throw new InputError(
      `${what}: in use by process ${found.pid} on ${found.host} since ${found.started} (lock ${path}): ` +
        `two processes must not write one partial file; wait for it, or delete the lock if that process is gone`,
    );
  }
  throw new InputError(`${what}: could not take the lock ${path}: another process keeps taking it`);
}

function tryCreate(path: string, owner: LockOwner): boolean {
  const temp = `${path}.${owner.nonce}.tmp`;
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

function readOwner(path: string): LockOwner | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return 'unreadable';
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string' || typeof owner.nonce !== 'string') return 'unreadable';
    return owner;
  } catch {
    return 'unreadable';
  }
}

/**
 * Moves a stale lock aside and deletes it. Two processes may judge the same lock stale at once:
 * the rename lets only one of them have it, and a process that finds it has moved a lock other
 * than the stale one it read (the other process's fresh lock) puts it back.
 */
function removeStale(path: string, stale: LockOwner): void {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it
  }
  const moved = readOwner(aside);
  if (typeof moved === 'object' && moved.nonce !== stale.nonce) {
    try {
      linkSync(aside, path);
    } catch {
      // the path was taken again meanwhile: that owner holds the lock
    }
  }
  rmSync(aside, { force: true });
}

function ownLock(path: string, owner: LockOwner): Lock {
  let held = true;
  return {
    path,
    release(): void {
      if (!held) return;
      held = false;
      const found = readOwner(path);
      if (typeof found === 'object' && found.nonce === owner.nonce) rmSync(path, { force: true });
    },
  };
}
