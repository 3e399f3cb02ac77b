import { PLATFORMS } from '../platforms/registry.js';
import type { PlatformStatus } from '../metrics/summary.js';
import type { PlatformSpec } from '../scenario/types.js';
import { joinAnd } from '../sensitivity/kind-words.js';

/** A simulation the verdict judged: a platform's own run, or a simulated alternative of it. */
export interface Judged {
  readonly spec: PlatformSpec;
  readonly status: PlatformStatus;
}

/**
 * A warning when a run with no warm-up judged a platform that scales up from time 0 as not ok
 * (pure). Every simulation starts empty: Cloud Run and Lambda with nothing warm beyond their
 * minimum, a MIG autoscaler at its initial size. Without a warm-up, the requests lost or delayed
 * while they scale up count in the status, which a service already running does not go
 * through: on 30 minutes of 100 req/s from one e2-medium, the MIG autoscaler up to 16 VMs was
 * judged overloaded by its first minutes, and up to 4 keeps up after a 10-minute warm-up.
 * Whether the start is what failed the record cannot be told from it, so the warning says what
 * starts cold and how to judge the steady state. Null with a warm-up, or when every platform
 * that starts cold is ok.
 */
export function coldStartWarning(warmupS: number, judged: readonly Judged[]): string | null {
  if (warmupS > 0) return null;
  const starts = [...new Set(judged.filter((j) => j.status !== 'ok').flatMap((j) => PLATFORMS.of(j.spec).verdict.startsCold(j.spec) ?? []))];
  if (starts.length === 0) return null;
  return `the run has no warm-up, so requests lost or slowed while a platform scales up from time 0 count in its status (${joinAnd(starts)}); a service already running has scaled up already: set warmup (10m, say) to judge its steady state`;
}
