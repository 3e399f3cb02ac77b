import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { csvParser } from '../../src/output/csv-parser.js';
import { linesAreRecords, visitRecordsBySlice } from '../../src/scenario/csv-slices.js';

/** What one csv-parse of the whole text gives, with the options trace files are read with. */
const whole = (text: string): string[][] => csvParser().parse(text, { bom: true, trim: true, skip_empty_lines: true }) as string[][];

const sliced = (text: string | Buffer): string[][] | null => {
  const records: string[][] = [];
  return visitRecordsBySlice(text, (r) => (records.push(r), true)) ? records : null;
};

/**
 * A CSV text of `rows` lines that are records (no quotes), several 64 KiB slices long: fields
 * with spaces around them, blank and blank-looking lines, a byte-order mark or not, `eol` line
 * ends, a last line with or without its end.
 */
function randomCsv(rng: () => number, rows: number, eol: '\n' | '\r\n', columns: number): string {
  const pad = (): string => (rng() < 0.2 ? ' '.repeat(1 + Math.floor(rng() * 3)) : rng() < 0.05 ? '\t' : '');
  const field = (): string => `${pad()}${rng() < 0.5 ? (rng() * 1e5).toFixed(Math.floor(rng() * 7)) : new Date(1.7e12 + rng() * 1e10).toISOString()}${pad()}`;
  const lines = [Array.from({ length: columns }, (_, i) => `${pad()}c${i}${pad()}`).join(',')];
  for (let i = 0; i < rows; i++) {
    const u = rng();
    if (u < 0.02) lines.push('');
    else if (u < 0.03) lines.push('   ');
    else lines.push(Array.from({ length: columns }, field).join(','));
  }
  const text = lines.join(eol) + (rng() < 0.5 ? eol : '');
  return (rng() < 0.5 ? '\ufeff' : '') + text;
}

describe('visitRecordsBySlice', () => {
  it('gives the very records of one parse of the whole text, across many slices, for LF and CRLF files', () => {
    const rng = seedrandom('csv-slices');
    for (let k = 0; k < 12; k++) {
      const eol = k % 2 === 0 ? '\n' : '\r\n';
      const text = randomCsv(rng, 10_000 + Math.floor(rng() * 10_000), eol, 1 + (k % 3));
      expect(text.length).toBeGreaterThan(2 * 65536); // several slices of 64 KiB
      expect(linesAreRecords(text)).toBe(true);
      expect(sliced(text)).toEqual(whole(text));
      // Its bytes (how trace files are read): the same records.
      expect(linesAreRecords(Buffer.from(text))).toBe(true);
      expect(sliced(Buffer.from(text))).toEqual(whole(text));
    }
  });

  it('reads a U+FEFF that opens a later slice as one parse of the whole does', () => {
    // 100-character lines: the first slice ends after the line ending at 65,599, so the line at
    // 65,600 opens the second slice, and it starts with U+FEFF (a byte-order mark only at 0).
    const lines = Array.from({ length: 1000 }, (_, i) => `${i}`.padEnd(99, 'x'));
    lines[656] = `\ufeff${lines[656]!.slice(1)}`;
    const text = `${lines.join('\n')}\n`;
    expect(text.indexOf('\ufeff')).toBe(65_600);
    expect(sliced(text)).toEqual(whole(text));
  });

  it('stops when the visitor says so', () => {
    const text = ['t', ...Array.from({ length: 50_000 }, (_, i) => String(i))].join('\n');
    const seen: string[][] = [];
    expect(visitRecordsBySlice(text, (r) => (seen.push(r), seen.length < 30_000))).toBe(true);
    expect(seen.length).toBe(30_000);
    expect(seen[29_999]).toEqual(['29998']);
  });

  it('declines a text whose lines are not its records: quotes, mixed or lone-CR line ends', () => {
    for (const text of ['t\n"1"\n', 't\n"a\nb"\n', 't\r\n1\n2\r\n', 't\r1\r2\r', 't\n1\r\n', 'a,b\r\n1,2\r\n3,4\r']) {
      expect(linesAreRecords(text)).toBe(false);
      expect(linesAreRecords(Buffer.from(text))).toBe(false);
      expect(sliced(text)).toBeNull();
    }
    for (const text of ['t\n1\n2', 't\r\n1\r\n2\r\n', '', 't']) expect(linesAreRecords(text)).toBe(true);
  });
});
