import { Simulation } from '../engine/simulation.js';
import { checkRecordFinite } from './check-finite.js';
import { summarize } from '../metrics/summarize.js';
import type { SummaryRecord } from '../metrics/summary.js';
import { sampleTimeline } from '../metrics/timeline.js';
import type { TimelineRow } from '../metrics/timeline-fields.js';
import { CloudRunPlatform } from '../platforms/cloud-run/cloud-run.js';
import type { PlatformModel } from '../platforms/platform.js';
import { VmFleetPlatform } from '../platforms/vm/vm-fleet.js';
import type { PlatformSpec, Scenario } from '../scenario/types.js';
import { createArrivals } from '../workload/create-arrivals.js';
import { RequestSource } from '../workload/request-source.js';

export interface RunOptions {
  readonly seed: number;
  /** Replication index: replication i of every sweep point sees the same requests. */
  readonly replication?: number;
  /** Seconds per timeline row; omit for no timeline. */
  readonly timelineStep?: number;
  readonly onTimelineRow?: (row: TimelineRow) => void;
  /** Called now and then with the platform, simulated seconds done and requests so far. */
  readonly onProgress?: (platform: string, simulated: number, requests: number) => void;
}

/** The random streams' seed for a replication of a run. */
export function streamSeed(seed: number, replication: number): string {
  return `${seed}/${replication}`;
}

export function createPlatform(sim: Simulation, spec: PlatformSpec, warmup: number): PlatformModel {
  switch (spec.model) {
    case 'cloud-run':
      return new CloudRunPlatform(sim, spec, warmup);
    case 'compute-engine':
      return new VmFleetPlatform(sim, spec, warmup);
  }
}

/** How many chunks a run is cut into for progress reports. */
const PROGRESS_CHUNKS = 200;

/**
 * Runs every platform of the scenario over the same requests, one simulation each (common
 * random numbers: the `arrivals` and `requests` streams depend only on the seed and the
 * replication), and returns one summary record per platform in scenario order.
 */
export function runScenario(scenario: Scenario, options: RunOptions): SummaryRecord[] {
  return scenario.platforms.map((spec) => runPlatform(scenario, spec, options));
}

export function runPlatform(scenario: Scenario, spec: PlatformSpec, options: RunOptions): SummaryRecord {
  const replication = options.replication ?? 0;
  const sim = new Simulation(streamSeed(options.seed, replication));
  const end = scenario.duration;
  const platform = createPlatform(sim, spec, scenario.warmup);
  const arrivals = createArrivals(scenario.traffic, sim.streams.get('arrivals'), scenario.startEpochMs);
  const source = new RequestSource(scenario.requests, arrivals, sim.streams.get('requests'), end);

  const pump = (): void => {
    platform.arrive(current!);
    current = source.next();
    if (current !== null) sim.at(current.arrival, pump);
  };
  let current = source.next();
  if (current !== null) sim.at(current.arrival, pump);

  if (scenario.warmup > 0) sim.at(scenario.warmup, () => platform.stats.markWarmup(sim.now));
  const timeline =
    options.timelineStep !== undefined && options.onTimelineRow !== undefined
      ? sampleTimeline(sim, spec.name, platform.stats, platform.ledger, options.timelineStep, end, scenario.startEpochMs, options.onTimelineRow)
      : null;

  if (options.onProgress === undefined) {
    sim.run(end);
  } else {
    for (let k = 1; k <= PROGRESS_CHUNKS; k++) {
      sim.run((end * k) / PROGRESS_CHUNKS);
      options.onProgress(spec.name, sim.now, platform.stats.all.arrived);
    }
  }
  platform.close(end);
  timeline?.finish();
  const record = summarize({ scenario: scenario.name, seed: options.seed, replication, end }, spec, platform.stats, platform.ledger);
  checkRecordFinite(record);
  return record;
}
