import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/streams.js';
import { simulatePlatform, streamSeed } from '../../src/experiment/run.js';
import { frontEndStream } from '../../src/metrics/platform-stats.js';
import { PLATFORMS } from '../../src/platforms/registry.js';
import { closeDrawRing, createDrawRing, DrawRingReader, StreamDraws, writeDrawRing, type DrawStream } from '../../src/random/draw-ring.js';
import { fromSpec } from '../../src/random/from-spec.js';
import { lognormal } from '../../src/random/lognormal.js';
import { cloudRunSpec, exp, scenario, vmSpec } from '../helpers/specs.js';

/**
 * A stream's draws made ahead by another thread (src/random/draw-ring.ts): the reader gets the
 * stream's draws bit for bit and in order, the writer never overwrites a chunk the reader has
 * not released and stays at most a ring ahead, and closing ends both sides. All in this
 * thread, on tiny rings, with the reader reading only what is written (a reader waiting here
 * would block the writer it waits for); across threads, test/cli/run-workers.test.ts compares
 * `sim run` on 1, 2 and 4 workers byte for byte, with Cloud Run's front end drawn by the main
 * thread on 2 and more.
 */

/** Counts the draws the writer made. */
class Counted implements DrawStream {
  drawn = 0;
  constructor(private readonly inner: DrawStream) {}
  next(): number {
    this.drawn++;
    return this.inner.next();
  }
}

const draws = (): StreamDraws => new StreamDraws(lognormal(0.005, 0.5), streamFor('7/0', frontEndStream('cloud-run')));

/** Lets the writer run until it waits: it yields once per chunk, so a few turns more than the ring's chunks. */
async function settle(turns = 8): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

function read(reader: DrawStream, n: number): number[] {
  return Array.from({ length: n }, () => reader.next());
}

describe('the draw ring', () => {
  it("gives the reader the stream's draws bit for bit, in order, through a ring smaller than what it reads", async () => {
    const expected = read(draws(), 60);
    const ring = createDrawRing({ chunks: 3, chunkValues: 5 });
    const counted = new Counted(draws());
    let finished = false;
    const writing = writeDrawRing(ring, counted).then(() => (finished = true));
    await settle();
    // A whole ring written and nothing read: the writer waits.
    expect(counted.drawn).toBe(15);
    expect(finished).toBe(false);
    const reader = new DrawRingReader(ring);
    const got: number[] = [];
    // A chunk per round: the reader never needs a chunk that is not written yet.
    for (let round = 0; round < 12; round++) {
      got.push(...read(reader, 5));
      await settle();
    }
    expect(got).toEqual(expected);
    expect(got.every((v, k) => Object.is(v, expected[k]))).toBe(true);
    reader.close();
    await writing;
    expect(finished).toBe(true);
  });

  it('overwrites a chunk only once the reader has released it, and stays at most a whole ring ahead', async () => {
    const expected = read(draws(), 40);
    const ring = createDrawRing({ chunks: 3, chunkValues: 5 });
    const counted = new Counted(draws());
    const writing = writeDrawRing(ring, counted);
    await settle();
    const reader = new DrawRingReader(ring);
    // The whole first chunk read: it is released only when the reader takes the next one.
    expect(read(reader, 5)).toEqual(expected.slice(0, 5));
    await settle();
    expect(counted.drawn).toBe(15);
    // Taking the second chunk releases the first: room for one more chunk, and no more.
    expect(read(reader, 1)).toEqual(expected.slice(5, 6));
    await settle();
    expect(counted.drawn).toBe(20);
    // What was written before the writer moved on is still intact.
    expect(read(reader, 14)).toEqual(expected.slice(6, 20));
    await settle();
    expect(counted.drawn).toBe(30);
    expect(read(reader, 10)).toEqual(expected.slice(20, 30));
    closeDrawRing(ring);
    await writing;
  });

  it('closed: a waiting writer returns, and a reader with nothing left to read throws', async () => {
    const ring = createDrawRing({ chunks: 2, chunkValues: 4 });
    const writing = writeDrawRing(ring, draws());
    await settle();
    const reader = new DrawRingReader(ring);
    read(reader, 8);
    closeDrawRing(ring);
    await writing;
    expect(() => reader.next()).toThrow(/draw ring: closed while its reader waits/);
    // Closing again changes nothing.
    reader.close();
  });

  it('refuses a ring of no chunks or of empty chunks', () => {
    expect(() => createDrawRing({ chunks: 0, chunkValues: 4 })).toThrow(/draw ring: 0 chunks of 4/);
    expect(() => createDrawRing({ chunks: 2, chunkValues: 1.5 })).toThrow(/draw ring: 2 chunks of 1.5/);
  });
});

describe("a platform's front end drawn from a ring", () => {
  const sc = scenario({ type: 'poisson', rps: 4 }, { cpu: exp(0.02), io: exp(0.05), responseBytes: exp(8000) }, [cloudRunSpec({ frontEndLatency: { dist: 'lognormal', mean: 0.005, cv: 0.5 } })], 600, 60);

  it('gives the record it gives drawing its own front-end latencies', async () => {
    const spec = sc.platforms[0]!;
    // Room for every draw the run takes (one per measured response, about 2,200), written
    // before the run: the run reads it in this thread without ever waiting.
    const ring = createDrawRing({ chunks: 40, chunkValues: 64 });
    const latency = PLATFORMS.of(spec).frontEnd(spec)!;
    const writing = writeDrawRing(ring, new StreamDraws(fromSpec(latency), streamFor(streamSeed(9, 0), frontEndStream(spec.name))));
    await settle(50);
    const own = simulatePlatform(sc, spec, { seed: 9 });
    const reader = new DrawRingReader(ring);
    const shared = simulatePlatform(sc, spec, { seed: 9, frontEnd: reader });
    reader.close();
    await writing;
    expect(own.record.requests_completed).toBeGreaterThan(2000);
    expect(own.record.requests_completed).toBeLessThan(40 * 64);
    expect(shared).toEqual(own);
    // The ring's draws were taken: a ring of other draws gives other latencies.
    const other = createDrawRing({ chunks: 40, chunkValues: 64 });
    const otherWriting = writeDrawRing(other, new StreamDraws(fromSpec(latency), streamFor(streamSeed(10, 0), frontEndStream(spec.name))));
    await settle(50);
    const otherReader = new DrawRingReader(other);
    const differs = simulatePlatform(sc, spec, { seed: 9, frontEnd: otherReader });
    otherReader.close();
    await otherWriting;
    expect(differs.record.latency_p50_s).not.toBe(own.record.latency_p50_s);
  });

  it('is refused for a platform without a front end', () => {
    const fleet = scenario({ type: 'poisson', rps: 1 }, { cpu: exp(0.02), io: exp(0.05), responseBytes: exp(8000) }, [vmSpec()], 60);
    expect(() => simulatePlatform(fleet, fleet.platforms[0]!, { seed: 1, frontEnd: draws() })).toThrow(/front-end draws given to a platform without a front end/);
  });
});

