import { InputError } from '../errors.js';
import type { SummaryRecord } from '../metrics/summary.js';
import type { LatencyObjective, ScenarioSlo } from '../scenario/types.js';
import { formatLatencyText } from '../verdict/words.js';

/** What an objective bounds: a latency field of the summary, or the share of requests not served. */
export type SloMetric = 'latency_mean_s' | 'latency_p50_s' | 'latency_p90_s' | 'latency_p95_s' | 'latency_p99_s' | 'latency_p999_s' | 'reject_fraction';

/** A service-level objective: `metric < limit` (or `<=`), limit in seconds or as a fraction. */
export interface Slo {
  readonly text: string;
  /** Short name for tables: p99, mean, reject. */
  readonly label: string;
  readonly metric: SloMetric;
  readonly limit: number;
  readonly inclusive: boolean;
  readonly kind: 'latency' | 'reject';
}

const LATENCY: Record<string, SloMetric> = {
  mean: 'latency_mean_s',
  p50: 'latency_p50_s',
  p90: 'latency_p90_s',
  p95: 'latency_p95_s',
  p99: 'latency_p99_s',
  p999: 'latency_p999_s',
  'p99.9': 'latency_p999_s',
};

const ALLOWED = 'e.g. p99<300ms, p95<=0.5s, mean<100ms, reject<0.1% (latency: mean, p50, p90, p95, p99, p999 with ms or s; reject with % or as a fraction)';

/**
 * Parses `--slo`: `p99<300ms`, `p95<=1.5s`, `mean<100ms`, `reject<0.1%` (or `reject<0.001`).
 * `reject` is the share of requests not served, (rejected + timed out + failed + unfinished) /
 * arrived, over the requests after warm-up.
 */
export function parseSlo(text: string): Slo {
  const match = /^\s*([a-z0-9.]+)\s*(<=|<)\s*(\d+(?:\.\d*)?|\.\d+)(?:e([-+]?\d+))?\s*(ms|s|%)?\s*$/i.exec(text);
  if (match === null) throw new InputError(`--slo: ${JSON.stringify(text)} is not allowed: ${ALLOWED}`);
  const [, rawName, op, digits, exponent, rawUnit] = match;
  const name = rawName!.toLowerCase();
  const unit = rawUnit?.toLowerCase();
  const value = Number(`${digits!}${exponent !== undefined ? `e${exponent}` : ''}`);
  const inclusive = op === '<=';
  if (name === 'reject') {
    if (unit === 'ms' || unit === 's') throw new InputError(`--slo: ${JSON.stringify(text)} is not allowed: reject takes a percentage or a fraction, ${ALLOWED}`);
    const limit = unit === '%' ? value / 100 : value;
    if (!(limit <= 1)) throw new InputError(`--slo: ${JSON.stringify(text)} is not allowed: a share of requests from 0 to 100 %`);
    return { text, label: 'reject', metric: 'reject_fraction', limit, inclusive, kind: 'reject' };
  }
  const metric = LATENCY[name];
  if (metric === undefined) throw new InputError(`--slo: ${JSON.stringify(text)} is not allowed: ${ALLOWED}`);
  if (unit !== 'ms' && unit !== 's') throw new InputError(`--slo: ${JSON.stringify(text)} is not allowed: a latency needs a unit, ms or s (${ALLOWED})`);
  return { text, label: name === 'p99.9' ? 'p999' : name, metric, limit: unit === 'ms' ? value / 1000 : value, inclusive, kind: 'latency' };
}

/**
 * The value an objective bounds, for one run of one platform. Requests still in flight or
 * waiting at the end count as not served: under a backlog that grows without bound they are
 * most of what was lost (issue 9), and in a healthy run they are a handful.
 */
export function sloValue(metric: SloMetric, record: SummaryRecord): number {
  if (metric !== 'reject_fraction') return record[metric];
  const lost = record.requests_rejected + record.requests_timed_out + record.requests_failed + (record.requests_unfinished ?? 0);
  return record.requests_arrived > 0 ? lost / record.requests_arrived : NaN;
}

/** The `slo` of a scenario that has none (DESIGN.md): served >= 99.9 %, no latency bound. */
export const DEFAULT_SCENARIO_SLO: ScenarioSlo = { served: 0.999, latency: {} };

const LATENCY_ORDER: readonly LatencyObjective[] = ['mean', 'p50', 'p90', 'p95', 'p99', 'p999'];

/**
 * A scenario's `slo` block as the objectives `--slo` takes, written out and read by parseSlo
 * so that both mean exactly the same thing: `served: 0.999` is `reject<=0.001` (at most 0.1 %
 * not served), `latencyP99: 0.5` is `p99<=0.5s`. Bounds in a scenario are inclusive.
 */
export function scenarioObjectives(slo: ScenarioSlo = DEFAULT_SCENARIO_SLO): Slo[] {
  return scenarioSloFlags(slo).map(({ flag, text }) => ({ ...parseSlo(flag), text }));
}

/**
 * Each objective of a scenario's `slo` block as the `--slo` flag of `sim optimize` and
 * `sim sweep` that means it (`reject<=0.001`, `p99<=0.5s`), and as the verdict words it
 * ("served >= 99.9 %", "p99 <= 500 ms").
 */
export function scenarioSloFlags(slo: ScenarioSlo = DEFAULT_SCENARIO_SLO): { readonly flag: string; readonly text: string }[] {
  // 1 - 0.999 is 0.0010000000000000009 in floating point: round to 12 significant digits.
  const lost = Number((1 - slo.served).toPrecision(12));
  const flags = [{ flag: `reject<=${lost}`, text: `served >= ${Number((slo.served * 100).toPrecision(12))} %` }];
  for (const name of LATENCY_ORDER) {
    const limit = slo.latency[name];
    if (limit !== undefined) flags.push({ flag: `${name}<=${limit}s`, text: `${name} <= ${formatLatencyText(limit)}` });
  }
  return flags;
}

/** Whether a value meets the objective (an undefined value does not). */
export function meets(slo: Slo, value: number): boolean {
  return slo.inclusive ? value <= slo.limit : value < slo.limit;
}
