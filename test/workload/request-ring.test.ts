import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/streams.js';
import { runRequests, simulatePlatform, streamSeed } from '../../src/experiment/run.js';
import type { Request } from '../../src/workload/request.js';
import { RequestSource } from '../../src/workload/request-source.js';
import { createRequestRing, RequestRingReader, stopRequestRing, writeRequestRing, type RequestDraws } from '../../src/workload/request-ring.js';
import { cloudRunSpec, constant, exp, scenario, vmSpec } from '../helpers/specs.js';

/**
 * The shared request stream of `sim run` (src/workload/request-ring.ts): every reader gets the
 * writer's requests bit for bit, in order, with RequestSource's ids and shape; the writer never
 * overwrites a chunk a reader has not released, and waits for the slowest reader; a stopped
 * ring ends both sides. All in this thread, on tiny rings, with the readers reading only what
 * is already written (a reader waiting here would block the writer it waits for); the
 * cross-thread case is test/cli/run-workers.test.ts.
 */

/** A run's requests from the scenario's streams, as a platform draws them (RequestSource.next), and a fresh source of the same. */
function drawn(sized: boolean, duration = 60): { all: Request[]; source: () => RequestSource } {
  const sc = scenario({ type: 'poisson', rps: 3 }, { cpu: { dist: 'lognormal', mean: 0.03, cv: 1 }, io: exp(0.05), responseBytes: exp(8000), ...(sized ? { requestBytes: exp(500) } : {}) }, [vmSpec()], duration);
  const source = (): RequestSource => runRequests(sc, new RandomStreams(streamSeed(4, 1)));
  const all: Request[] = [];
  const s = source();
  for (let r = s.next(); r !== null; r = s.next()) all.push(r);
  return { all, source };
}

/** Counts what the writer has drawn from its source (RequestSource.drawInto, the numbers without the Request). */
class Counted implements RequestDraws {
  drawn = 0;
  constructor(private readonly inner: RequestSource) {}
  get sized(): boolean {
    return this.inner.sized;
  }
  drawInto(out: Float64Array, at: number): boolean {
    const more = this.inner.drawInto(out, at);
    if (more) this.drawn++;
    return more;
  }
}

/** Lets the writer run until it waits (a few turns of the event loop). */
async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await new Promise((resolve) => setImmediate(resolve));
}

function read(reader: RequestRingReader, n: number): Request[] {
  const out: Request[] = [];
  for (let i = 0; i < n; i++) {
    const r = reader.next();
    if (r === null) break;
    out.push(r);
  }
  return out;
}

