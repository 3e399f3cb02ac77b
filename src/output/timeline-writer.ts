import { TIMELINE_FIELDS, type TimelineRow } from '../metrics/timeline-fields.js';
import { createAtomicWriteStream, type AtomicWriteStream } from './atomic-write.js';
import { formatCsvRows } from './csv-rows.js';

/** Rows gathered before they are turned into CSV and written: about 200 KiB of text. */
const BATCH_ROWS = 2048;

/**
 * Streams timeline rows to a CSV file (header `TIMELINE_FIELDS`) that appears at `path` only
 * on `close()`. Rows go through the same `formatCsvRows` as the summary CSV, so numbers and
 * quoting match, and are written in batches of 2048: memory stays at one batch, whether the
 * file has ten rows or the 1.2 million of a week at 1 s for two platforms. `write` is
 * synchronous, so it can be called from inside the engine's synchronous `run` loop without any
 * backpressure to honour (see `createAtomicWriteStream`).
 */
export class TimelineWriter {
  private readonly stream: AtomicWriteStream;
  private batch: TimelineRow[] = [];
  private count = 0;

  /** Opens the temp file and writes the header; the directory must exist (`ensureDir`). */
  constructor(readonly path: string) {
    this.stream = createAtomicWriteStream(path);
    this.stream.write(formatCsvRows(TIMELINE_FIELDS, []));
  }

  /** Rows written so far, the header not counted. */
  get rowsWritten(): number {
    return this.count;
  }

  write(row: TimelineRow): void {
    this.batch.push(row);
    this.count += 1;
    if (this.batch.length >= BATCH_ROWS) this.flush();
  }

  /** Writes what is left and renames the file into place. */
  async close(): Promise<void> {
    try {
      this.flush();
    } catch (error) {
      this.abort();
      throw error;
    }
    await this.stream.commit();
  }

  /** Drops the file: nothing appears at `path`. Synchronous, so a signal handler can call it. */
  abort(): void {
    this.batch = [];
    this.stream.abort();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const text = formatCsvRows(TIMELINE_FIELDS, this.batch, { header: false });
    this.batch = [];
    this.stream.write(text);
  }
}
