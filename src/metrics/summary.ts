/**
 * One platform's result of one run. Field names are the contract shared by the terminal
 * table, JSON and CSV (DESIGN.md, "Summary record"): durations in seconds (`_s`), money in
 * USD (`_usd`). The order here is the column order of every output.
 */
export const SUMMARY_FIELDS = [
  'scenario',
  'platform',
  'model',
  'status',
  'rank',
  'seed',
  'replication',
  'duration_s',
  'requests_arrived',
  'requests_completed',
  'requests_rejected',
  'requests_timed_out',
  'requests_failed',
  'requests_unfinished',
  'instance_starts',
  'cold_start_requests',
  'cold_start_fraction',
  'latency_mean_s',
  'latency_p50_s',
  'latency_p90_s',
  'latency_p95_s',
  'latency_p99_s',
  'latency_p999_s',
  'latency_max_s',
  'queue_wait_mean_s',
  'queue_wait_p99_s',
  'backlog_growth_per_s',
  'cold_start_wait_mean_s',
  'cold_start_wait_p99_s',
  'instances_mean',
  'instances_max',
  'instances_starting_mean',
  'instances_busy_mean',
  'instances_idle_mean',
  'cpu_utilization_mean',
  'cost_total_usd',
  'cost_per_million_usd',
  'cost_per_month_usd',
  'cost_cpu_usd',
  'cost_memory_usd',
  'cost_idle_usd',
  'cost_requests_usd',
  'cost_network_usd',
  'cost_fixed_usd',
  'cost_discount_usd',
] as const;

export type SummaryField = (typeof SUMMARY_FIELDS)[number];

/**
 * How a platform fared against the scenario's objectives (src/verdict/status.ts): `ok`;
 * `overloaded`, it loses more requests than allowed or its backlog grows without bound;
 * `misses-slo`, it keeps up but misses a latency objective.
 */
export type PlatformStatus = 'ok' | 'overloaded' | 'misses-slo';

/** The fields that hold text; every other field is a number. */
export const TEXT_SUMMARY_FIELDS: ReadonlySet<SummaryField> = new Set(['scenario', 'platform', 'model', 'status']);

/** Strings for the identifying fields, numbers for the rest (NaN where undefined, e.g. no requests). */
export type SummaryRecord = {
  [K in SummaryField]: K extends 'status' ? PlatformStatus : K extends 'scenario' | 'platform' | 'model' ? string : number;
};
