import { runScenario } from '../experiment/run.js';
import type { SummaryRecord } from '../metrics/summary.js';
import { join } from 'node:path';
import { loadScenario, resolveScenario } from '../scenario/load.js';
import { packageRoot } from '../scenario/presets.js';
import { mmckBlocking, mmcWq } from './closed-forms.js';

/** One reference beside the simulator's figure. */
export interface ReferenceRow {
  readonly reference: string;
  readonly quantity: string;
  readonly expected: number;
  readonly simulated: number;
  /** Relative error in percent. */
  readonly errorPct: number;
  /** Requests simulated for it. */
  readonly requests: number;
}

const vm = (c: number, queueLimit: number | 'unbounded') => ({
  name: 'vm',
  model: 'compute-engine',
  vcpu: c,
  workers: c,
  count: 1,
  maxConcurrency: c,
  queueLimit,
});

function run(raw: unknown, seed: number): SummaryRecord {
  return runScenario(resolveScenario(raw, ''), { seed })[0]!;
}

const row = (reference: string, quantity: string, expected: number, simulated: number, requests: number): ReferenceRow => ({
  reference,
  quantity,
  expected,
  simulated,
  errorPct: (100 * (simulated - expected)) / expected,
  requests,
});

/**
 * The closed-form references of docs/validation.md, each simulated once at `scale` x a
 * default length (scale 1: about 2 million requests per M/M/c case, a few seconds each). The
 * tests in test/validation/ run them longer and derive their tolerances from confidence
 * intervals; this is the user's quick look at the same evidence.
 */
export function queueingReferences(options: { seed?: number; scale?: number } = {}): ReferenceRow[] {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  const rows: ReferenceRow[] = [];
  const mu = 1;
  for (const [c, rho] of [
    [2, 0.5],
    [2, 0.8],
    [4, 0.95],
  ] as const) {
    const lambda = c * rho * mu;
    const duration = (2e6 * scale * (rho > 0.9 ? 4 : 1)) / lambda;
    const r = run(
      {
        name: `mmc-${c}-${rho}`,
        duration,
        warmup: duration / 100,
        traffic: { type: 'poisson', rps: lambda },
        requests: { cpu: { dist: 'exponential', mean: 1 / mu }, io: 0, responseBytes: 0 },
        platforms: [vm(c, 'unbounded')],
      },
      seed,
    );
    rows.push(row(`M/M/${c} at utilisation ${rho} (Erlang C)`, 'mean wait Wq (s)', mmcWq(c, lambda, mu), r.queue_wait_mean_s, r.requests_arrived));
  }
  {
    const [c, K, lambda] = [2, 5, 1.6];
    const duration = (1e6 * scale) / lambda;
    const r = run(
      {
        name: 'mmck',
        duration,
        traffic: { type: 'poisson', rps: lambda },
        requests: { cpu: { dist: 'exponential', mean: 1 }, io: 0, responseBytes: 0 },
        platforms: [vm(c, K - c)],
      },
      seed,
    );
    rows.push(row(`M/M/${c}/${K} at offered load ${lambda}`, 'P(503)', mmckBlocking(c, K, lambda, 1), r.requests_rejected / r.requests_arrived, r.requests_arrived));
  }
  {
    const lambda = 0.8;
    const duration = (1e6 * scale) / lambda;
    const r = run(
      {
        name: 'mm1-ps',
        duration,
        warmup: duration / 100,
        traffic: { type: 'poisson', rps: lambda },
        requests: { cpu: { dist: 'exponential', mean: 1 }, io: 0, responseBytes: 0 },
        platforms: [{ ...vm(1, 'unbounded'), maxConcurrency: 1e9 }],
      },
      seed,
    );
    rows.push(row('M/M/1 processor sharing at utilisation 0.8', 'mean response 1/(mu - lambda) (s)', 1 / (1 - lambda), r.latency_mean_s, r.requests_arrived));
  }
  {
    const scenario = loadScenario(join(packageRoot(), 'workloads', 'simfaas-readme.json'), [`duration=${1e6 * scale}`]);
    const r = runScenario(scenario, { seed })[0]!;
    rows.push(row('SimFaaS README scenario (mean of 4 SimFaaS runs)', 'P(cold)', 0.00134, r.cold_start_fraction, r.requests_arrived));
    rows.push(row('SimFaaS README scenario (mean of 4 SimFaaS runs)', 'mean instances', 7.7, r.instances_mean, r.requests_arrived));
  }
  return rows;
}
