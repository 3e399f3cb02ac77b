import { join } from 'node:path';
import { runScenario } from '../src/experiment/run.js';
import type { SummaryRecord } from '../src/metrics/summary.js';
import type { ServerModel } from '../src/platforms/server/request-server.js';
import { loadScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { bareMmc } from './bare-mmc.js';
import { MemorySampler, type MemoryFigures } from './memory-sampler.js';
import { arrivalRate, erlangCWait, MMC, mmcScenario } from './mmc-scenario.js';
import { repoRoot } from './repo-root.js';

export const CASE_NAMES = ['baseline', 'simfaas', 'diurnal', 'diurnal-asyncio', 'diurnal-threadpool', 'mmc', 'mmc-asyncio', 'bare-mmc'] as const;
export type CaseName = (typeof CASE_NAMES)[number];

export const CASE_DESCRIPTIONS: Record<CaseName, string> = {
  baseline: 'load the simulator modules and do nothing: the memory floor',
  simfaas: 'workloads/simfaas-readme.json: scale-per-request, Poisson 0.9 rps, 1e6 s at scale 1',
  diurnal: 'workloads/diurnal.json with the processor-sharing server: Cloud Run + 2 VMs, 20 rps mean, 7 d at scale 1 (both platforms counted)',
  'diurnal-asyncio': 'workloads/diurnal.json as written (asyncio server: one event loop per worker)',
  'diurnal-threadpool': 'workloads/diurnal.json with the threadpool server (40 threads per worker, GIL switched every 5 ms)',
  mmc: 'M/M/4 at rho 0.8 through runScenario (1 VM, 4 vCPU, 4 workers, maxConcurrency 4, unbounded queue)',
  'mmc-asyncio': 'the same M/M/4 with the asyncio server (4 event loops; still M/M/4)',
  'bare-mmc': 'the same M/M/4 as a bare typed-array event loop (bench/bare-mmc.ts): the ceiling',
};

/** Base sizes at scale 1. */
export const SIMFAAS_SECONDS = 1e6;
export const DIURNAL_SECONDS = 7 * 86400;
export const MMC_REQUESTS = 4_000_000;

/** One case's measured outcome, as the child process prints it. */
export interface CaseResult extends MemoryFigures {
  readonly case: CaseName;
  readonly scale: number;
  /** Simulated seconds per platform run. */
  readonly simulatedSeconds: number;
  /** Requests arrived, summed over the scenario's platforms. */
  readonly requests: number;
  readonly wallSeconds: number;
  readonly requestsPerSecond: number;
  /**
   * User + system CPU seconds of the process over the run (GC helper threads included). Less
   * sensitive than wall time to other processes on a shared machine: a descheduled process
   * accrues none.
   */
  readonly cpuSeconds: number;
  readonly requestsPerCpuSecond: number;
  /** A model figure to show the run did the work (mean wait, cold-start fraction...). */
  readonly check: string;
  /** Fresh processes this result is the best of (by requests/s), and the spread over them. */
  readonly runs: number;
  readonly requestsPerSecondMin: number;
  readonly requestsPerSecondMax: number;
}

interface Timed {
  readonly simulatedSeconds: number;
  readonly requests: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly check: string;
}

/** Runs one case in this process and measures it. */
export function runCase(name: CaseName, scale: number): CaseResult {
  const sampler = new MemorySampler();
  sampler.checkpoint(); // start from a collected heap
  const timed = CASES[name](scale, sampler);
  const memory = sampler.finish();
  const wallSeconds = Math.max(0, timed.wallMs - sampler.overheadMs) / 1000;
  const requestsPerSecond = wallSeconds > 0 ? timed.requests / wallSeconds : 0;
  const cpuSeconds = Math.max(0, timed.cpuMs - sampler.overheadMs) / 1000;
  return {
    case: name,
    scale,
    simulatedSeconds: timed.simulatedSeconds,
    requests: timed.requests,
    wallSeconds,
    requestsPerSecond,
    cpuSeconds,
    requestsPerCpuSecond: cpuSeconds > 0 ? timed.requests / cpuSeconds : 0,
    check: timed.check,
    runs: 1,
    requestsPerSecondMin: requestsPerSecond,
    requestsPerSecondMax: requestsPerSecond,
    ...memory,
  };
}

/**
 * Several runs of one case as one result: the fastest run's figures (on a shared machine the
 * fastest is the one least disturbed), the spread of requests/s, and the largest memory.
 */
export function bestOf(runs: readonly CaseResult[]): CaseResult {
  const best = runs.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
  const max = (f: (r: CaseResult) => number) => Math.max(...runs.map(f));
  return {
    ...best,
    runs: runs.length,
    requestsPerSecondMin: Math.min(...runs.map((r) => r.requestsPerSecond)),
    requestsPerSecondMax: best.requestsPerSecond,
    maxRssMiB: max((r) => r.maxRssMiB),
    peakHeapMiB: max((r) => r.peakHeapMiB),
    liveHeapMiB: max((r) => r.liveHeapMiB),
    endHeapMiB: max((r) => r.endHeapMiB),
  };
}

const CASES: Record<CaseName, (scale: number, sampler: MemorySampler) => Timed> = {
  baseline: () => ({ simulatedSeconds: 0, requests: 0, wallMs: 0, cpuMs: 0, check: '' }),

  simfaas: (scale, sampler) => {
    const scenario = loadScenario(join(repoRoot(), 'workloads', 'simfaas-readme.json'), [`duration=${SIMFAAS_SECONDS * scale}`]);
    return timeScenario(scenario, sampler, (r) => `P(cold) ${fixed(r[0]!.cold_start_fraction, 5)}, instances ${fixed(r[0]!.instances_mean, 2)}`);
  },

  // The diurnal week under each server model; `diurnal` keeps processor sharing, so that its
  // figures compare with the results recorded before the workload moved to asyncio (issue 13).
  diurnal: (scale, sampler) => diurnalCase(scale, sampler, 'processor-sharing'),
  'diurnal-asyncio': (scale, sampler) => diurnalCase(scale, sampler, null),
  'diurnal-threadpool': (scale, sampler) => diurnalCase(scale, sampler, 'threadpool'),

  mmc: (scale, sampler) => mmcCase(scale, sampler),
  'mmc-asyncio': (scale, sampler) => mmcCase(scale, sampler, 'asyncio'),

  'bare-mmc': (scale, sampler) => {
    const duration = mmcScenario(MMC, MMC_REQUESTS * scale).duration;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = bareMmc(MMC, duration);
    const wallMs = performance.now() - t0;
    const cpuMs = cpuMsSince(c0);
    sampler.sample();
    return {
      simulatedSeconds: duration,
      requests: result.arrived,
      wallMs,
      cpuMs,
      check: `Wq ${fixed(result.meanWait, 4)} s (Erlang C ${fixed(erlangCWait(MMC), 4)})`,
    };
  },
};

/** The diurnal workload at `scale` weeks, with `server` on both platforms (null: as the file says). */
function diurnalCase(scale: number, sampler: MemorySampler, server: ServerModel | null): Timed {
  const sets = server === null ? [] : [`cloud-run.server=${server}`, `vm.server=${server}`];
  const scenario = loadScenario(join(repoRoot(), 'workloads', 'diurnal.json'), [`duration=${DIURNAL_SECONDS * scale}`, ...sets]);
  return timeScenario(scenario, sampler, (r) => r.map((x) => `${x.platform} mean ${fixed(x.latency_mean_s * 1000, 1)} ms`).join(', '));
}

function mmcCase(scale: number, sampler: MemorySampler, server?: ServerModel): Timed {
  const scenario = mmcScenario(MMC, MMC_REQUESTS * scale, server);
  return timeScenario(scenario, sampler, (r) => `Wq ${fixed(r[0]!.queue_wait_mean_s, 4)} s (Erlang C ${fixed(erlangCWait(MMC), 4)})`);
}

/** Times runScenario alone (the scenario is already loaded), sampling memory as it goes. */
function timeScenario(scenario: Scenario, sampler: MemorySampler, check: (records: SummaryRecord[]) => string): Timed {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const records = runScenario(scenario, { seed: 1, onProgress: () => sampler.sample() });
  const wallMs = performance.now() - t0;
  const cpuMs = cpuMsSince(c0);
  return {
    simulatedSeconds: scenario.duration,
    requests: records.reduce((sum, r) => sum + r.requests_arrived, 0),
    wallMs,
    cpuMs,
    check: check(records),
  };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const fixed = (x: number, digits: number): string => x.toFixed(digits);
