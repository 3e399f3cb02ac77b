import { describe, expect, it } from 'vitest';
import { cloudRun, cloudRunPlatform } from '../../billing/helpers.js';

/** Issue 10, item 7: what a fresh Cloud Run instance does before it serves at full speed. */
describe('start-up', () => {
  const run = (entry: Record<string, unknown>, sends: [number, number, number][]) => {
    const h = cloudRunPlatform(cloudRun({ coldStart: '1s', frontEndLatency: '0ms', ...entry }));
    for (const [t, cpu, io] of sends) h.send(t, { cpu, io });
    h.sim.run(100);
    return h.platform.stats;
  };

  it('TCP probe: ready when the port listens (1 s), the request waits for the app (2 s more)', () => {
    // 1 s cold start + 2 s app warm-up + 1 s of I/O = 4 s; the wait counts as a cold-start wait of 1 s.
    const s = run({ startupProbe: 'tcp', appWarmup: '2s' }, [[0, 0, 1]]);
    expect(s.latency.mean).toBeCloseTo(4, 2);
    expect(s.coldStartWait.mean).toBeCloseTo(1, 2);
  });

  it('HTTP probe: ready only when the app answers (3 s): the whole wait is a cold-start wait', () => {
    const s = run({ startupProbe: 'http', appWarmup: '2s' }, [[0, 0, 1]]);
    expect(s.latency.mean).toBeCloseTo(4, 2);
    expect(s.coldStartWait.mean).toBeCloseTo(3, 2);
  });

  it('the first requests of a fresh instance carry extra CPU; later ones do not', () => {
    // count 1, 0.5 vCPU-s extra: the first takes 1 s (cold) + 0.5 s; the second (at 50 s, warm) 0 s.
    const s = run({ firstRequests: { count: 1, extraCpu: '500ms' } }, [[0, 0, 0], [50, 0, 0]]);
    expect(s.latency.max).toBeCloseTo(1.5, 2);
    expect(s.latency.mean).toBeCloseTo(0.75, 2);
  });
});
