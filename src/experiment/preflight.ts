import { InputError } from '../errors.js';
import { PLATFORMS, type PlatformRegistry } from '../platforms/registry.js';
import { fromSpec } from '../random/from-spec.js';
import { MIN_TIMELINE_STEP_S } from '../scenario/interval-bounds.js';
import type { Scenario, TrafficSpec } from '../scenario/types.js';
import { meanRate } from '../workload/mean-rate.js';
import { mmppTimeFractions } from '../workload/mmpp-stationary.js';

/**
 * Simulated requests per wall-clock second this machine class sustains, conservatively: the
 * bench measures 300k to 1.5M (bench/RESULTS.md); refusals use the low end so that a refusal is
 * never too optimistic.
 */
export const REQUESTS_PER_SECOND_ESTIMATE = 300_000;

/**
 * Simulated requests per CPU-second that runs of the bundled workloads typically sustain, for
 * what a time is quoted to a user and for the verdict's budgets (how much it simulates inside
 * `sim run`), where the refusal's low end made every quoted time 2.5 to 4 times too long and
 * stopped the verdict's searches early. Measured 2026-12-03 (bench/RESULTS.md): `sim
 * breakeven` of the quickstart 1.12 M, `sim sensitivity` of its day 0.89 M, `sim run --format
 * csv` of the bundled workloads 0.75 to 1.07 M where start-up is not most of the run; the
 * lowest of them, so that a budget is seldom overrun.
 */
export const TYPICAL_REQUESTS_PER_SECOND = 750_000;

/**
 * Other events per wall-clock second: an autoscaler tick, an MMPP switch, a timeline row, an
 * instance start. Each is a handful of heap operations, cheaper than a request (which is
 * several events); 200k/s is deliberately below the request rate to stay conservative.
 */
export const EVENTS_PER_SECOND_ESTIMATE = 200_000;

/** Wall-clock cost of setting up and summarising one platform's run, however short (seconds). */
export const SECONDS_PER_RUN = 0.002;

/** Bytes a request holds while it waits in a backlog (object, queue slot, closures). */
const BYTES_PER_WAITING_REQUEST = 200;
/** Bytes of one instance or VM: 10 million Cloud Run min-instances took 4.4 GB (440 B each), rounded up. */
const BYTES_PER_INSTANCE = 500;
/** Bytes of one task of an experiment held in memory (its job, its rows of results, their text). */
const BYTES_PER_TASK_PLATFORM = 2_000;

export interface Estimate {
  /** Requests the traffic is expected to bring, per platform. */
  readonly requests: number;
  /** Events other than requests, all platforms together (ticks, switches, rows, starts). */
  readonly events: number;
  /** Wall-clock seconds for all platforms, at the refusal's rate (REQUESTS_PER_SECOND_ESTIMATE). */
  readonly seconds: number;
  /** The same at the typical rate (TYPICAL_REQUESTS_PER_SECOND): the time to quote and to budget. */
  readonly typicalSeconds: number;
  /** Peak bytes the run holds beyond its fixed structures. */
  readonly bytes: number;
  /** What holds most of `bytes`, for the message. */
  readonly memoryCulprit: string;
  /** Bytes a backlog that grows without bound would reach by the end (0 when none does). */
  readonly backlogBytes: number;
  /** The platform whose backlog grows, for the message. */
  readonly growingBacklog: string | null;
}

export interface RunShape {
  /** Seconds per timeline row when a timeline is written or collected. */
  readonly timelineStep?: number;
}

/** MMPP state switches over the run: per unit time, the sum over states of (time fraction / mean holding). */
function trafficSwitches(t: TrafficSpec, duration: number): number {
  if (t.type === 'sum') return t.components.reduce((acc, c) => acc + trafficSwitches(c, duration), 0);
  if (t.type !== 'mmpp') return 0;
  const fractions = mmppTimeFractions(t);
  return duration * fractions.reduce((acc, f, i) => acc + f / t.states[i]!.meanHolding, 0);
}

/**
 * What a run will cost before it starts: expected requests from the traffic's integrated rate;
 * the events that happen whatever the traffic (autoscaler ticks of every platform, MMPP
 * switches, Spot preemptions, timeline rows, the starts of certain instances, each tick
 * visiting those instances); the wall-clock time of both; and the memory of certain instances
 * and of a backlog that grows without bound (a VM fleet offered more CPU work than it can do:
 * the backlog grows linearly and so does memory). Each platform's share comes from its registry
 * entry (`preflight`), so a platform cannot be left out of the check.
 */
