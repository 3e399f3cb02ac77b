/**
 * Columns of timeline.csv: one row per platform per timeline step (1 s unless
 * `--timeline-step` coarsens it). Counts are per step; `_mean` columns are time-weighted means
 * over the step; `cost_usd` is the cost accrued in the step.
 */
export const TIMELINE_FIELDS = [
  'platform',
  't_s',
  'time',
  'arrivals',
  'completions',
  'rejections',
  'timeouts',
  'failures',
  'in_flight_mean',
  'queued_mean',
  'instances_mean',
  'instances_starting_mean',
  'instances_busy_mean',
  'instances_idle_mean',
  'cpu_utilization',
  'cost_usd',
  'cost_cumulative_usd',
] as const;

export type TimelineField = (typeof TIMELINE_FIELDS)[number];
export type TimelineRow = { [K in TimelineField]: K extends 'platform' | 'time' ? string : number };
