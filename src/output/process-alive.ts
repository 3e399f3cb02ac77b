import { createHash } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Whether process `pid` exists on this host: signal 0 checks without sending anything. EPERM
 * means it exists but belongs to another user. Only meaningful for pids of this host.
 */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let tag: string | undefined;

/** 8 hex digits naming this host in temporary file names (a host name may hold any character). */
export function hostTag(): string {
  tag ??= createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
  return tag;
}
