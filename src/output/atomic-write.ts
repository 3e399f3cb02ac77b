import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tempSuffix } from './stale-temps.js';

export { ensureDir } from './ensure-dir.js';

/**
 * Output files appear whole or not at all: data goes to `<path>.h<host>p<pid>.<random>.tmp` in
 * the same directory (so the rename stays on one file system and is atomic), is fsynced, and
 * only then renamed over `path`. A run killed half way leaves at worst a `.tmp` file (`*.tmp`
 * is in .gitignore), never a truncated `path`; the next command writing there removes it once
 * its process is gone (stale-temps.ts).
 */

/** The temporary sibling of `path`; host, pid and 48 random bits keep parallel workers apart. */
export function tempPathFor(path: string): string {
  return `${path}${tempSuffix(randomBytes(6).toString('hex'))}`;
}

/** Writes `data` to `path` atomically (temp file, fsync, rename). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tempPath = tempPathFor(path);
  const handle = await open(tempPath, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    await rename(tempPath, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** A file being written; `path` only appears, complete, on `commit`. */
export interface AtomicWriteStream {
  /** Where the file appears on commit. */
  readonly path: string;
  /** Where the data is written until then. */
  readonly tempPath: string;
  /** Appends a chunk. Throws after commit or abort. */
  write(chunk: string | Uint8Array): void;
  /** Flushes, fsyncs, closes and renames the temp file to `path`. On failure removes it. */
  commit(): Promise<void>;
  /**
   * Closes and removes the temp file; `path` is left as it was. Synchronous so that a signal
   * or `exit` handler can call it; does nothing after commit or a previous abort.
   */
  abort(): void;
}

/**
 * Opens `<path>.h<host>p<pid>.<random>.tmp` for writing (the directory must exist: see `ensureDir`).
 *
 * Writes are synchronous, in chunks of about 64 KiB. That is deliberate: the engine's `run` is
 * a synchronous loop, so an asynchronous stream could not drain before the run ends and would
 * hold a whole timeline (1.2 million rows for a week at 1 s for two platforms) in memory. With
 * synchronous writes memory stays at one chunk however the caller is written.
 */
export function createAtomicWriteStream(path: string): AtomicWriteStream {
  return new TempFileStream(path);
}

/** Chunks are gathered until this many characters or bytes, then written in one call. */
const FLUSH_THRESHOLD = 64 * 1024;

type StreamState = { state: 'open'; fd: number } | { state: 'committing' } | { state: 'committed' } | { state: 'aborted' };

class TempFileStream implements AtomicWriteStream {
  readonly tempPath: string;
  private status: StreamState;
  private pending: Array<string | Uint8Array> = [];
  private pendingSize = 0;

  constructor(readonly path: string) {
    this.tempPath = tempPathFor(path);
    this.status = { state: 'open', fd: openSync(this.tempPath, 'wx') };
  }

  write(chunk: string | Uint8Array): void {
    const fd = this.openFd('write');
    this.pending.push(chunk);
    this.pendingSize += chunk.length;
    if (this.pendingSize >= FLUSH_THRESHOLD) this.flush(fd);
  }

  async commit(): Promise<void> {
    const fd = this.openFd('commit');
    this.status = { state: 'committing' };
    try {
      this.flush(fd);
      fsyncSync(fd);
      closeSync(fd);
    } catch (error) {
      this.discard(fd);
      throw error;
    }
    try {
      await rename(this.tempPath, this.path);
    } catch (error) {
      this.discard(undefined);
      throw error;
    }
    this.status = { state: 'committed' };
    await syncDirectory(dirname(this.path));
  }

  abort(): void {
    if (this.status.state !== 'open') return;
    this.discard(this.status.fd);
  }

  private openFd(action: string): number {
    if (this.status.state !== 'open') {
      throw new Error(`cannot ${action} ${this.path}: the atomic write is ${this.status.state}`);
    }
    return this.status.fd;
  }

  private flush(fd: number): void {
    if (this.pending.length === 0) return;
    const buffers = this.pending.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk));
    const data = buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers);
    this.pending = [];
    this.pendingSize = 0;
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
  }

  /** Closes `fd` if given and removes the temp file, ignoring errors: this is cleanup. */
  private discard(fd: number | undefined): void {
    this.status = { state: 'aborted' };
    this.pending = [];
    this.pendingSize = 0;
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed, e.g. closeSync itself failed during commit
      }
    }
    rmSync(this.tempPath, { force: true });
  }
}

/**
 * Makes a rename durable: on Linux the new directory entry is only safe once the directory is
 * fsynced. Best effort, since some systems (Windows) cannot open a directory for this.
 */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here; the rename itself is still atomic
  }
}