export function estimateRun(scenario: Scenario, shape: RunShape = {}, registry: PlatformRegistry = PLATFORMS): Estimate {
  const duration = scenario.duration;
  const rate = meanRate(scenario.traffic, 0, duration, scenario.startEpochMs);
  const requests = rate * duration;
  const cpuPerRequest = fromSpec(scenario.requests.cpu).mean;
  const switches = trafficSwitches(scenario.traffic, duration);
  const rows = shape.timelineStep !== undefined ? Math.ceil(duration / shape.timelineStep) : 0;
  let events = 0;
  let instanceBytes = 0;
  let instanceOwner = '';
  let backlogBytes = 0;
  let growingBacklog: string | null = null;
  for (const p of scenario.platforms) {
    const load = registry.of(p).preflight(p, { duration, rate, cpuPerRequest });
    const instances = load.certainInstances;
    // Every tick looks at every instance; the switches and rows are per platform (each platform is its own simulation).
    events += load.ticks * (1 + instances) + instances + switches + rows;
    if (instances * BYTES_PER_INSTANCE > instanceBytes) {
      instanceBytes = instances * BYTES_PER_INSTANCE;
      instanceOwner = p.name;
    }
    if (load.unboundedBacklogRate > 0) {
      const bytes = load.unboundedBacklogRate * duration * BYTES_PER_WAITING_REQUEST;
      if (bytes > backlogBytes) {
        backlogBytes = bytes;
        growingBacklog = p.name;
      }
    }
  }
  const platforms = scenario.platforms.length;
  const fixed = events / EVENTS_PER_SECOND_ESTIMATE + SECONDS_PER_RUN * platforms;
  const seconds = (requests * platforms) / REQUESTS_PER_SECOND_ESTIMATE + fixed;
  const typicalSeconds = (requests * platforms) / TYPICAL_REQUESTS_PER_SECOND + fixed;
  const bytes = Math.max(instanceBytes, backlogBytes);
  const memoryCulprit =
    backlogBytes >= instanceBytes && growingBacklog !== null
      ? `the unbounded backlog of platform "${growingBacklog}" (offered more CPU work than its VMs can do)`
      : `the ${instanceOwner === '' ? 'instances' : `instances that platform "${instanceOwner}" always keeps`}`;
  return { requests, events, seconds, typicalSeconds, bytes, memoryCulprit, backlogBytes, growingBacklog };
}

export interface Limits {
  /** Refuse runs estimated to take longer (wall-clock seconds). */
  readonly maxSeconds: number;
  /** Refuse runs whose memory would exceed this many bytes. */
  readonly maxBytes: number;
}

export const DEFAULT_LIMITS: Limits = { maxSeconds: 3600, maxBytes: 4 * 1024 ** 3 };

/** An estimated wall-clock time for a message: 45 s, 12 min, 1.5 h. */
export const human = (seconds: number): string =>
  seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : seconds >= 60 ? `${(seconds / 60).toFixed(0)} min` : `${seconds.toFixed(0)} s`;

/** A `--max-time` value the parser accepts that allows `seconds` with room: whole minutes or hours, at least 1m. */
export function maxTimeSuggestion(seconds: number): string {
  const wanted = seconds * 1.5;
  return wanted > 36_000 ? `${Math.ceil(wanted / 3600)}h` : `${Math.max(1, Math.ceil(wanted / 60))}m`;
}

const count = (n: number): string => (n >= 1e15 ? n.toExponential(1) : Math.round(n).toLocaleString('en-US'));

/** The parts of the time estimate, for the message: requests and other events. */
function workText(e: Estimate, runs: number): string {
  const parts = [`about ${count(e.requests)} requests per platform`];
  if (e.events * runs >= 1e5) parts.push(`${count(e.events * runs)} other events (autoscaler ticks, MMPP switches, timeline rows, instance starts)`);
  return parts.join(' and ');
}

/**
 * Throws an InputError naming the estimate when a run should not be started: estimated time
 * over `limits.maxSeconds`, memory over `limits.maxBytes`, a timeline step below its bound, or
 * an estimate that is not finite at all.
 */
export function checkRun(scenario: Scenario, limits: Limits = DEFAULT_LIMITS, where = scenario.source ?? 'scenario', shape: RunShape = {}): Estimate {
  if (shape.timelineStep !== undefined && !(shape.timelineStep >= MIN_TIMELINE_STEP_S)) {
    throw new InputError(`--timeline-step: ${shape.timelineStep} s is not allowed: at least 1ms (one row per step and platform)`);
  }
  const e = estimateRun(scenario, shape);
  checkEstimate(e, 1, limits, where, 'the run');
  return e;
}

/** What a refusal adds to its conservative estimate: the time at the typical rate, which is what a run usually takes. */
export const typically = (seconds: number): string => `about ${human(seconds)} at the typical ${TYPICAL_REQUESTS_PER_SECOND.toLocaleString('en-US')} requests/s`;

