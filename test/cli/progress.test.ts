import { describe, expect, it } from 'vitest';
import { fitToWidth, parallelProgressLine } from '../../src/cli/progress.js';

describe('the progress line of platforms simulated at once (sim run --workers)', () => {
  it('percent over all platforms, requests summed, rate and ETA from the run start', () => {
    // 7 d = 604,800 s. cloud-run at 302,400 s (50 %), vm at 151,200 s (25 %): (50 + 25) / 2 =
    // 37.5 %. 6M + 3M = 9M requests in 20 s: 450,000 per s. ETA 20 x (1 - 0.375) / 0.375 = 33.3 s.
    const line = parallelProgressLine({
      platforms: [
        { name: 'cloud-run', simulated: 302_400, requests: 6_000_000 },
        { name: 'vm', simulated: 151_200, requests: 3_000_000 },
      ],
      total: 604_800,
      elapsed: 20,
    });
    expect(line).toBe('2 platforms at once: 37.5 % simulated, about 33s left, 9,000,000 requests at 450,000 simulated requests/s (cloud-run 50.0 %, vm 25.0 %)');
  });

  it('no rate or ETA in the first second', () => {
    const line = parallelProgressLine({ platforms: [{ name: 'a', simulated: 10, requests: 5 }, { name: 'b', simulated: 0, requests: 0 }], total: 100, elapsed: 0.01 });
    expect(line).toBe('2 platforms at once: 5.0 % simulated, 5 requests at simulated requests/s: measuring (a 10.0 %, b 0.0 %)');
  });
});

describe('the line of the verdict\'s own simulations (what keeps up), under their labels', () => {
  it('names what is simulated instead of "N platforms at once"', () => {
    // 1 d = 86,400 s: 43,200 (50 %) and 21,600 (25 %): 37.5 %; 3M requests in 10 s.
    const line = parallelProgressLine({
      what: 'checking what keeps up',
      platforms: [
        { name: 'vm with 9 VMs instead of 2', simulated: 43_200, requests: 2_000_000 },
        { name: 'vm with the MIG autoscaler from 2 to 9 VMs at 60 % CPU instead of a fixed 2', simulated: 21_600, requests: 1_000_000 },
      ],
      total: 86_400,
      elapsed: 10,
    });
    expect(line).toBe(
      'checking what keeps up: 37.5 % simulated, about 17s left, 3,000,000 requests at 300,000 simulated requests/s (vm with 9 VMs instead of 2 50.0 %, vm with the MIG autoscaler from 2 to 9 VMs at 60 % CPU instead of a fixed 2 25.0 %)',
    );
  });
});

describe('a progress line fits the terminal, so that \\r redraws it in place', () => {
  it.each<[string, number | undefined, string]>([
    ['abcdef', 80, 'abcdef'],
    ['abcdef', 7, 'abcdef'],
    // 6 characters on a 6-column terminal would put the cursor past the edge: cut, one spare.
    ['abcdef', 6, 'abcd…'],
    ['abcdefghij', 5, 'abc…'],
    ['abcdef', undefined, 'abcdef'],
  ])('%s at %s columns: %s', (line, columns, fitted) => {
    expect(fitToWidth(line, columns)).toBe(fitted);
    if (columns !== undefined) expect(fitted.length).toBeLessThan(columns);
  });
});
