/**
 * 10 minutes of a FastAPI-like handler at 5 requests a second on Cloud Run and two VMs, a few
 * milliseconds a run: the sweep tests' scenario (test/helpers/tiny-scenario.ts re-exports it)
 * and the bench's tiny `sim run`.
 */
export const TINY_SWEEP_SCENARIO = {
  name: 'tiny',
  duration: '10m',
  traffic: { type: 'poisson', rps: 5 },
  requests: { cpu: { dist: 'lognormal', mean: '30ms', cv: 1 }, io: { dist: 'exponential', mean: '50ms' }, responseBytes: 16384 },
  platforms: [
    { name: 'cloud-run', model: 'cloud-run', concurrency: 80 },
    { name: 'vm', model: 'compute-engine', count: 2 },
  ],
};
