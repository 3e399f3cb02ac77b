import { describe, expect, it } from 'vitest';
import { parallelProgressLine } from '../../src/cli/progress.js';

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
    expect(line).toBe('2 platforms at once (cloud-run 50.0 %, vm 25.0 %): 37.5 % simulated, 9,000,000 requests at 450,000 simulated requests/s, about 33s left');
  });

  it('no rate or ETA in the first second', () => {
    const line = parallelProgressLine({ platforms: [{ name: 'a', simulated: 10, requests: 5 }, { name: 'b', simulated: 0, requests: 0 }], total: 100, elapsed: 0.01 });
    expect(line).toBe('2 platforms at once (a 10.0 %, b 0.0 %): 5.0 % simulated, 5 requests at simulated requests/s: measuring');
  });
});
