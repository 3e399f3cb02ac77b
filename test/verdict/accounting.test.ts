import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiment/run.js';
import type { SummaryRecord } from '../../src/metrics/summary.js';
import { resolveScenario } from '../../src/scenario/load.js';

/**
 * The accounting identity of every summary record (issues 9 and 11): each request that arrives
 * ends in exactly one of completed, rejected, timed out, failed or unfinished, so
 * arrived = completed + rejected + timed_out + failed + unfinished, exactly. `unfinished` is
 * counted from the requests the platform still holds at the end (deadlines.ts), not as the
 * difference, so the identity is a real check of every path a request can take.
 */

const FASTAPI = { cpu: { dist: 'lognormal', mean: '30ms', cv: 1 }, io: { dist: 'exponential', mean: '50ms' }, responseBytes: 16384 };
const QUICKSTART_PLATFORMS = [
  { name: 'cloud-run', model: 'cloud-run', cpu: 1, memory: '512Mi', concurrency: 80, coldStart: { dist: 'lognormal', mean: '1.8s', cv: 0.4 } },
  { name: 'vm', model: 'compute-engine', machineType: 'e2-medium', count: 2, workers: 2 },
];

function run(file: Record<string, unknown>, seed = 7): SummaryRecord[] {
  return runScenario(resolveScenario({ name: 'accounting', requests: FASTAPI, platforms: QUICKSTART_PLATFORMS, ...file }, ''), { seed });
}

function expectIdentity(records: readonly SummaryRecord[]): void {
  for (const r of records) {
    const ended = r.requests_completed + r.requests_rejected + r.requests_timed_out + r.requests_failed + r.requests_unfinished;
    expect(ended, `${r.platform}: ${JSON.stringify(r)}`).toBe(r.requests_arrived);
    for (const n of [r.requests_completed, r.requests_rejected, r.requests_timed_out, r.requests_failed, r.requests_unfinished]) {
      expect(Number.isInteger(n) && n >= 0).toBe(true);
    }
  }
}

const CASES: [string, Record<string, unknown>][] = [
  ['the quickstart, 2 hours from the afternoon peak', { start: '2026-01-05T12:00:00Z', duration: '2h', traffic: { type: 'diurnal', meanRps: 20, peakToTrough: 6, peakHour: 14, weekendFactor: 0.5 } }],
  ['issue 11: meanRps=100 at the peak (the VMs reject about a third)', { start: '2026-01-05T12:00:00Z', duration: '40m', traffic: { type: 'diurnal', meanRps: 100, peakToTrough: 6, peakHour: 14, weekendFactor: 0.5 } }],
  [
    'issue 11: an unbounded VM backlog at 200 req/s',
    { duration: '10m', traffic: { type: 'poisson', rps: 200 }, platforms: [{ ...QUICKSTART_PLATFORMS[1], queueLimit: 'unbounded' }] },
  ],
  ['a warm-up: counts after it only', { duration: '20m', warmup: '5m', traffic: { type: 'poisson', rps: 30 } }],
  [
    'a request timeout shorter than the pending timeout (Cloud Run) and than the backlog wait (VM)',
    {
      duration: '10m',
      traffic: { type: 'poisson', rps: 150 },
      platforms: [
        { ...QUICKSTART_PLATFORMS[0], requestTimeout: '2s', maxInstances: 2, concurrency: 10 },
        { ...QUICKSTART_PLATFORMS[1], requestTimeout: '2s', queueLimit: 'unbounded' },
      ],
    },
  ],
  [
    'Spot preemptions fail requests; the MIG autoscaler adds and drains VMs',
    {
      duration: '2h',
      traffic: { type: 'mmpp', states: [{ rps: 5, meanHolding: '10m' }, { rps: 80, meanHolding: '5m' }] },
      platforms: [
        {
          name: 'spot',
          model: 'compute-engine',
          count: 2,
          pricing: 'spot',
          preemption: { enabled: true, meanTimeToPreemption: '20m', restart: true },
        },
        { name: 'mig', model: 'compute-engine', count: 1, autoscaling: { mode: 'on', minSize: 1, maxSize: 6 } },
      ],
    },
  ],
  [
    'scale-per-request at its maxInstances, and knative',
    {
      duration: '15m',
      traffic: { type: 'poisson', rps: 40 },
      platforms: [
        { name: 'lambda', model: 'cloud-run', autoscaler: 'scale-per-request', concurrency: 1, maxInstances: 3 },
        { name: 'kpa', model: 'cloud-run', autoscaler: 'knative', concurrency: 4 },
      ],
    },
  ],
];

describe('arrived = completed + rejected + timed_out + failed + unfinished, exactly', () => {
  it.each(CASES)('%s', (_, file) => {
    const records = run(file);
    expectIdentity(records);
    expect(records.every((r) => r.requests_arrived > 0)).toBe(true);
  });

  it('the overloaded cases lose requests where they should', () => {
    const [, vm] = run(CASES[1]![1]);
    expect(vm!.requests_rejected / vm!.requests_arrived).toBeGreaterThan(0.1);
    const [backlog] = run(CASES[2]![1]);
    // 200 req/s against 2 x 2 workers of 30 ms mean CPU (133 req/s): about a third piles up.
    expect(backlog!.requests_timed_out + backlog!.requests_unfinished).toBeGreaterThan(0.2 * backlog!.requests_arrived);
    const [spot] = run(CASES[5]![1]);
    expect(spot!.requests_failed).toBeGreaterThan(0);
  });
});

describe('issue 9, item 1: a request past requestTimeout is timed out at its deadline', () => {
  // Issue 9's case: 100 s of CPU per request, 0.1 req/s for 10 minutes, requestTimeout 10 s:
  // nothing completes. Every request that arrived more than 10 s before the end has timed out
  // (at arrival + 10 s, though its VM or instance still works on it); later ones are unfinished.
  const file = {
    duration: '10m',
    traffic: { type: 'poisson', rps: 0.1 },
    requests: { cpu: 100 },
    platforms: [
      { ...QUICKSTART_PLATFORMS[0], requestTimeout: '10s' },
      { ...QUICKSTART_PLATFORMS[1], requestTimeout: '10s' },
    ],
  };

  it('completed 0; timed out = arrivals up to 590 s; unfinished = arrivals after; none counted nowhere', () => {
    const records = run(file, 3);
    expectIdentity(records);
    for (const r of records) {
      expect(r.requests_completed).toBe(0);
      expect(r.requests_arrived).toBeGreaterThan(30); // about 60 expected
      expect(r.requests_timed_out).toBeGreaterThan(r.requests_arrived - 10);
      expect(r.status).toBe('overloaded');
    }
    // Both platforms see the same requests, so the same ones time out.
    expect(records[0]!.requests_timed_out + records[0]!.requests_rejected).toBe(records[1]!.requests_timed_out + records[1]!.requests_rejected);
  });
});
