import { LogarithmicMapping } from '@datadog/sketches-js/dist/ddsketch/mapping/index.js';

/**
 * DDSketch's logarithmic bucket mapping with a cheaper index, and the SAME index for every
 * value: key(v) = ceil(log2(v) * multiplier) + offset, as LogarithmicMapping computes it, so
 * quantiles do not move by a bit.
 *
 * Why: every simulated request records two or three values, and Math.log2 is a call into
 * V8's C library (about 9 ns against 4 here, measured on this project's machine). Here
 * log2(v) is read from the double's bits: the exponent, plus log2 of the mantissa from a
 * table of 4,097 points with linear interpolation. That approximation is within 1.1e-8 of
 * log2 (the interpolation error h^2/8 * max|f''| with h = 2^-12 and f = log2(1 + x),
 * |f''| <= 1/ln 2), i.e. within 4e-6 of log2(v) * multiplier (multiplier about 347 at 0.1 %
 * accuracy). When that product lies more than MARGIN from every integer, its ceiling is the
 * exact one's; within MARGIN (about 1 value in 5,000), the key is computed exactly as the
 * library does. test/metrics/fast-log-mapping.test.ts compares both on millions of values,
 * bucket boundaries (a few ulps either side) included.
 */
export class FastLogMapping extends LogarithmicMapping {
  override key(value: number): number {
    BITS[0] = value;
    const hi = WORDS[HIGH]!;
    const biased = hi >>> 20;
    // Subnormal, infinite or NaN: the library's own formula.
    if (biased === 0 || biased === 0x7ff) return super.key(value);
    // Top 12 mantissa bits pick the table interval; the remaining 40 bits place v in it.
    const j = (hi >>> 8) & 0xfff;
    const below = (hi & 0xff) * 4294967296 + WORDS[LOW]!;
    const t0 = LOG2_TABLE[j]!;
    const log2 = biased - 1023 + t0 + (LOG2_TABLE[j + 1]! - t0) * below * INV_2_40;
    // LogarithmicMapping's _logGamma(v) is Math.log2(v) * _multiplier.
    const y = log2 * this._multiplier;
    const k = Math.ceil(y);
    if (k - y < MARGIN || y - (k - 1) < MARGIN) return super.key(value);
    return k + this._offset;
  }
}

/** Distance from an integer below which the fast key defers to the exact one: 25 times the approximation's bound. */
const MARGIN = 1e-4;

const INV_2_40 = 2 ** -40;

/** log2(1 + i / 4096), i = 0..4096. */
const LOG2_TABLE = new Float64Array(4097);
for (let i = 0; i <= 4096; i++) LOG2_TABLE[i] = Math.log2(1 + i / 4096);

const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);
/** Which 32-bit word of a double holds the sign, exponent and top mantissa bits: the platform's byte order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HIGH = LITTLE_ENDIAN ? 1 : 0;
const LOW = LITTLE_ENDIAN ? 0 : 1;
