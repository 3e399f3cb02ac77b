/**
 * One platform's result of one run. Field names are the contract shared by the terminal
 * table, JSON and CSV (DESIGN.md, "Summary record"): durations in seconds (`_s`), money in
 * USD (`_usd`). The order here is the column order of every output.
 */
export const SUMMARY_FIELDS = [
  'scenario',
  'platform',
  'model',
  'seed',
  'replication',
  'duration_s',
  'requests_arrived',
  'requests_completed',
  'requests_rejected',
  'requests_timed_out',
  'requests_failed',
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
  'cost_cpu_usd',
  'cost_memory_usd',
  'cost_idle_usd',
  'cost_requests_usd',
  'cost_network_usd',
  'cost_fixed_usd',
  'cost_discount_usd',
] as const;

export type SummaryField = (typeof SUMMARY_FIELDS)[number];

/** Strings for the identifying fields, numbers for the rest (NaN where undefined, e.g. no requests). */
export type SummaryRecord = {
  [K in SummaryField]: K extends 'scenario' | 'platform' | 'model' ? string : number;
};
