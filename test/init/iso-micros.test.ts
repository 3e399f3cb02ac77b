import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { isoMicros } from '../../src/init/draft-from-logs.js';

/** The text isoMicros gives, made afresh for every time (no second remembered). */
function direct(epochSeconds: number): string {
  let whole = Math.floor(epochSeconds);
  let micros = Math.round((epochSeconds - whole) * 1e6);
  if (micros === 1_000_000) {
    whole++;
    micros = 0;
  }
  return `${new Date(whole * 1000).toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}Z`;
}

describe('isoMicros', () => {
  it('writes every time as made afresh, in order, out of order and across a rounding into the next second', () => {
    const rng = seedrandom('iso-micros');
    const times: number[] = [1_790_000_000.9999996, 1_790_000_000.25, 1_790_000_001, 1_790_000_000.5];
    let t = 1_790_000_000;
    for (let i = 0; i < 20_000; i++) {
      t += rng() < 0.9 ? rng() * 0.05 : -rng() * 3; // mostly forward, several a second; now and then back
      times.push(t);
    }
    for (const x of times) expect(isoMicros(x)).toBe(direct(x));
    expect(isoMicros(1_790_000_000.9999996)).toBe('2026-09-21T14:13:21.000000Z');
  });
});
