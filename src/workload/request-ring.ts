import { requestAt, requestFields, type Request } from './request.js';

/** What hands out a run's requests in order: a RequestSource, or a RequestRingReader fed from one. */
export interface RequestStream {
  /** The next request, or null once the run's requests are all out. */
  next(): Request | null;
}

/** What fills a ring: a RequestSource, whose drawInto writes a request's numbers without making a Request. */
export interface RequestDraws {
  /** Whether the requests carry a request size (a fifth number). */
  readonly sized: boolean;
  /** Writes the next request's arrival, cpu, io, bytes (and request size) to `out` from `at`; false at the end. */
  drawInto(out: Float64Array, at: number): boolean;
}

/**
 * A run's requests drawn once and shared between threads (issue 12): the platforms of `sim
 * run` each simulate the same requests (common random numbers), and drawing them (the arrival
 * process's thinning, a lognormal CPU time, the I/O time) is about a sixth of a Cloud Run
 * request's cost. One writer (the main thread, idle while the platforms run) fills a ring of
 * chunks in shared memory from the one RequestSource; each platform's thread reads every chunk
 * (RequestRingReader) and makes its own Request objects from the numbers, which are the very
 * doubles the source drew, so the run's output is byte-identical.
 *
 * The ring holds CHUNKS chunks of CHUNK_REQUESTS requests (by default); the writer waits while
 * the slowest reader is a whole ring behind, a reader while it has read all that was written.
 * Neither waits for the other reader, so there is no deadlock as long as every reader runs at
 * once (the readers are threads started together) and reads to the end, or the ring is stopped
 * (`stop`, when a run fails): waiting readers then throw and the writer returns.
 *
 * Layout of the SharedArrayBuffer: an Int32 header (HEADER words, then one read count per
 * reader), an Int32 pair per chunk (requests in it, 1 if it is the last), then the Float64
 * numbers, in RequestSource.drawInto's layout (requestFields per request). The header carries the
 * geometry, so a reader in another thread needs only the buffer and the reader count.
 */
export interface RequestRing {
  readonly buffer: SharedArrayBuffer;
  readonly readers: number;
}

/** Chunks in the ring by default; the writer stays at most this many ahead of the slowest reader. */
const CHUNKS = 16;
/** Requests per chunk by default: a reader crosses threads once per chunk (4,096 requests, 128 KiB). */
const CHUNK_REQUESTS = 4096;
/** Header words: chunks written, stopped flag, whether requests carry a size, the geometry; then the readers' counts. */
const WRITTEN = 0;
const STOPPED = 1;
const SIZED = 2;
const GEOMETRY_CHUNKS = 3;
const GEOMETRY_REQUESTS = 4;
const HEADER = 8;

/** A reader waits this long at most before looking at the stopped flag again, ms. */
const WAIT_MS = 250;

/** Typed views of a ring's buffer. */
class RingView {
  readonly header: Int32Array;
  /** Per chunk slot: requests in it, and 1 if it is the last chunk. */
  readonly meta: Int32Array;
  readonly data: Float64Array;
  readonly chunks: number;
  readonly chunkRequests: number;
  readonly fields: number;
  readonly sized: boolean;

  constructor(ring: RequestRing) {
    const head = new Int32Array(ring.buffer, 0, HEADER);
    this.chunks = head[GEOMETRY_CHUNKS]!;
    this.chunkRequests = head[GEOMETRY_REQUESTS]!;
    this.sized = head[SIZED] === 1;
    this.fields = requestFields(this.sized);
    const { metaOffset, dataOffset } = layout(ring.readers, this.chunks, this.chunkRequests, this.fields);
    this.header = new Int32Array(ring.buffer, 0, HEADER + ring.readers);
    this.meta = new Int32Array(ring.buffer, metaOffset, this.chunks * 2);
    this.data = new Float64Array(ring.buffer, dataOffset, this.chunks * this.chunkRequests * this.fields);
  }
}

function layout(readers: number, chunks: number, chunkRequests: number, fields: number): { metaOffset: number; dataOffset: number; bytes: number } {
  const metaOffset = (HEADER + readers) * 4;
  // Float64 data must start on an 8-byte boundary.
  const dataOffset = Math.ceil((metaOffset + chunks * 2 * 4) / 8) * 8;
  return { metaOffset, dataOffset, bytes: dataOffset + chunks * chunkRequests * fields * 8 };
}

/**
 * A ring for `readers` readers; `sized`: requests carry a request size (requestBytes).
 * `geometry`: chunks and requests per chunk (tests use tiny rings to make the writer wait).
 */
