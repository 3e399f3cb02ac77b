import type { ServerModel } from '../src/platforms/server/request-server.js';
import type { ComputeEngineSpec, Scenario } from '../src/scenario/types.js';

/**
 * The M/M/c model of the benchmark, built in code (the pattern of test/helpers/specs.ts, which
 * bypasses the scenario loader): one Compute Engine VM with c vCPU, c workers and
 * maxConcurrency c, so processor sharing never slows a job (n <= c jobs each run at 1 vCPU),
 * an unbounded FIFO backlog, Poisson arrivals, exponential CPU work, no I/O, no egress.
 * That is exactly M/M/c (see the comment on VmFleetPlatform).
 */
export interface MmcParameters {
  /** Servers: vCPU = workers = maxConcurrency. */
  readonly servers: number;
  /** Offered load per server, lambda / (c mu). */
  readonly utilization: number;
  /** Mean service time (CPU seconds), 1 / mu. */
  readonly meanService: number;
}

export const MMC: MmcParameters = { servers: 4, utilization: 0.8, meanService: 1 };

/** Arrivals per simulated second: rho c mu (3.2 for c = 4, rho = 0.8, mu = 1). */
export function arrivalRate(p: MmcParameters): number {
  return (p.utilization * p.servers) / p.meanService;
}

/** The scenario whose expected arrival count is `requests`. */
export function mmcScenario(p: MmcParameters, requests: number, server?: ServerModel): Scenario {
  const rate = arrivalRate(p);
  const vm: ComputeEngineSpec = {
    name: 'vm',
    model: 'compute-engine',
    region: 'us-central1',
    machineType: 'n1-standard-4',
    vcpu: p.servers,
    memoryGiB: 15,
    count: 1,
    workers: p.servers,
    ...(server === undefined ? {} : { server }),
    maxConcurrency: p.servers,
    queueLimit: Infinity,
    loadBalancer: 'round-robin',
    // Checked at completion only (no timer event); Infinity so no request counts as timed out.
    requestTimeout: Infinity,
    prices: { cpuHour: 0.16, memoryHour: 0.03, egressPerGiB: 0.12 },
  };
  return {
    name: 'mmc',
    start: '2026-01-05T00:00:00Z',
    startEpochMs: Date.parse('2026-01-05T00:00:00Z'),
    duration: requests / rate,
    warmup: 0,
    traffic: { type: 'poisson', rps: rate },
    requests: {
      cpu: { dist: 'exponential', mean: p.meanService },
      io: { dist: 'constant', value: 0 },
      responseBytes: { dist: 'constant', value: 0 },
    },
    platforms: [vm],
  };
}

/**
 * Mean wait in queue of M/M/c (Erlang C): Wq = C(c, a) / (c mu - lambda) with a = lambda / mu.
 * For c = 4, rho = 0.8, mu = 1: C = 0.5964, Wq = 0.5964 / 0.8 = 0.7455 s.
 */
export function erlangCWait(p: MmcParameters): number {
  const c = p.servers;
  const mu = 1 / p.meanService;
  const a = arrivalRate(p) / mu;
  let term = 1; // a^k / k!
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  // term is now a^c / c!
  const tail = term / (1 - p.utilization);
  const waitProbability = tail / (sum + tail);
  return waitProbability / (c * mu - arrivalRate(p));
}
