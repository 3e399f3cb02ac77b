import { cpus, totalmem } from 'node:os';
import type { CaseName, CaseResult } from './cases.js';

export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

export interface MmcRatio {
  readonly simulatorRps: number;
  readonly bareRps: number;
  /** Simulator wall time over bare-loop wall time for the same request count. */
  readonly slowdown: number;
  readonly simulatorRpsCpu: number;
  readonly bareRpsCpu: number;
  /** The same ratio on CPU time, steadier on a shared machine. */
  readonly slowdownCpu: number;
}

export interface MemoryVsDuration {
  readonly case: CaseName;
  readonly small: CaseResult;
  readonly large: CaseResult;
}

export interface BenchReport {
  readonly date: string;
  readonly quick: boolean;
  readonly machine: MachineInfo;
  readonly cases: readonly CaseResult[];
  readonly ratio: MmcRatio | null;
  readonly memoryVsDuration: readonly MemoryVsDuration[];
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Puts the case results together: the M/M/c ratio at scale `base`, and each case run at two scales. */
export function buildReport(cases: readonly CaseResult[], quick: boolean, base: number): BenchReport {
  const at = (name: CaseName, scale: number) => cases.find((c) => c.case === name && c.scale === scale);
  const sim = at('mmc', base);
  const bare = at('bare-mmc', base);
  const ratio =
    sim && bare
      ? {
          simulatorRps: sim.requestsPerSecond,
          bareRps: bare.requestsPerSecond,
          slowdown: bare.requestsPerSecond / sim.requestsPerSecond,
          simulatorRpsCpu: sim.requestsPerCpuSecond,
          bareRpsCpu: bare.requestsPerCpuSecond,
          slowdownCpu: bare.requestsPerCpuSecond / sim.requestsPerCpuSecond,
        }
      : null;
  const memoryVsDuration: MemoryVsDuration[] = [];
  for (const name of ['simfaas', 'mmc', 'bare-mmc'] as const) {
    const runs = cases.filter((c) => c.case === name).sort((a, b) => a.scale - b.scale);
    if (runs.length >= 2) memoryVsDuration.push({ case: name, small: runs[0]!, large: runs[runs.length - 1]! });
  }
  return { date: new Date().toISOString(), quick, machine: machineInfo(), cases, ratio, memoryVsDuration };
}
