import type { Simulation } from '../../engine/simulation.js';
import type { CloudRunRouting, CloudRunSpec } from '../../scenario/types.js';
import type { Request } from '../../workload/request.js';
import type { LifecycleObserver } from '../lifecycle.js';
import type { Instance } from './instance.js';

/**
 * What a Cloud Run scaling policy may see and do on the platform (the actuator side of
 * collector / decider / actuator): counts, the instances, and the actions that start, retire
 * and drain instances or queue requests.
 */
export interface CloudRunControl {
  readonly sim: Simulation;
  /** Instances starting or ready (not stopping). */
  active(): number;
  /** Instances ready (busy or idle). */
  ready(): number;
  starting(): number;
  /** Requests waiting in the pending queue. */
  pendingSize(): number;
  /** Every instance that exists, in creation order. */
  allInstances(): Iterable<Instance>;
  /** A new instance (cold start), or null at maxInstances. */
  startInstance(): Instance | null;
  /** `req` is held by the platform from now (its deadline runs). */
  hold(req: Request): void;
  /** Into the pending queue (held already). */
  enqueue(req: Request): void;
  /** Refused at once (not held). */
  reject(req: Request): void;
  /** An idle ready instance stops now. */
  retire(inst: Instance): void;
  /** A busy ready instance leaves the routing, finishes what it has, then stops. */
  drain(inst: Instance): void;
}

/**
 * One of Cloud Run's autoscaling policies (`autoscaler`), chosen once when the platform is
 * built: cloud-run-policy.ts (metric loop), knative-policy.ts (Knative Pod Autoscaler),
 * scale-per-request-policy.ts (SimFaaS, AWS Lambda). Each keeps its decider pure and in its own
 * file; the policy collects, calls it, and acts through CloudRunControl.
 */
export interface ScalingPolicy {
  /** Routing among ready instances (scale-per-request overrides the spec's). */
  readonly routing: CloudRunRouting;
  /** Instances at time 0. */
  readonly initialInstances: number;
  /** How long a request may wait in the pending queue. */
  readonly pendingTimeout: number;
  /** What the policy collects from the platform's lifecycle (none: nothing). */
  readonly observers: readonly LifecycleObserver[];
  /** Starts its evaluation loop, if any (after the instances of time 0 exist). */
  start(): void;
  /** `req` arrived and no ready instance has a free slot. */
  noSlot(req: Request): void;
  /** `inst` has no request in flight any more (or turned ready with none). */
  idled(inst: Instance): void;
}

export type ScalingPolicyFactory = (spec: CloudRunSpec, control: CloudRunControl, coldStartMean: number) => ScalingPolicy;
