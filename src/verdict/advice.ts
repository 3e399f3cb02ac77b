import type { SummaryRecord } from '../metrics/summary.js';
import { PLATFORMS } from '../platforms/registry.js';
import type { PlatformSpec } from '../scenario/types.js';
import { backlogGrows } from './status.js';

/**
 * What to try when a platform is not ok, in words (pure). The suggestions follow from what the
 * record shows: a Cloud Run service that hit maxInstances needs a higher limit; one that turned
 * requests away below it lost them in the pending queue while instances started (minInstances,
 * a lower concurrency); cold starts in the tail call for min instances; a VM fleet needs more
 * capacity, or the autoscaler, and an unbounded backlog a bound. `measuredS`: the seconds after
 * warm-up, which the record's counts cover (status.ts backlogGrows).
 */
export function adviceFor(record: SummaryRecord, spec: PlatformSpec, measuredS: number): string | null {
  if (record.status === 'ok') return null;
  return PLATFORMS.of(spec).verdict.advice(record, spec, backlogGrows(record, measuredS));
}
