import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../output/atomic-write.js';
import { csvParser } from '../output/csv-parser.js';
import { formatCsvRows } from '../output/csv-rows.js';
import { formatCsvTableRows } from './csv-table.js';
import { acquireLock, type Lock } from './lock-file.js';
import { formatMeta, metaDifference, type SweepMeta } from './sweep-meta.js';

/**
 * The file a sweep writes while it runs: `<out>.partial`, the header and then the rows of
 * finished tasks in task order, each task appended in one write and fsynced. Every row carries
 * one more cell than the results, `row_sha256`: the sha256 of the sweep's fingerprint (its meta
 * file's text) and the row's cells, so a row edited by hand, or left by another sweep, does not
 * match and is run again. Killed at any moment, the file holds whole tasks (a torn last task is
 * cut off on resume), so a rerun of the same command reads it, keeps the tasks whose rows match
 * their checksums, and runs the rest: the finished file (checksums dropped) has the same bytes
 * as an uninterrupted run. `<out>.partial.meta.json` (written first) records the command, so
 * that a different command refuses to resume it; `<out>.partial.lock` (lock-file.ts) keeps a
 * second process of the same command out while the first runs.
 */
export interface PartialFile {
  /** Where the results appear when the sweep is done. */
  readonly out: string;
  readonly path: string;
  readonly metaPath: string;
  /** Tasks (in the sweep's order) the file already held when opened. */
  readonly resumed: number;
  /** Rows of the file that were dropped on opening: a checksum that did not match, and every row after it. */
  readonly discarded: number;
  /** Of those, rows whose checksum did not match their cells. */
  readonly corrupted: number;
  /** Appends one task's lines (results CSV without a header) and makes them durable. */
  append(text: string): void;
  /** The results as they are now: the header and the rows, without the checksum column. */
  results(): string;
  /**
   * Writes `results` to `out` (atomically) and removes the partial file and its lock; the meta
   * file is renamed to `keepMetaAs` when given (a shard keeps it for `sim merge`), else removed.
   */
  finish(results: string, keepMetaAs?: string): Promise<void>;
  /** Closes the file and releases the lock, leaving the file for a later resume. */
  close(): void;
}

/** Identifies the tasks a partial file should hold, in order: `matches` checks one task's rows. */
export interface TaskLayout {
  /** Rows written by the i-th task of this run (tasks in order), or undefined past the last. */
  rowCount(i: number): number | undefined;
  matches(i: number, rows: readonly (readonly string[])[]): boolean;
}

export const CHECKSUM_COLUMN = 'row_sha256';

export function partialPaths(out: string): { path: string; metaPath: string; lockPath: string } {
  return { path: `${out}.partial`, metaPath: `${out}.partial.meta.json`, lockPath: `${out}.partial.lock` };
}

/** The checksum of one row: sha256 over the sweep's fingerprint and the row's cells. */
export function rowChecksum(fingerprint: string, cells: readonly string[]): string {
  return createHash('sha256').update(fingerprint).update('\n').update(JSON.stringify(cells)).digest('hex');
}

/**
 * Opens the partial file for `out`, resuming it when one exists for the same command (same
 * meta), starting it otherwise. A partial file from another command, or whose header is not
 * this sweep's, is refused with an InputError (exit 2): deleting it is the user's call, not
 * ours. A partial file another live process holds the lock of is refused too.
 */