/** The time and memory checks, for one run or for `runs` runs of an experiment. */
function checkEstimate(e: Estimate, runs: number, limits: Limits, where: string, what: string): void {
  if (e.bytes > limits.maxBytes || !Number.isFinite(e.bytes)) {
    const fix = e.backlogBytes >= e.bytes ? 'set queueLimit, add VMs or workers, or shorten duration' : 'lower minInstances or count';
    throw new InputError(
      `${where}: ${e.memoryCulprit} would hold about ${(e.bytes / 1024 ** 3).toFixed(1)} GiB by the end: refused (the limit is ${(limits.maxBytes / 1024 ** 3).toFixed(0)} GiB); ${fix}`,
    );
  }
  const seconds = e.seconds * runs;
  if (!Number.isFinite(seconds)) {
    throw new InputError(`${where}: ${workText(e, runs)}: ${what} would not end: refused; lower the traffic or shorten duration`);
  }
  if (seconds > limits.maxSeconds) {
    throw new InputError(
      `${where}: ${workText(e, runs)}${runs > 1 ? ` in each of ${count(runs)} runs` : ''}, an estimated ${human(seconds)} to simulate ` +
        `(at ${REQUESTS_PER_SECOND_ESTIMATE.toLocaleString('en-US')} requests/s and ${EVENTS_PER_SECOND_ESTIMATE.toLocaleString('en-US')} other events/s, the low end; ${typically(e.typicalSeconds * runs)}): ` +
        `refused; shorten duration, or pass --max-time ${maxTimeSuggestion(seconds)} to run it anyway`,
    );
  }
}

/** An experiment's work: its distinct scenarios and how many runs of each. */
export interface ExperimentShape {
  readonly points: readonly { readonly scenario: Scenario; readonly label: string }[];
  /** Runs of every point (replications; for breakeven, replications x evaluations). */
  readonly runsPerPoint: number;
  /** Worker threads sharing the work. */
  readonly workers: number;
  /** Tasks held in memory at once (all of them, for a sweep's plan). */
  readonly tasks: number;
  /** The share of the runs this process does (a shard's tasks over the sweep's). @default 1 */
  readonly share?: number;
}

/**
 * The preflight of `sweep`, `breakeven` and `optimize`, before the first simulation: every
 * point alone passes `checkRun`'s memory check (a point is one run in one thread), the tasks
 * fit in memory, and the whole experiment's estimated time (points x runs, shared by the
 * workers) is under `limits.maxSeconds`. An error names the grid point it is about.
 */
export function checkExperiment(shape: ExperimentShape, limits: Limits = DEFAULT_LIMITS, where: string): void {
  const platforms = Math.max(1, ...shape.points.map((p) => p.scenario.platforms.length));
  const taskBytes = shape.tasks * platforms * BYTES_PER_TASK_PLATFORM;
  if (taskBytes > limits.maxBytes || !Number.isFinite(taskBytes)) {
    throw new InputError(
      `${where}: ${count(shape.tasks)} runs would hold about ${(taskBytes / 1024 ** 3).toFixed(1)} GiB of jobs and results: refused (the limit is ${(limits.maxBytes / 1024 ** 3).toFixed(0)} GiB); fewer replications or grid values, or split it with --shard`,
    );
  }
  let seconds = 0;
  let typical = 0;
  let requests = 0;
  let events = 0;
  let heaviest = { seconds: -1, label: '' };
  for (const point of shape.points) {
    const e = estimateRun(point.scenario);
    checkEstimate(e, 1, { ...limits, maxSeconds: Infinity }, point.label, 'the run');
    if (!Number.isFinite(e.seconds)) checkEstimate(e, 1, limits, point.label, 'the run');
    seconds += e.seconds * shape.runsPerPoint;
    typical += e.typicalSeconds * shape.runsPerPoint;
    requests += e.requests * shape.runsPerPoint;
    events += e.events * shape.runsPerPoint;
    if (e.seconds > heaviest.seconds) heaviest = { seconds: e.seconds, label: point.label };
  }
  const perWorker = (shape.share ?? 1) / Math.max(1, shape.workers);
  const wall = seconds * perWorker;
  const typicalWall = typical * perWorker;
  if (wall > limits.maxSeconds) {
    const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
    // Name the point that costs most when it is most of the work: that is the value to fix.
    const at = heaviest.seconds * shape.runsPerPoint > seconds / 2 && heaviest.label !== where ? `; most of it at ${heaviest.label}` : '';
    throw new InputError(
      `${where}: ${plural(shape.points.length, 'point')} x ${plural(shape.runsPerPoint, 'run')}, about ${count(requests)} requests and ${count(events)} other events in all${at}, ` +
        `an estimated ${human(wall)} to simulate on ${plural(shape.workers, 'worker')} (${typically(typicalWall)}): refused; fewer points or replications, --shard, or pass --max-time ${maxTimeSuggestion(wall)} to run it anyway`,
    );
  }
}