describe('the shared request ring', () => {
  for (const sized of [false, true]) {
    it(`gives every reader the source's requests bit for bit through a ring smaller than the stream${sized ? ', request sizes included' : ''}`, async () => {
      const { all, source } = drawn(sized);
      expect(all.length).toBeGreaterThan(150); // about 180: twelve times the ring
      const ring = createRequestRing(2, sized, { chunks: 3, chunkRequests: 5 });
      const counted = new Counted(source());
      let finished = false;
      const writing = writeRequestRing(ring, counted).then(() => (finished = true));
      const readers = [new RequestRingReader(ring, 0), new RequestRingReader(ring, 1)];
      const got: Request[][] = [[], []];
      await settle();
      // The ring is full and nobody has read: the writer waits.
      expect(counted.drawn).toBe(15);
      expect(finished).toBe(false);
      // Lockstep, a chunk each per round: a reader never needs a chunk that is not written yet.
      for (let round = 0; round * 5 < all.length + 5; round++) {
        readers.forEach((reader, i) => got[i]!.push(...read(reader, 5)));
        await settle();
      }
      await writing;
      for (const list of got) {
        expect(list).toHaveLength(all.length);
        list.forEach((r, k) => {
          expect(r).toEqual(all[k]);
          // Same shape as RequestSource's: requestBytes present exactly when sized.
          expect(Object.keys(r)).toEqual(Object.keys(all[k]!));
        });
      }
      // At the end, for good.
      expect(readers[0]!.next()).toBeNull();
      expect(readers[1]!.next()).toBeNull();
    });
  }

  it('ends with an empty last chunk when the stream fills its chunks exactly', async () => {
    const requests: Request[] = Array.from({ length: 10 }, (_, id) => ({ id, arrival: id / 10, cpu: 0.01 * id, io: 0, bytes: 100 + id, deadline: 0, heldNext: null, waitNext: null }));
    let k = 0;
    const ring = createRequestRing(1, false, { chunks: 4, chunkRequests: 5 });
    const draws: RequestDraws = {
      sized: false,
      drawInto: (out, at) => {
        const r = requests[k++];
        if (r === undefined) return false;
        out.set([r.arrival, r.cpu, r.io, r.bytes], at);
        return true;
      },
    };
    await writeRequestRing(ring, draws);
    const reader = new RequestRingReader(ring, 0);
    expect(read(reader, 100)).toEqual(requests);
    expect(reader.next()).toBeNull();
  });

  it('waits for the slowest reader: a chunk is overwritten only once every reader has released it', async () => {
    const { all, source } = drawn(false);
    const ring = createRequestRing(2, false, { chunks: 3, chunkRequests: 5 });
    const counted = new Counted(source());
    const writing = writeRequestRing(ring, counted);
    const [fast, slow] = [new RequestRingReader(ring, 0), new RequestRingReader(ring, 1)];
    await settle();
    expect(counted.drawn).toBe(15);
    // The fast reader reads all three chunks (releasing the first two): still no room.
    expect(read(fast, 15)).toEqual(all.slice(0, 15));
    await settle();
    expect(counted.drawn).toBe(15);
    // The slow reader moves into its second chunk, releasing the first: one chunk more.
    expect(read(slow, 6)).toEqual(all.slice(0, 6));
    await settle();
    expect(counted.drawn).toBe(20);
    // What the fast reader reads next is the new chunk, not a chunk the slow one still reads.
    expect(read(fast, 5)).toEqual(all.slice(15, 20));
    expect(read(slow, 9)).toEqual(all.slice(6, 15));
    stopRequestRing(ring);
    await writing;
  });

  it('stopped: the writer returns, a reader with nothing left to read throws', async () => {
    const { source } = drawn(false);
    const ring = createRequestRing(2, false, { chunks: 2, chunkRequests: 4 });
    const counted = new Counted(source());
    const writing = writeRequestRing(ring, counted);
    await settle();
    const reader = new RequestRingReader(ring, 0);
    expect(read(reader, 8)).toHaveLength(8);
    stopRequestRing(ring);
    await writing; // returns although reader 1 never read
    expect(counted.drawn).toBe(8);
    expect(() => reader.next()).toThrow(/request ring: stopped before the last request/);
  });

  it('a platform simulated from a ring gives the record it gives drawing its own requests', async () => {
    const sc = scenario({ type: 'poisson', rps: 20 }, { cpu: exp(0.02), io: exp(0.05), responseBytes: constant(16384) }, [cloudRunSpec(), vmSpec()], 600);
    const ring = createRequestRing(2, false, { chunks: 64, chunkRequests: 1024 }); // holds all 12,000 or so
    await writeRequestRing(ring, runRequests(sc, new RandomStreams(streamSeed(9, 0))));
    sc.platforms.forEach((spec, i) => {
      const own = simulatePlatform(sc, spec, { seed: 9 });
      const shared = simulatePlatform(sc, spec, { seed: 9, requests: new RequestRingReader(ring, i) });
      expect(shared).toEqual(own);
      expect(own.record.requests_arrived).toBeGreaterThan(11_000);
    });
  });

  it('refuses a reader it does not have, and a source whose request sizes the ring has no room for', async () => {
    const ring = createRequestRing(2, false);
    expect(() => new RequestRingReader(ring, 2)).toThrow(/no reader 2 of 2/);
    expect(() => createRequestRing(0, false)).toThrow(/0 readers/);
    await expect(writeRequestRing(ring, drawn(true).source())).rejects.toThrow(/disagree on request sizes/);
  });
});
