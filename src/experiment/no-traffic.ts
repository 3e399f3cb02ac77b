import { InputError } from '../errors.js';
import { formatDuration } from '../output/format-duration.js';
import type { Scenario, TrafficSpec } from '../scenario/types.js';
import { meanRate } from '../workload/mean-rate.js';

/** Where a trace's requests fall, in simulated seconds from the start (null: no requests). */
function traceSpan(traffic: Extract<TrafficSpec, { type: 'trace' }>): [number, number] | null {
  const data = traffic.data;
  if (data.kind === 'timestamps') return data.length > 0 ? [data.at(0) * traffic.timeScale, data.at(data.length - 1) * traffic.timeScale] : null;
  return data.total > 0 ? [0, data.minutes * 60 * traffic.timeScale] : null;
}

/**
 * Why a run would receive no request at all, or null when its traffic brings some: a run
 * with nothing to serve costs only idle capacity and has no latency, so its verdict would be
 * meaningless (issue 11: exit 2 with the reason, not an empty table).
 */
export function noTrafficReason(scenario: Scenario, arrived?: number): string | null {
  const traffic = scenario.traffic;
  const expected = meanRate(traffic, 0, scenario.duration, scenario.startEpochMs) * scenario.duration;
  if (expected > 0 && (arrived === undefined || arrived > 0)) return null;
  const window = `the run's ${formatDuration(scenario.duration)} from ${scenario.start}`;
  if (traffic.type === 'trace') {
    const span = traceSpan(traffic);
    if (span === null) return `traffic: the trace ${traffic.file} holds no request`;
    return `traffic: the trace ${traffic.file} has its requests from ${formatDuration(span[0])} to ${formatDuration(span[1])} after the start, none within ${window}; set start (or leave it out to start at the trace's first date-time) or duration`;
  }
  if (expected === 0) return `traffic: its rate is 0 over ${window}: no request arrives; give traffic a rate above 0`;
  return `no request arrived in ${window} (about ${expected.toPrecision(2)} expected at its rate): lengthen duration or raise the rate`;
}

/** Throws the InputError of noTrafficReason (exit 2). */
export function checkTraffic(scenario: Scenario, where: string, arrived?: number): void {
  const reason = noTrafficReason(scenario, arrived);
  if (reason !== null) throw new InputError(`${where}: ${reason}`);
}
