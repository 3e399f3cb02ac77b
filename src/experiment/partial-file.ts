import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../output/atomic-write.js';
import { formatCsvTableRows } from './csv-table.js';
import { parse } from 'csv-parse/sync';
import { formatMeta, metaDifference, type SweepMeta } from './sweep-meta.js';

/**
 * The file a sweep writes while it runs: `<out>.partial`, the header and then the rows of
 * finished tasks in task order, each task appended in one write and fsynced. Killed at any
 * moment, it holds whole tasks (a torn last task is cut off on resume), so a rerun of the same
 * command reads it, skips the tasks it holds and appends the rest: the finished file has the
 * same bytes as an uninterrupted run. `<out>.partial.meta.json` (written first) records the
 * command, so that a different command refuses to resume it.
 */
export interface PartialFile {
  /** Where the results appear when the sweep is done. */
  readonly out: string;
  readonly path: string;
  readonly metaPath: string;
  /** Tasks (in the sweep's order) the file already held when opened. */
  readonly resumed: number;
  /** Appends one task's lines and makes them durable. */
  append(text: string): void;
  /** The whole file as it is now. */
  read(): string;
  /**
   * Renames the file to `out`; the meta file is renamed to `keepMetaAs` when given (a shard
   * keeps it for `sim merge`), else removed.
   */
  finish(keepMetaAs?: string): Promise<void>;
  /** Closes the file, leaving it for a later resume. */
  close(): void;
}

/** Identifies the tasks a partial file should hold, in order: `matches` checks one task's rows. */
export interface TaskLayout {
  /** Rows written by the i-th task of this run (tasks in order), or undefined past the last. */
  rowCount(i: number): number | undefined;
  matches(i: number, rows: readonly (readonly string[])[]): boolean;
}

export function partialPaths(out: string): { path: string; metaPath: string } {
  return { path: `${out}.partial`, metaPath: `${out}.partial.meta.json` };
}

/**
 * Opens the partial file for `out`, resuming it when one exists for the same command (same
 * meta), starting it otherwise. A partial file from another command, or one whose header or
 * rows are not this sweep's, is refused with an InputError (exit 2): deleting it is the user's
 * call, not ours.
 */
export async function openPartialFile(out: string, meta: SweepMeta, header: string, layout: TaskLayout): Promise<PartialFile> {
  const { path, metaPath } = partialPaths(out);
  const startOver = `delete ${path} and ${metaPath} to start over`;
  let resumed = 0;
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
      if (!text.startsWith(header)) throw new InputError(`${path}: its header is not this sweep's columns; ${startOver}`);
      const kept = finishedTasks(text.slice(header.length), layout, meta.columns);
      if (!text.startsWith(header + kept.text)) throw new InputError(`${path}: rows that this sweep would not write; ${startOver}`);
      resumed = kept.tasks;
      keepBytes = Buffer.byteLength(header + kept.text);
    }
  } else {
    keepBytes = -1;
    await writeFileAtomic(metaPath, formatMeta(meta));
  }
  if (keepBytes < 0) await writeFileAtomic(path, header);
  const fd = openSync(path, 'a');
  if (keepBytes >= 0) {
    ftruncateSync(fd, keepBytes);
    fsyncSync(fd);
  }
  return new OpenPartial(out, path, metaPath, resumed, fd);
}

/**
 * The longest run of whole, matching tasks at the start of `body` (the rows after the
 * header), and their text as the writer formats it. A torn last line (no `\n`) or a task with
 * only some of its rows is left out.
 */
function finishedTasks(body: string, layout: TaskLayout, columns: readonly string[]): { tasks: number; text: string } {
  let rows = parseRows(body.slice(0, body.lastIndexOf('\n') + 1));
  const kept: string[][] = [];
  let tasks = 0;
  for (;;) {
    const count = layout.rowCount(tasks);
    if (count === undefined || rows.length < count) break;
    const taskRows = rows.slice(0, count);
    if (!layout.matches(tasks, taskRows)) break;
    kept.push(...taskRows);
    rows = rows.slice(count);
    tasks++;
  }
  return { tasks, text: kept.length === 0 ? '' : formatCsvTableRows(columns, kept) };
}

/** Rows of CSV text; a tail that does not parse (a torn quoted cell) is dropped line by line. */
function parseRows(text: string): string[][] {
  let end = text.length;
  while (end > 0) {
    try {
      return parse(text.slice(0, end), { relax_column_count: true }) as string[][];
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
    fd: number,
  ) {
    this.fd = fd;
  }

  append(text: string): void {
    if (this.fd === undefined) throw new Error(`${this.path}: closed`);
    const data = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < data.length) offset += writeSync(this.fd, data, offset, data.length - offset);
    fsyncSync(this.fd);
  }

  read(): string {
    return readFileSync(this.path, 'utf8');
  }

  async finish(keepMetaAs?: string): Promise<void> {
    this.close();
    await rename(this.path, this.out);
    if (keepMetaAs !== undefined) await rename(this.metaPath, keepMetaAs);
    else await rm(this.metaPath, { force: true });
    await syncDirectory(dirname(this.out));
  }

  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    fsyncSync(fd);
    closeSync(fd);
  }
}

/** Makes the renames durable (best effort, as in output/atomic-write.ts). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here; the renames themselves are still atomic
  }
}
