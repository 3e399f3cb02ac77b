import { isDeepStrictEqual } from 'node:util';
import { Simulation } from '../engine/simulation.js';
import { streamFor, type RandomStreams } from '../engine/streams.js';
import { checkRecordFinite } from './check-finite.js';
import { watchBacklog } from '../metrics/backlog-trend.js';
import { summarize } from '../metrics/summarize.js';
import type { SummaryRecord } from '../metrics/summary.js';
import { sampleTimeline } from '../metrics/timeline.js';
import { unpackRows, type RowBatch } from '../metrics/row-batch.js';
import type { TimelineRow } from '../metrics/timeline-fields.js';
import { Ledger } from '../billing/ledger.js';
import type { BillingVariant, PlatformModel, VariantBilling } from '../platforms/platform.js';
import { PLATFORMS } from '../platforms/registry.js';
import { StreamDraws, type DrawStream } from '../random/draw-ring.js';
import { fromSpec } from '../random/from-spec.js';
import type { Histogram } from '../metrics/histogram.js';
import { frontEndStream, type PlatformStats } from '../metrics/platform-stats.js';
import type { PlatformSpec, Scenario } from '../scenario/types.js';
import { createArrivals } from '../workload/create-arrivals.js';
import { RequestSource } from '../workload/request-source.js';
import type { RequestStream } from '../workload/request-ring.js';
import { withRanks } from '../verdict/rank.js';
import { scenarioObjectives } from './slo.js';

export interface RunOptions {
  readonly seed: number;
  /** Replication index: replication i of every sweep point sees the same requests. */
  readonly replication?: number;
  /** Seconds per timeline row; omit for no timeline. */
  readonly timelineStep?: number;
  readonly onTimelineRow?: (row: TimelineRow) => void;
  /** The timeline as RowBatches (what a worker thread posts), instead of onTimelineRow's rows. */
  readonly onTimelineBatch?: (batch: RowBatch) => void;
  /** Called now and then with the platform, simulated seconds done and requests so far. */
  readonly onProgress?: (platform: string, simulated: number, requests: number) => void;
  /**
   * The run's requests drawn elsewhere from the same seed and replication (a RequestRingReader
   * of `sim run`'s shared stream: runRequests); absent, they are drawn here.
   */
  readonly requests?: RequestStream;
  /**
   * The front end's latency draws made elsewhere from the platform's own stream (a
   * DrawRingReader, share-requests.ts); absent, or for a platform without a front end, drawn here.
   */
  readonly frontEnd?: DrawStream;
}

/** A batch consumer that hands each row to `onRow`. */
const rowsOf =
  (onRow: (row: TimelineRow) => void) =>
  (batch: RowBatch): void =>
    unpackRows(batch, onRow);

/** The random streams' seed for a replication of a run. */
export function streamSeed(seed: number, replication: number): string {
  return `${seed}/${replication}`;
}

/**
 * The requests of a run (replication) of the scenario, from its `arrivals`, `requests` and
 * `request-bytes` streams: the same for every platform (common random numbers), so they can
 * be drawn once and shared (src/workload/request-ring.ts).
 */
export function runRequests(scenario: Scenario, streams: RandomStreams): RequestSource {
  const arrivals = createArrivals(scenario.traffic, streams.get('arrivals'), scenario.startEpochMs);
  return new RequestSource(scenario.requests, arrivals, streams.get('requests'), scenario.duration, streams.get('request-bytes'));
}

/** The simulation model of a spec: its registry entry's factory (src/platforms/registry.ts). */
export function createPlatform(sim: Simulation, spec: PlatformSpec, warmup: number, variants: readonly BillingVariant[] = []): PlatformModel {
  return PLATFORMS.create(sim, spec, warmup, variants);
}

/** How many chunks a run is cut into for progress reports. */
const PROGRESS_CHUNKS = 200;

/**
 * Runs every platform of the scenario over the same requests, one simulation each (common
 * random numbers: the `arrivals` and `requests` streams depend only on the seed and the
 * replication), and returns one summary record per platform in scenario order.
 */
export function runScenario(scenario: Scenario, options: RunOptions): SummaryRecord[] {
  return withRanks(scenario.platforms.map((spec) => runPlatform(scenario, spec, options)));
}

export function runPlatform(scenario: Scenario, spec: PlatformSpec, options: RunOptions): SummaryRecord {
  return simulatePlatform(scenario, spec, options).record;
}

