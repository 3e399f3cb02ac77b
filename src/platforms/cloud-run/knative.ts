/**
 * The Knative Pod Autoscaler (KPA) decision as a pure decider (docs/gcp-facts.md, "Knative
 * Pod Autoscaler (KPA)"; knative/serving `pkg/autoscaler/scaling/autoscaler.go`, `Scale`, and
 * the scale-to-zero gate of `pkg/reconciler/autoscaling/kpa/scaler.go`).
 *
 * Collector, decider and actuator are kept apart, as in Knative:
 * - collector: `MetricBuckets` (metric-buckets.ts) turns the platform's concurrency into 1-s
 *   buckets and window means;
 * - decider: `knativeDecide`, a pure function of the spec, the state of the previous tick and the
 *   observation (time is `observed.now`); the state Knative keeps on its autoscaler object
 *   (panic time, highest panic desire) is passed in and handed back as a value;
 * - actuator: the platform starts or stops instances to reach `desired`.
 *
 * Each tick (every `tickInterval`, 2 s) the platform does:
 *
 *     const stable = buckets.windowAverage(now, spec.stableWindow);
 *     const panic = buckets.windowAverage(now, knativePanicWindow(spec));
 *     const { decision, next } = knativeDecide(spec, state, { now, stableConcurrency: stable,
 *                                                             panicConcurrency: panic, readyPods });
 *     state = next;
 *     if (decision.state === 'scale') scale to decision.desired (start if fewer, stop idle if more);
 *     // 'no-data': leave the instance count as it is.
 *
 * Between ticks, when no instance is up and a request arrives, decide at once rather than at the
 * next tick, as Knative's `MultiScaler.Poke` does (scale 0 and a stat with concurrency > 0).
 *
 * Differences from the summary in gcp-facts.md, all taken from the Knative code:
 * - leaving panic resets the highest panic desire to 0 (`a.maxPanicPods = 0`), so a later panic
 *   starts from the counts of its own first tick; leaving needs the panic condition false on that
 *   tick and now strictly after panicTime + stable window (`panicTime.Add(sw).Before(now)`);
 * - scale to zero: the decider asks for 0 once the stable window holds no traffic (ceil(0 / 70) = 0,
 *   with 1 ready pod maxDown = floor(1 / 2) = 0). Knative's reconciler (`kpa/scaler.go`,
 *   `handleScaleToZero`) then keeps the last pod for `scale-to-zero-pod-retention-period`
 *   (default 0 s) and only as long as the activator needs to take over routing, which
 *   `scale-to-zero-grace-period` (30 s) bounds from above; the activator is taken to be in place
 *   at once, so with the defaults an idle revision goes about 60 s after its last request (not
 *   60 + 30 s). Here `noTrafficSince` is the first tick with an empty stable window and the last
 *   ready instance stays until `scaleToZeroPodRetention` after it;
 * - min/max scale are applied after the decision, as `applyBounds` in scaler.go does, so
 *   `maxPanicPods` remembers the unbounded desire.
 * The platform adds the rest: initial scale (pods at time 0, default 1), activation scale (at
 * least this many when scaling from zero, default 1), the activator holding requests up to the
 * request timeout (then 503), and scale-down that removes pods whether busy or not (Kubernetes
 * deletes the most recently started first; in-flight requests drain).
 * Not modelled: scale-down delay (default 0 s), target burst capacity, an unreachable revision (Knative sets maxDown = 0 then), and a restarted autoscaler
 * starting in panic when more than one pod is ready (here the initial state is calm).
 * Tests: test/platforms/cloud-run/knative.test.ts.
 */

import type { KnativeSettings } from '../../scenario/types.js';

/**
 * The KPA's settings (scenario/types.ts KnativeSettings: target utilisation, stable window,
 * panic window percentage and threshold, scale rates, scale-to-zero grace, tick) plus what a
 * platform supplies from its own spec.
 */
export interface KnativeSpec extends KnativeSettings {
  /** Max concurrent requests per instance; 0 = unlimited, and the target is then 100 x utilisation. */
  readonly containerConcurrency: number;
  readonly minScale: number;
  /** 0 = unbounded. */
  readonly maxScale: number;
}

/**
 * Knative's defaults: knative/serving `config/core/configmaps/autoscaler.yaml`
 * (container-concurrency-target-percentage 70, container-concurrency-target-default 100,
 * stable-window 60s, panic-window-percentage 10.0, panic-threshold-percentage 200.0,
 * max-scale-up-rate 1000.0, max-scale-down-rate 2.0, scale-to-zero-grace-period 30s,
 * min-scale 0, max-scale 0) and the 2-s tick of `pkg/autoscaler/scaling/multiscaler.go`.
 */
export const KNATIVE_DEFAULTS: KnativeSpec = Object.freeze({
  containerConcurrency: 0,
  targetUtilization: 0.7,
  stableWindow: 60,
  panicWindowPercentage: 10,
  panicThreshold: 2.0,
  maxScaleUpRate: 1000,
  maxScaleDownRate: 2.0,
  scaleToZeroGracePeriod: 30,
  minScale: 0,
  maxScale: 0,
  tickInterval: 2,
});

/** Concurrency used when containerConcurrency is 0 (`container-concurrency-target-default`). */
export const KNATIVE_DEFAULT_CONCURRENCY_TARGET = 100;

/**
 * Per-instance concurrency to aim for: max(0.01, (cc > 0 ? cc : 100) x utilisation).
 * cc 0 -> 100 x 0.7 = 70; cc 10 -> 7; cc 80 -> 56.
 */
