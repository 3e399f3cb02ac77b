/**
 * Lower bounds on the intervals that schedule events by themselves, whatever the traffic: each
 * one is an event per interval per platform, so 1e-9 s would be 6e11 events in ten minutes of
 * simulated time (a hang). The bounds are far below any real setting; the preflight
 * (experiment/preflight.ts) then counts the events the rest allow.
 */

/**
 * An autoscaler's decision loop (Cloud Run `evaluationInterval`, Knative `tickInterval`, MIG
 * `autoscaling.evaluationInterval`): 10 ms. Knative ticks every 2 s, the Compute Engine
 * autoscaler every 15 s or more; nothing decides 100 times a second.
 */
export const MIN_DECISION_INTERVAL_S = 0.01;

/** One visit to an MMPP state: 1 ms, below which a "burst" is shorter than one request's service. */
export const MIN_MMPP_HOLDING_S = 0.001;

/** Mean time to a Spot preemption: 1 minute (real Spot VMs run for hours). */
export const MIN_TIME_TO_PREEMPTION_S = 60;

/** `--timeline-step`: 1 ms. */
export const MIN_TIMELINE_STEP_S = 0.001;

/** The "allowed" text of a duration with a lower bound. */
export function atLeast(seconds: number, why: string): string {
  return `a duration of at least ${seconds >= 1 ? `${seconds}s` : `${seconds * 1000}ms`} (${why})`;
}