export function createRequestRing(readers: number, sized: boolean, geometry: { readonly chunks: number; readonly chunkRequests: number } = { chunks: CHUNKS, chunkRequests: CHUNK_REQUESTS }): RequestRing {
  if (!Number.isInteger(readers) || readers < 1) throw new Error(`request ring: ${readers} readers`);
  const { chunks, chunkRequests } = geometry;
  if (!Number.isInteger(chunks) || chunks < 1 || !Number.isInteger(chunkRequests) || chunkRequests < 1) throw new Error(`request ring: ${chunks} chunks of ${chunkRequests}`);
  const buffer = new SharedArrayBuffer(layout(readers, chunks, chunkRequests, requestFields(sized)).bytes);
  const header = new Int32Array(buffer, 0, HEADER);
  header[SIZED] = sized ? 1 : 0;
  header[GEOMETRY_CHUNKS] = chunks;
  header[GEOMETRY_REQUESTS] = chunkRequests;
  return { buffer, readers };
}

/** Stops the ring: waiting readers throw, the writer returns. For a run that failed. */
export function stopRequestRing(ring: RequestRing): void {
  const { header } = new RingView(ring);
  Atomics.store(header, STOPPED, 1);
  Atomics.notify(header, WRITTEN);
  for (let r = 0; r < ring.readers; r++) Atomics.notify(header, HEADER + r);
}

/** Yields to the event loop, so the thread's messages (progress, results) are handled between chunks. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Fills the ring from `source` to its end, waiting (without blocking the event loop) while the
 * slowest reader is a whole ring behind. Returns when the last chunk is written or the ring is
 * stopped.
 */
export async function writeRequestRing(ring: RequestRing, source: RequestDraws): Promise<void> {
  const { header, meta, data, chunks, chunkRequests, fields, sized } = new RingView(ring);
  if (source.sized !== sized) throw new Error('request ring: the source and the ring disagree on request sizes');
  const readersEnd = HEADER + ring.readers;
  for (let written = 0; ; written++) {
    // Room: the slowest reader must have released the chunk this one overwrites.
    for (;;) {
      if (Atomics.load(header, STOPPED) === 1) return;
      let slowest = HEADER;
      for (let r = HEADER + 1; r < readersEnd; r++) if (Atomics.load(header, r) < Atomics.load(header, slowest)) slowest = r;
      const read = Atomics.load(header, slowest);
      if (written - read < chunks) break;
      const waited = Atomics.waitAsync(header, slowest, read);
      if (waited.async) await waited.value;
    }
    const slot = written % chunks;
    let base = slot * chunkRequests * fields;
    let count = 0;
    let end = false;
    while (count < chunkRequests) {
      if (!source.drawInto(data, base)) {
        end = true;
        break;
      }
      base += fields;
      count++;
    }
    meta[2 * slot] = count;
    meta[2 * slot + 1] = end ? 1 : 0;
    // The Atomics store publishes the chunk's plain writes above to a reader that loads it.
    Atomics.store(header, WRITTEN, written + 1);
    Atomics.notify(header, WRITTEN);
    if (end) return;
    await yieldToLoop();
  }
}

/**
 * One reader of a ring, in a platform's thread: the same requests, in the same order, with the
 * same ids (0, 1, 2, ...) and the same shape as RequestSource's.
 */
export class RequestRingReader implements RequestStream {
  private readonly view: RingView;
  /** The view's numbers, and its layout, for next(). */
  private readonly data: Float64Array;
  private readonly fields: number;
  private readonly sized: boolean;
  private readonly readSlot: number;
  /** Chunks this reader has taken (the one it is reading included). */
  private taken = 0;
  /** Index in `data` of the next request, and the end of the chunk being read. */
  private at = 0;
  private end = 0;
  /** The chunk being read is the last. */
  private last = false;
  private nextId = 0;

  constructor(ring: RequestRing, reader: number) {
    if (!Number.isInteger(reader) || reader < 0 || reader >= ring.readers) throw new Error(`request ring: no reader ${reader} of ${ring.readers}`);
    this.view = new RingView(ring);
    this.data = this.view.data;
    this.fields = this.view.fields;
    this.sized = this.view.sized;
    this.readSlot = HEADER + reader;
  }

  next(): Request | null {
    if (this.at === this.end && !this.take()) return null;
    const i = this.at;
    this.at = i + this.fields;
    return requestAt(this.data, i, this.nextId++, this.sized);
  }

  /**
   * Releases the chunk read (if any) and takes the next one, waiting for it; false at the end
   * (only the last chunk can be empty).
   */
  private take(): boolean {
    if (this.last) return false;
    const { header, meta, chunks, chunkRequests } = this.view;
    if (this.taken > 0) {
      // Every number of the chunk was copied into Requests: the writer may overwrite it.
      Atomics.store(header, this.readSlot, this.taken);
      Atomics.notify(header, this.readSlot);
    }
    let written = Atomics.load(header, WRITTEN);
    while (written <= this.taken) {
      if (Atomics.load(header, STOPPED) === 1) throw new Error('request ring: stopped before the last request (another part of the run failed)');
      Atomics.wait(header, WRITTEN, written, WAIT_MS);
      written = Atomics.load(header, WRITTEN);
    }
    const slot = this.taken % chunks;
    this.taken++;
    this.at = slot * chunkRequests * this.fields;
    this.end = this.at + meta[2 * slot]! * this.fields;
    this.last = meta[2 * slot + 1] === 1;
    return this.at < this.end;
  }
}
