import { describe, expect, it } from 'vitest';
import { MinuteCounts, TraceTimes } from '../../src/scenario/trace-data.js';
import type { TraceTrafficSpec, TrafficSpec } from '../../src/scenario/types.js';
import { shortLogWarning } from '../../src/verdict/short-log.js';

/** A month priced from less than a day of a replayed log says so (src/verdict/short-log.ts). */
describe('shortLogWarning', () => {
  const log: TraceTrafficSpec = {
    type: 'trace',
    format: 'timestamps',
    file: 'log.csv',
    function: null,
    timeScale: 1,
    data: new TraceTimes(new Float64Array([0.5, 2, 899])),
    repeatMinutes: null,
  };

  it('says how many times the month repeats a log shorter than a day', () => {
    // 730 h / 15 min = 2,920.
    expect(shortLogWarning(log, 900)).toBe(
      "the month repeats the run's 15m of logged traffic about 2,920 times, every hour as busy as the log: a log of a whole day, or a week, would price the quiet hours and the peaks as they come",
    );
    // Within a sum too; 730 / 23 = 31.7.
    const sum: TrafficSpec = { type: 'sum', components: [{ type: 'poisson', rps: 1 }, log], scale: 1 };
    expect(shortLogWarning(sum, 23 * 3600)).toContain('about 32 times');
  });

  it('says nothing for a day or more, for traffic the scenario states, or for the repeating Azure day', () => {
    expect(shortLogWarning(log, 86_400)).toBeNull();
    expect(shortLogWarning({ type: 'poisson', rps: 5 }, 600)).toBeNull();
    const azure: TraceTrafficSpec = { ...log, format: 'azure-functions', data: new MinuteCounts(new Uint32Array(1440)), repeatMinutes: 1440 };
    expect(shortLogWarning(azure, 3600)).toBeNull();
  });
});
