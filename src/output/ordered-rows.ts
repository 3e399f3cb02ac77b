import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unpackRows, type RowBatch } from '../metrics/row-batch.js';
import type { TimelineRow } from '../metrics/timeline-fields.js';

/**
 * Timeline rows from several producers running at once (the platforms of `sim run --workers`),
 * handed to `sink` in producer order: all of producer 0's rows, then producer 1's... exactly
 * the order of a sequential run, so timeline.csv and the report do not depend on which
 * platform finished first. The producer at the head passes straight through; a later one's
 * rows wait in a temporary file, not in memory, since a platform's timeline can be millions of
 * rows (a week at 1 s), and are played back when its turn comes. Rows come and wait as
 * RowBatch columns (row-batch.ts); the file holds each batch in V8's serialization (as worker
 * messages are): every number comes back bit for bit, NaN too.
 */
/** node:v8, loaded when rows first wait (about 5 ms CPU that a run with nothing to spill does not pay: start-up, issue 12). */
const v8 = (): typeof import('node:v8') => process.getBuiltinModule('node:v8');

export class OrderedRows {
  private head = 0;
  private readonly finished: boolean[];
  private readonly spills = new Map<number, { path: string; fd: number; bytes: number }>();
  private dir: string | undefined;

  constructor(
    readonly producers: number,
    private readonly sink: (row: TimelineRow) => void,
  ) {
    this.finished = new Array<boolean>(producers).fill(false);
  }

  add(producer: number, rows: RowBatch): void {
    if (producer === this.head) {
      unpackRows(rows, this.sink);
      return;
    }
    if (producer < this.head || producer >= this.producers) throw new Error(`ordered rows: rows from producer ${producer}, at ${this.head} of ${this.producers}`);
    let spill = this.spills.get(producer);
    if (spill === undefined) {
      this.dir ??= mkdtempSync(join(tmpdir(), 'scalesim-rows-'));
      const path = join(this.dir, `${producer}.bin`);
      spill = { path, fd: openSync(path, 'w+'), bytes: 0 };
      this.spills.set(producer, spill);
    }
    const data = v8().serialize(rows);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(data.length);
    spill.bytes += writeSync(spill.fd, length) + writeSync(spill.fd, data);
  }

  /** Producer `producer` has sent all its rows; the next ones' rows flow when their turn comes. */
  finish(producer: number): void {
    this.finished[producer] = true;
    while (this.head < this.producers && this.finished[this.head] === true) {
      this.head++;
      if (this.head < this.producers) this.playBack(this.head);
    }
  }

  /** Removes the temporary files (after an error, or at the end). */
  close(): void {
    for (const spill of this.spills.values()) closeSync(spill.fd);
    this.spills.clear();
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private playBack(producer: number): void {
    const spill = this.spills.get(producer);
    if (spill === undefined) return;
    this.spills.delete(producer);
    try {
      const length = Buffer.alloc(4);
      for (let position = 0; position < spill.bytes; ) {
        readFully(spill.fd, length, position);
        const data = Buffer.alloc(length.readUInt32LE());
        readFully(spill.fd, data, position + 4);
        position += 4 + data.length;
        unpackRows(v8().deserialize(data) as RowBatch, this.sink);
      }
    } finally {
      closeSync(spill.fd);
      rmSync(spill.path, { force: true });
    }
  }
}

function readFully(fd: number, into: Buffer, position: number): void {
  for (let done = 0; done < into.length; ) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) throw new Error('ordered rows: the spill file ended early');
    done += n;
  }
}
