import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  parseBytes,
  parseDuration,
  parseDurationOrThrow,
  parseMemory,
  parseMemoryOrThrow,
} from '../../src/scenario/units.js';

describe('parseDuration', () => {
  it('reads a number as seconds', () => {
    expect(parseDuration(0)).toBe(0);
    expect(parseDuration(1.5)).toBe(1.5);
    expect(parseDuration(1e6)).toBe(1e6);
  });

  it('reads strings with a unit', () => {
    expect(parseDuration('250us')).toBeCloseTo(0.00025, 15);
    expect(parseDuration('100ms')).toBeCloseTo(0.1, 15);
    expect(parseDuration('1.5s')).toBe(1.5);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('24h')).toBe(86_400);
    expect(parseDuration('7d')).toBe(604_800);
    expect(parseDuration(' 2 s ')).toBe(2);
  });

  it('refuses what it cannot read', () => {
    for (const bad of ['', '10', '10x', '1h30m', '-5s', 'fast', -1, Number.NaN, Infinity, null, true, {}]) {
      expect(parseDuration(bad)).toBeUndefined();
    }
  });

  it('names where, path, value and the accepted forms when asked to throw', () => {
    const fail = (): number => parseDurationOrThrow('10 minutes', 'x.json', 'warmup');
    expect(fail).toThrow(InputError);
    expect(fail).toThrow(/^x\.json: warmup: "10 minutes" is not allowed: a duration: .*"100ms"/);
  });
});

describe('parseMemory', () => {
  it('reads a number as GiB', () => {
    expect(parseMemory(4)).toBe(4);
    expect(parseMemory(0.5)).toBe(0.5);
  });

  it('reads binary and decimal units', () => {
    expect(parseMemory('512Mi')).toBe(0.5);
    expect(parseMemory('4Gi')).toBe(4);
    expect(parseMemory('512MiB')).toBe(0.5);
    expect(parseMemory('1Ti')).toBe(1024);
    expect(parseMemory('1G')).toBeCloseTo(1e9 / 2 ** 30, 12);
    expect(parseMemory('128M')).toBeCloseTo(128e6 / 2 ** 30, 12);
  });

  it('refuses what it cannot read', () => {
    for (const bad of ['512', '512mb', '4 gigs', '-1Gi', -2, null]) expect(parseMemory(bad)).toBeUndefined();
    expect(() => parseMemoryOrThrow('512mb', 'x.json', 'platforms[0].memory')).toThrow(
      /x\.json: platforms\[0\]\.memory: "512mb" is not allowed: a memory size: .*"512Mi"/,
    );
  });
});

describe('parseBytes', () => {
  it('reads numbers as bytes and strings with units', () => {
    expect(parseBytes(16384)).toBe(16384);
    expect(parseBytes('16KiB')).toBe(16384);
    expect(parseBytes('1MB')).toBe(1e6);
    expect(parseBytes('2GiB')).toBe(2 * 2 ** 30);
    expect(parseBytes('16k')).toBeUndefined();
  });
});