/** A platform's summary, and the run's cost under each billing variant (same order as given). */
export interface PlatformRun {
  readonly record: SummaryRecord;
  /** Total USD of each variant's bill over the run, clamped at zero like the record's. */
  readonly variantCosts: readonly number[];
  /** On-demand spend a committed use discount could cover, per clock hour: the platform's own, then each variant's. */
  readonly eligibleHours: readonly number[];
  readonly variantEligibleHours: readonly (readonly number[])[];
  /** What each variant's cost per month adds to its cost scaled to a month (PlatformModel.perMonthCorrection). */
  readonly variantPerMonthCorrections: readonly number[];
  /**
   * Each variant's summary: the same requests and instances, its own bill and front end.
   * Exactly the record a run of the variant spec gives, when the variant differs only in what
   * it bills or in its front end (`sim sensitivity` measures such ranges this way:
   * PlatformEntry.billsOnly, frontEndOnly).
   */
  readonly variantRecords: readonly SummaryRecord[];
}

/** A billing variant whose billing object, once the platform made it, tells its eligible spend per hour. */
class Variant implements BillingVariant {
  readonly ledger = new Ledger();
  private billing: VariantBilling | null = null;
  constructor(readonly spec: PlatformSpec) {}
  bill<T extends VariantBilling>(billing: T): T {
    this.billing = billing;
    return billing;
  }
  hours(now: number): number[] {
    return this.billing?.hourlySpend.hours(now) ?? [];
  }
  perMonthCorrection(now: number): number {
    return this.billing?.perMonthCorrection(now) ?? 0;
  }
}

/**
 * Each variant's latency histogram: the platform's own when the variant's front end is the
 * same, else that front end's, measured from the same responses with a fresh copy of the
 * platform's front-end stream (the stream the variant's own run would draw from).
 */
function variantLatencies(sim: Simulation, spec: PlatformSpec, variants: readonly Variant[], stats: PlatformStats): Histogram[] {
  const own = PLATFORMS.of(spec).frontEnd(spec);
  return variants.map((v) => {
    const front = PLATFORMS.of(v.spec).frontEnd(v.spec);
    if (isDeepStrictEqual(front, own)) return stats.latency;
    return stats.addLatencyVariant(front === null ? null : new StreamDraws(fromSpec(front), streamFor(sim.streams.seed, frontEndStream(spec.name))));
  });
}

/**
 * runPlatform, with other bills of the same simulated lifecycle: each variant spec (the same
 * platform with other billing settings, or another front end) is billed on its own ledger from
 * the very events that bill `spec`, so its cost is the cost of exactly these requests, instances
 * and VMs, and its latency is measured behind its own front end (variantLatencies).
 */
export function simulatePlatform(scenario: Scenario, spec: PlatformSpec, options: RunOptions, variantSpecs: readonly PlatformSpec[] = []): PlatformRun {
  const replication = options.replication ?? 0;
  const sim = new Simulation(streamSeed(options.seed, replication));
  const end = scenario.duration;
  const variants = variantSpecs.map((v) => new Variant(v));
  const platform = createPlatform(sim, spec, scenario.warmup, variants);
  if (options.frontEnd !== undefined) platform.stats.drawFrontEndFrom(options.frontEnd);
  const latencies = variantLatencies(sim, spec, variants, platform.stats);
  const source = options.requests ?? runRequests(scenario, sim.streams);

  // Each arrival schedules the next one, from the engine's arrival slot (no heap event).
  const pump = (): void => {
    platform.arrive(current!);
    current = source.next();
    if (current !== null) sim.arrive(current.arrival, pump);
  };
  let current = source.next();
  if (current !== null) sim.arrive(current.arrival, pump);

  if (scenario.warmup > 0) sim.at(scenario.warmup, () => platform.stats.markWarmup(sim.now));
  const backlog = watchBacklog(sim, platform.stats, end);
  const timeline =
    options.timelineStep !== undefined && (options.onTimelineBatch !== undefined || options.onTimelineRow !== undefined)
      ? sampleTimeline(sim, spec.name, platform.stats, platform.ledger, options.timelineStep, end, scenario.startEpochMs, options.onTimelineBatch ?? rowsOf(options.onTimelineRow!))
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
  const context = {
    scenario: scenario.name,
    seed: options.seed,
    replication,
    end,
    objectives: scenarioObjectives(scenario.slo),
    backlogGrowth: backlog.slope(),
    perMonthCorrection: platform.perMonthCorrection?.(end) ?? 0,
  };
  const record = summarize(context, spec, platform.stats, platform.ledger);
  checkRecordFinite(record);
  const variantRecords = variants.map((v, i) => summarize({ ...context, perMonthCorrection: v.perMonthCorrection(end) }, v.spec, platform.stats, v.ledger, latencies[i]));
  return {
    record,
    variantCosts: variants.map((v) => Math.max(0, v.ledger.total(end))),
    eligibleHours: platform.commitmentEligibleHours(end),
    variantEligibleHours: variants.map((v) => v.hours(end)),
    variantPerMonthCorrections: variants.map((v) => v.perMonthCorrection(end)),
    variantRecords,
  };
}
