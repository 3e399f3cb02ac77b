import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/output/format-duration.js';
import {
  formatCount,
  formatFixed,
  formatMilliseconds,
  formatPercent,
  formatUsd,
} from '../../src/output/format-human.js';

describe('formatDuration', () => {
  it('uses the units of scenario files, leaving out zero parts', () => {
    expect(formatDuration(604800)).toBe('7d');
    expect(formatDuration(86400 * 1.5)).toBe('1d 12h');
    expect(formatDuration(3600)).toBe('1h');
    expect(formatDuration(900)).toBe('15m');
    expect(formatDuration(90.5)).toBe('1m 30.5s');
    expect(formatDuration(1.5)).toBe('1.5s');
    expect(formatDuration(0.25)).toBe('250ms');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(NaN)).toBe('-');
  });
});

describe('table cell formats', () => {
  it('groups thousands without the locale', () => {
    expect(formatCount(12_096_000)).toBe('12,096,000');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(-1234)).toBe('-1,234');
    expect(formatFixed(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatFixed(-0.001, 2)).toBe('0.00');
  });

  it('shows milliseconds and percentages with about 3 significant digits', () => {
    expect(formatMilliseconds(0.0812345)).toBe('81.2');
    expect(formatMilliseconds(0.00012)).toBe('0.120');
    expect(formatMilliseconds(4.56789)).toBe('4,568');
    expect(formatMilliseconds(0.09996)).toBe('100'); // rounds up to 3 digits, not "100.0"
    expect(formatPercent(0.000204)).toBe('0.0204');
    expect(formatPercent(0.4321)).toBe('43.2');
    // Not none, however small: 3 of 10 million.
    expect(formatPercent(3e-7)).toBe('<0.0001');
    expect(formatPercent(6e-7)).toBe('0.0001');
    expect(formatPercent(1)).toBe('100.0');
    expect(formatPercent(0)).toBe('0.0');
  });

  it('shows cents, and more digits for amounts under 10 cents', () => {
    expect(formatUsd(1234.5678)).toBe('1,234.57');
    expect(formatUsd(0.5)).toBe('0.50');
    expect(formatUsd(0.0123456)).toBe('0.0123');
    expect(formatUsd(0.00000134)).toBe('0.00000134');
    expect(formatUsd(0)).toBe('0.00');
    expect(formatUsd(-12.345)).toBe('-12.35');
  });

  it('prints undefined values as "-" and infinities as inf', () => {
    for (const format of [formatCount, formatMilliseconds, formatPercent, formatUsd]) {
      expect(format(NaN)).toBe('-');
      expect(format(Infinity)).toBe('inf');
    }
  });
});