export function knativeTarget(spec: KnativeSpec): number {
  const total = spec.containerConcurrency > 0 ? spec.containerConcurrency : KNATIVE_DEFAULT_CONCURRENCY_TARGET;
  return Math.max(0.01, total * spec.targetUtilization);
}

/** Panic window in whole seconds, at least one bucket: 60 s x 10 % = 6 s (`resources/metric.go`). */
export function knativePanicWindow(spec: KnativeSpec): number {
  return Math.max(1, Math.round((spec.stableWindow * spec.panicWindowPercentage) / 100));
}

export interface KnativeState {
  /** Last tick that was over the panic threshold while panicking; null when not panicking. */
  readonly panicTime: number | null;
  /** Highest desire since panic began (panic never shrinks); 0 when not panicking. */
  readonly maxPanicPods: number;
  /** First tick whose stable window held no traffic; null while there is traffic. */
  readonly noTrafficSince: number | null;
}

export const initialKnativeState: KnativeState = Object.freeze({
  panicTime: null,
  maxPanicPods: 0,
  noTrafficSince: null,
});

export interface KnativeObservation {
  /** The autoscaler's state after the previous decision (initialKnativeState at first). */
  readonly state: KnativeState;
  /** Mean total concurrency over the stable window; null when the collector has no data. */
  readonly stableConcurrency: number | null;
  /** Mean total concurrency over the panic window; null when the collector has no data. */
  readonly panicConcurrency: number | null;
  /** Instances ready to serve (starting and stopping ones excluded). */
  readonly readyPods: number;
}

export type KnativeDecision =
  | { readonly state: 'no-data' }
  | {
      readonly state: 'scale';
      /** Instances to have: start some if fewer are up, stop idle ones if more. */
      readonly desired: number;
      readonly panicking: boolean;
      /** The autoscaler's count before the scale-to-zero grace and min/max scale. */
      readonly recommended: number;
      /** ceil(stable / target), held within [maxDown, maxUp]. */
      readonly stablePods: number;
      /** ceil(panic / target), held within [maxDown, maxUp]. */
      readonly panicPods: number;
    };

export interface KnativeResult {
  readonly decision: KnativeDecision;
  readonly next: KnativeState;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);

/** Knative's `applyBounds`: min first, then max unless it is 0 (unbounded). */
export function applyScaleBounds(spec: KnativeSpec, x: number): number {
  if (x < spec.minScale) return spec.minScale;
  if (spec.maxScale !== 0 && x > spec.maxScale) return spec.maxScale;
  return x;
}

/**
 * One KPA decision. Worked example with the defaults (target 70): 10 ready pods, stable 700,
 * panic 1500 -> dspc = 10, dppc = ceil(1500 / 70) = 22; maxUp = 10 000, maxDown = 5;
 * 22 / 10 = 2.2 >= 2.0, so panic begins (panicTime = now) and desired = max(0, 10, 22) = 22.
 * Two seconds later, with 22 ready and panic 700: dppc = 10, 10 / 22 < 2, yet still panicking
 * (60 s have not passed), and desired stays 22 although the windows ask for 10 (11 after the
 * scale-down limit floor(22 / 2)).
 */
export function knativeDecide(spec: KnativeSpec, observed: KnativeObservation, now: number): KnativeResult {
  const { state, stableConcurrency: stable, panicConcurrency: panic, readyPods } = observed;
  if (stable === null || panic === null) return { decision: { state: 'no-data' }, next: state };

  const target = knativeTarget(spec);
  // With no pod ready, rates and the panic ratio are taken as for one: from zero, up to
  // ceil(1000 x 1) = 1000 pods in one step.
  const ready = Math.max(1, readyPods);
  const maxUp = Math.ceil(spec.maxScaleUpRate * ready);
  // 10 ready at rate 2.0 can drop to 5 in one tick; 1 ready can drop to floor(0.5) = 0.
  const maxDown = Math.floor(ready / spec.maxScaleDownRate);
  const dspc = Math.ceil(stable / target);
  const dppc = Math.ceil(panic / target);
  const stablePods = clamp(dspc, maxDown, maxUp);
  const panicPods = clamp(dppc, maxDown, maxUp);

  // Knative compares the unclamped panic count with ready pods: 4 ready, panic 560 ->
  // ceil(560 / 70) = 8, 8 / 4 = 2.0 >= 2.0 -> panic.
  const overThreshold = dppc / ready >= spec.panicThreshold;
  let { panicTime, maxPanicPods } = state;
  if (overThreshold) {
    panicTime = now;
  } else if (panicTime !== null && now > panicTime + spec.stableWindow) {
    // The surge has made its way into the 60-s stable metric: back to stable mode.
    panicTime = null;
    maxPanicPods = 0;
  }

  let recommended = stablePods;
  if (panicTime !== null) {
    // Provision for the larger of the two windows, and never scale down while panicking.
    maxPanicPods = Math.max(maxPanicPods, stablePods, panicPods);
    recommended = maxPanicPods;
  }

  const noTraffic = stable === 0 && panic === 0;
  const noTrafficSince = noTraffic ? (state.noTrafficSince ?? now) : null;
  let desired = recommended;
  // Zero is asked for only once the stable window is empty; the last ready instance then stays
  // for the pod retention period (0 s by default: scaler.go removes it once the activator routes).
  if (desired === 0 && readyPods > 0 && (noTrafficSince === null || now - noTrafficSince < (spec.scaleToZeroPodRetention ?? 0))) {
    desired = 1;
  }
  desired = applyScaleBounds(spec, desired);

  return {
    decision: { state: 'scale', desired, panicking: panicTime !== null, recommended, stablePods, panicPods },
    next: { panicTime, maxPanicPods, noTrafficSince },
  };
}
