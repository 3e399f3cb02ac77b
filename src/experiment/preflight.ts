import { InputError } from '../errors.js';
import { fromSpec } from '../random/from-spec.js';
import type { Scenario } from '../scenario/types.js';
import { meanRate } from '../workload/mean-rate.js';

/**
 * Simulated requests per wall-clock second this machine class sustains, conservatively: the
 * bench measures 300k to 1.5M (bench/RESULTS.md); estimates use the low end so a refusal is
 * never too optimistic.
 */
export const REQUESTS_PER_SECOND_ESTIMATE = 300_000;

/** Bytes a request holds while it waits in a backlog (object, queue slot, closures). */
const BYTES_PER_WAITING_REQUEST = 200;

export interface Estimate {
  /** Requests the traffic is expected to bring, per platform. */
  readonly requests: number;
  /** Wall-clock seconds for all platforms at REQUESTS_PER_SECOND_ESTIMATE. */
  readonly seconds: number;
  /** Bytes a backlog that grows without bound would reach by the end (0 when none does). */
  readonly backlogBytes: number;
  /** The platform whose backlog grows, for the message. */
  readonly growingBacklog: string | null;
}

/**
 * What a run will cost before it starts: expected requests from the traffic's integrated
 * rate, the time they take, and whether a VM fleet with an unbounded backlog is offered more
 * CPU work than it can do (then its backlog grows linearly and so does memory).
 */
export function estimateRun(scenario: Scenario): Estimate {
  const rate = meanRate(scenario.traffic, 0, scenario.duration, scenario.startEpochMs);
  const requests = rate * scenario.duration;
  const cpuPerRequest = fromSpec(scenario.requests.cpu).mean;
  let backlogBytes = 0;
  let growingBacklog: string | null = null;
  for (const p of scenario.platforms) {
    if (p.model !== 'compute-engine' || Number.isFinite(p.queueLimit) || p.autoscaling?.mode === 'on') continue;
    // Work arrives at rate x E[cpu] vCPU-s per second; the fleet does at most count x min(vcpu, workers).
    const capacity = p.count * Math.min(p.vcpu, p.workers);
    const excess = rate - capacity / cpuPerRequest;
    if (cpuPerRequest > 0 && excess > 0) {
      const bytes = excess * scenario.duration * BYTES_PER_WAITING_REQUEST;
      if (bytes > backlogBytes) {
        backlogBytes = bytes;
        growingBacklog = p.name;
      }
    }
  }
  return { requests, seconds: (requests * scenario.platforms.length) / REQUESTS_PER_SECOND_ESTIMATE, backlogBytes, growingBacklog };
}

export interface Limits {
  /** Refuse runs estimated to take longer (wall-clock seconds). */
  readonly maxSeconds: number;
  /** Refuse runs whose backlog would exceed this many bytes. */
  readonly maxBytes: number;
}

export const DEFAULT_LIMITS: Limits = { maxSeconds: 3600, maxBytes: 4 * 1024 ** 3 };

/** An estimated wall-clock time for a message: 45 s, 12 min, 1.5 h. */
export const human = (seconds: number): string =>
  seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : seconds >= 60 ? `${(seconds / 60).toFixed(0)} min` : `${seconds.toFixed(0)} s`;

/** Throws an InputError naming the estimate when a run should not be started. */
export function checkRun(scenario: Scenario, limits: Limits = DEFAULT_LIMITS, where = scenario.source ?? 'scenario'): Estimate {
  const e = estimateRun(scenario);
  if (e.seconds > limits.maxSeconds) {
    throw new InputError(
      `${where}: about ${Math.round(e.requests).toLocaleString('en-US')} requests per platform, an estimated ${human(e.seconds)} to simulate ` +
        `(at ${REQUESTS_PER_SECOND_ESTIMATE.toLocaleString('en-US')} requests/s): refused; shorten duration, or pass --max-time ${human(e.seconds * 1.5).replace(' ', '')} to run it anyway`,
    );
  }
  if (e.backlogBytes > limits.maxBytes) {
    throw new InputError(
      `${where}: platform "${e.growingBacklog}" is offered more CPU work than its VMs can do and its backlog is unbounded: ` +
        `it would hold about ${(e.backlogBytes / 1024 ** 3).toFixed(1)} GiB of waiting requests by the end: refused; set queueLimit, add VMs or workers, or shorten duration`,
    );
  }
  return e;
}