export async function openPartialFile(out: string, meta: SweepMeta, header: string, layout: TaskLayout): Promise<PartialFile> {
  const { path, metaPath, lockPath } = partialPaths(out);
  const lock = acquireLock(lockPath, path);
  try {
    return await openLocked(out, meta, header, layout, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openLocked(out: string, meta: SweepMeta, header: string, layout: TaskLayout, lock: Lock): Promise<PartialFile> {
  const { path, metaPath } = partialPaths(out);
  const startOver = `delete ${path} and ${metaPath} to start over`;
  const fingerprint = formatMeta(meta);
  const columns = [...meta.columns, CHECKSUM_COLUMN];
  const partialHeader = formatCsvRows(columns, []);
  let resumed = 0;
  let discarded = 0;
  let corrupted = 0;
  let keepBytes: number;
  if (existsSync(path)) {
    if (!existsSync(metaPath)) throw new InputError(`${path}: a partial sweep without its ${metaPath}: cannot tell which command wrote it; ${startOver}`);
    let found: unknown;
    try {
      found = JSON.parse(readFileSync(metaPath, 'utf8'));
    } catch {
      throw new InputError(`${metaPath}: not a sweep's meta file (unreadable JSON); ${startOver}`);
    }
    const differs = metaDifference(meta, found);
    if (differs !== undefined) {
      throw new InputError(`${path}: a partial sweep of a different command (${differs} differs): rerun that command to finish it, or ${startOver}`);
    }
    const text = readFileSync(path, 'utf8');
    if (text === '') {
      keepBytes = -1; // created but the header never written: start it again
    } else {
      if (!text.startsWith(partialHeader)) throw new InputError(`${path}: its header is not this sweep's columns; ${startOver}`);
      const kept = finishedTasks(text.slice(partialHeader.length), layout, columns, fingerprint);
      resumed = kept.tasks;
      discarded = kept.discarded;
      corrupted = kept.corrupted;
      if (text.startsWith(partialHeader + kept.text)) keepBytes = Buffer.byteLength(partialHeader + kept.text);
      else {
        // Rows whose cells match but whose bytes do not (re-quoted by an editor): write them as we would.
        await writeFileAtomic(path, partialHeader + kept.text);
        keepBytes = -2;
      }
    }
  } else {
    keepBytes = -1;
    await writeFileAtomic(metaPath, fingerprint);
  }
  if (keepBytes === -1) await writeFileAtomic(path, partialHeader);
  const fd = openSync(path, 'a');
  if (keepBytes >= 0) {
    ftruncateSync(fd, keepBytes);
    fsyncSync(fd);
  }
  return new OpenPartial(out, path, metaPath, resumed, discarded, corrupted, fd, lock, fingerprint, columns, header);
}

/**
 * The longest run of whole, matching tasks at the start of `body` (the rows after the header),
 * and their text as the writer formats it. A torn last line (no `\n`), a task with only some of
 * its rows, a row whose checksum does not match, and everything after, are left out.
 */
function finishedTasks(
  body: string,
  layout: TaskLayout,
  columns: readonly string[],
  fingerprint: string,
): { tasks: number; text: string; discarded: number; corrupted: number } {
  const all = parseRows(body.slice(0, body.lastIndexOf('\n') + 1));
  const valid = (row: readonly string[]): boolean =>
    row.length === columns.length && row[row.length - 1] === rowChecksum(fingerprint, row.slice(0, -1));
  let rows = all;
  const kept: string[][] = [];
  let tasks = 0;
  for (;;) {
    const count = layout.rowCount(tasks);
    if (count === undefined || rows.length < count) break;
    const taskRows = rows.slice(0, count);
    if (!taskRows.every(valid) || !layout.matches(tasks, taskRows.map((row) => row.slice(0, -1)))) break;
    kept.push(...taskRows);
    rows = rows.slice(count);
    tasks++;
  }
  return {
    tasks,
    text: kept.length === 0 ? '' : formatCsvTableRows(columns, kept),
    discarded: rows.length,
    corrupted: all.filter((row) => !valid(row)).length,
  };
}

/** Rows of CSV text; a tail that does not parse (a torn quoted cell) is dropped line by line. */
function parseRows(text: string): string[][] {
  let end = text.length;
  while (end > 0) {
    try {
      return csvParser().parse(text.slice(0, end), { relax_column_count: true }) as string[][];
    } catch {
      end = text.lastIndexOf('\n', end - 2) + 1;
    }
  }
  return [];
}

class OpenPartial implements PartialFile {
  private fd: number | undefined;

  constructor(
    readonly out: string,
    readonly path: string,
    readonly metaPath: string,
    readonly resumed: number,
    readonly discarded: number,
    readonly corrupted: number,
    fd: number,
    private readonly lock: Lock,
    private readonly fingerprint: string,
    private readonly columns: readonly string[],
    private readonly header: string,
  ) {
    this.fd = fd;
  }

  append(text: string): void {
    if (this.fd === undefined) throw new Error(`${this.path}: closed`);
    const rows = (csvParser().parse(text) as string[][]).map((cells) => [...cells, rowChecksum(this.fingerprint, cells)]);
    const data = Buffer.from(formatCsvTableRows(this.columns, rows), 'utf8');
    let offset = 0;
    while (offset < data.length) offset += writeSync(this.fd, data, offset, data.length - offset);
    fsyncSync(this.fd);
  }

  results(): string {
    const text = readFileSync(this.path, 'utf8');
    const [, ...rows] = csvParser().parse(text) as string[][];
    return this.header + (rows.length === 0 ? '' : formatCsvTableRows(this.columns.slice(0, -1), rows.map((row) => row.slice(0, -1))));
  }

  async finish(results: string, keepMetaAs?: string): Promise<void> {
    this.closeFile();
    await writeFileAtomic(this.out, results);
    if (keepMetaAs !== undefined) await writeFileAtomic(keepMetaAs, readFileSync(this.metaPath, 'utf8'));
    await rm(this.path, { force: true });
    await rm(this.metaPath, { force: true });
    await syncDirectory(dirname(this.out));
    this.lock.release();
  }

  close(): void {
    this.closeFile();
    this.lock.release();
  }

  private closeFile(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    fsyncSync(fd);
    closeSync(fd);
  }
}

/** Makes the removals durable (best effort, as in output/atomic-write.ts). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here
  }
}
