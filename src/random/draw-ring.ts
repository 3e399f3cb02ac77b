import type { Rng } from '../engine/streams.js';
import type { Distribution } from './distribution.js';

/** Draws of one distribution from one stream, in order: the k-th call gives the stream's k-th draw. */
export interface DrawStream {
  next(): number;
}

/** A DrawStream that draws as it is called. */
export class StreamDraws implements DrawStream {
  constructor(
    private readonly dist: Distribution,
    private readonly rng: Rng,
  ) {}

  next(): number {
    return this.dist.sample(this.rng);
  }
}

/**
 * A stream's draws made ahead in another thread (issue 12). A draw whose value depends only on
 * how many were made before it, not on when it is made, can be drawn by an idle thread while
 * the simulation that uses it runs: Cloud Run's front-end latency is one lognormal draw per
 * measured response, in completion order, about a tenth of a simulated request's CPU in the
 * platform's thread (profile of a day at 100 req/s, bench/RESULTS.md). The writer fills chunks
 * of a SharedArrayBuffer from the very distribution and stream the platform would use; its one
 * reader, the platform, takes the values in order, so the k-th value read is the stream's k-th
 * draw and the output is byte-identical.
 *
 * Unlike the request ring (src/workload/request-ring.ts) the stream has no end: the reader
 * does not know how many it will take (one per measured response). The writer stays at most a
 * whole ring ahead and returns when the ring is closed, by its reader once the simulation is
 * over, or by the run when a part of it failed; a reader waiting on a closed ring throws.
 *
 * Layout: an Int32 header (chunks written, chunks the reader released, closed flag, geometry),
 * then the Float64 values.
 */
export interface DrawRing {
  readonly buffer: SharedArrayBuffer;
}

const CHUNKS = 8;
/** Values per chunk: the reader crosses threads once per 4,096 draws (32 KiB). */
const CHUNK_VALUES = 4096;
const WRITTEN = 0;
const RELEASED = 1;
const CLOSED = 2;
const GEOMETRY_CHUNKS = 3;
const GEOMETRY_VALUES = 4;
/** Header bytes: a multiple of 8, where the Float64 values start. */
const HEADER_BYTES = 8 * 4;
/** A waiting reader looks at the closed flag at least this often, ms. */
const WAIT_MS = 250;

function views(ring: DrawRing): { header: Int32Array; data: Float64Array; chunks: number; chunkValues: number } {
  const header = new Int32Array(ring.buffer, 0, HEADER_BYTES / 4);
  const chunks = header[GEOMETRY_CHUNKS]!;
  const chunkValues = header[GEOMETRY_VALUES]!;
  return { header, data: new Float64Array(ring.buffer, HEADER_BYTES, chunks * chunkValues), chunks, chunkValues };
}

/** A ring of `chunks` chunks of `chunkValues` draws (tests use tiny ones to make both sides wait). */
export function createDrawRing(geometry: { readonly chunks: number; readonly chunkValues: number } = { chunks: CHUNKS, chunkValues: CHUNK_VALUES }): DrawRing {
  const { chunks, chunkValues } = geometry;
  if (!Number.isInteger(chunks) || chunks < 1 || !Number.isInteger(chunkValues) || chunkValues < 1) throw new Error(`draw ring: ${chunks} chunks of ${chunkValues}`);
  const buffer = new SharedArrayBuffer(HEADER_BYTES + chunks * chunkValues * 8);
  const header = new Int32Array(buffer, 0, HEADER_BYTES / 4);
  header[GEOMETRY_CHUNKS] = chunks;
  header[GEOMETRY_VALUES] = chunkValues;
  return { buffer };
}

/** Closes the ring: the writer returns, a waiting reader throws. Closing twice does nothing more. */
export function closeDrawRing(ring: DrawRing): void {
  const header = new Int32Array(ring.buffer, 0, HEADER_BYTES / 4);
  Atomics.store(header, CLOSED, 1);
  Atomics.notify(header, WRITTEN);
  Atomics.notify(header, RELEASED);
}

/** Yields to the event loop between chunks, so the thread's messages are handled meanwhile. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Fills the ring with `draws`' values, in order, staying at most a whole ring ahead of the reader and
 * waiting without blocking the event loop. Returns once the ring is closed.
 */
export async function writeDrawRing(ring: DrawRing, draws: DrawStream): Promise<void> {
  const { header, data, chunks, chunkValues } = views(ring);
  for (let written = 0; ; written++) {
    for (;;) {
      if (Atomics.load(header, CLOSED) === 1) return;
      const released = Atomics.load(header, RELEASED);
      if (written - released < chunks) break;
      const waited = Atomics.waitAsync(header, RELEASED, released);
      if (waited.async) await waited.value;
    }
    const base = (written % chunks) * chunkValues;
    for (let i = 0; i < chunkValues; i++) data[base + i] = draws.next();
    // The Atomics store publishes the plain writes above to the reader that loads it.
    Atomics.store(header, WRITTEN, written + 1);
    Atomics.notify(header, WRITTEN);
    await yieldToLoop();
  }
}

/** The one reader of a ring, in the thread that uses the draws. */
export class DrawRingReader implements DrawStream {
  private readonly header: Int32Array;
  private readonly data: Float64Array;
  private readonly chunks: number;
  private readonly chunkValues: number;
  /** Chunks taken, the one being read included. */
  private taken = 0;
  /** Index in `data` of the next value, and the end of the chunk being read. */
  private at = 0;
  private end = 0;

  constructor(private readonly ring: DrawRing) {
    ({ header: this.header, data: this.data, chunks: this.chunks, chunkValues: this.chunkValues } = views(ring));
  }

  next(): number {
    if (this.at === this.end) this.take();
    return this.data[this.at++]!;
  }

  /** No more values will be read: the writer may stop. */
  close(): void {
    closeDrawRing(this.ring);
  }

  private take(): void {
    const header = this.header;
    if (this.taken > 0) {
      // Every value of the chunk was read: the writer may overwrite it.
      Atomics.store(header, RELEASED, this.taken);
      Atomics.notify(header, RELEASED);
    }
    let written = Atomics.load(header, WRITTEN);
    while (written <= this.taken) {
      if (Atomics.load(header, CLOSED) === 1) throw new Error('draw ring: closed while its reader waits (another part of the run failed)');
      Atomics.wait(header, WRITTEN, written, WAIT_MS);
      written = Atomics.load(header, WRITTEN);
    }
    this.at = (this.taken % this.chunks) * this.chunkValues;
    this.end = this.at + this.chunkValues;
    this.taken++;
  }
}
