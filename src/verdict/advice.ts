import type { SummaryRecord } from '../metrics/summary.js';
import type { PlatformSpec } from '../scenario/types.js';
import { backlogGrows } from './status.js';

/**
 * What to try when a platform is not ok, in words (pure). The suggestions follow from what the
 * record shows: a Cloud Run service that hit maxInstances needs a higher limit; one that turned
 * requests away below it lost them in the pending queue while instances started (minInstances,
 * a lower concurrency); cold starts in the tail call for min instances; a VM fleet needs more
 * capacity, or the autoscaler, and an unbounded backlog a bound.
 */
export function adviceFor(record: SummaryRecord, spec: PlatformSpec): string | null {
  if (record.status === 'ok') return null;
  if (spec.model === 'compute-engine') {
    const scaling = spec.autoscaling !== undefined && spec.autoscaling.mode !== 'off';
    if (record.status === 'overloaded') {
      const more = scaling
        ? `raise the autoscaler's maxSize (now ${spec.autoscaling!.maxSize}) or lower its targetCpu`
        : `add VMs (count, now ${spec.count}) or use the MIG autoscaler (autoscaling.mode "on")`;
      const bound = !Number.isFinite(spec.queueLimit) && backlogGrows(record) ? '; bound the backlog (queueLimit) so that excess is refused at once instead of waiting' : '';
      return more + bound;
    }
    return scaling ? 'lower the autoscaler\'s targetCpu for more headroom at the peak' : `add VMs (count, now ${spec.count}) or workers for headroom at the peak`;
  }
  if (record.status === 'overloaded') {
    if (record.instances_max >= spec.maxInstances) return `raise maxInstances (it reached its limit of ${spec.maxInstances})`;
    return `keep instances warm (minInstances, now ${spec.minInstances}) or lower concurrency (now ${spec.concurrency}) so that bursts do not wait out the pending queue`;
  }
  if (record.cold_start_fraction > 0.001) return `set minInstances (now ${spec.minInstances}) or the startup CPU boost: cold starts are ${Number((record.cold_start_fraction * 100).toPrecision(2))} % of requests`;
  return `lower concurrency (now ${spec.concurrency}) or give instances more vCPU (now ${spec.cpu})`;
}
