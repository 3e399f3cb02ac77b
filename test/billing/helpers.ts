import { Simulation } from '../../src/engine/simulation.js';
import { CloudRunPlatform } from '../../src/platforms/cloud-run/cloud-run.js';
import { VmFleetPlatform } from '../../src/platforms/vm/vm-fleet.js';
import { resolveScenario } from '../../src/scenario/load.js';
import type { CloudRunSpec, ComputeEngineSpec, Scenario } from '../../src/scenario/types.js';

export const HOUR = 3600;
export const GIB = 1024 ** 3;
/** 2026-01-01T00:00:00Z: January 2026 has 744 h, February 672 h, April 720 h. */
export const JAN_1 = '2026-01-01T00:00:00Z';
export const JAN_H = 744;
export const FEB_H = 672;

/**
 * A scenario in file form with no traffic and the given platforms, resolved like a file. The
 * default run is the whole of 2026 from 1 January, so that every month's free tier is whole
 * (free tiers are prorated to the part of each month a run covers: free-tier-share.ts).
 */
export function resolved(
  platforms: Record<string, unknown>[],
  { start = JAN_1, duration = '365d', billing }: { start?: string; duration?: string; billing?: { freeTier: boolean } } = {},
): Scenario {
  return resolveScenario(
    {
      name: 'billing',
      start,
      duration,
      traffic: { type: 'poisson', rps: 0 },
      requests: { cpu: 0 },
      platforms,
      ...(billing === undefined ? {} : { billing }),
    },
    '',
  );
}

/** A Compute Engine spec resolved from a file entry (presets, catalog prices, account). */
export function vm(entry: Record<string, unknown>, options?: Parameters<typeof resolved>[1]): ComputeEngineSpec {
  return resolved([{ name: 'vm', model: 'compute-engine', ...entry }], options).platforms[0] as ComputeEngineSpec;
}

export function cloudRun(entry: Record<string, unknown>, options?: Parameters<typeof resolved>[1]): CloudRunSpec {
  return resolved([{ name: 'run', model: 'cloud-run', ...entry }], options).platforms[0] as CloudRunSpec;
}

/** A VM fleet on its own simulation; `at(t)` runs to t and returns the ledger. */
export function fleet(spec: ComputeEngineSpec) {
  const sim = new Simulation(1);
  const platform = new VmFleetPlatform(sim, spec, 0);
  let id = 0;
  return {
    sim,
    platform,
    ledger: platform.ledger,
    /** A request with no work whose response is `bytes` long, at t. */
    respond(t: number, bytes: number): void {
      const n = id++;
      sim.at(t, () => platform.arrive({ id: n, arrival: t, cpu: 0, io: 0, bytes }));
    },
    run(t: number) {
      sim.run(t);
      return platform.ledger;
    },
    close(t: number) {
      sim.run(t);
      platform.close(t);
      return platform.ledger;
    },
  };
}

export function cloudRunPlatform(spec: CloudRunSpec) {
  const sim = new Simulation(1);
  const platform = new CloudRunPlatform(sim, spec, 0);
  let id = 0;
  return {
    sim,
    platform,
    send(t: number, { cpu = 0, io = 0, bytes = 0 }: { cpu?: number; io?: number; bytes?: number } = {}): void {
      const n = id++;
      sim.at(t, () => platform.arrive({ id: n, arrival: t, cpu, io, bytes }));
    },
  };
}
