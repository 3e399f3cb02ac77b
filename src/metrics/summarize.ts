import type { Ledger } from '../billing/ledger.js';
import { scenarioObjectives, type Slo } from '../experiment/slo.js';
import type { PlatformSpec } from '../scenario/types.js';
import { costPerMonth } from '../verdict/cost-per-month.js';
import { platformStatus } from '../verdict/status.js';
import type { Histogram } from './histogram.js';
import type { PlatformStats } from './platform-stats.js';
import type { SummaryRecord } from './summary.js';

export interface SummaryContext {
  readonly scenario: string;
  readonly seed: number;
  readonly replication: number;
  /** End of the run, simulated seconds. */
  readonly end: number;
  /** The objectives the status is judged by; default: served >= 99.9 % (src/experiment/slo.ts scenarioObjectives). */
  readonly objectives?: readonly Slo[];
  /** Slope of the backlog over the second half of the run, requests per second (backlog-trend.ts); default NaN, not watched. */
  readonly backlogGrowth?: number;
  /** USD added to the cost scaled to a month (PlatformModel.perMonthCorrection); default 0. */
  readonly perMonthCorrection?: number;
}

/**
 * The summary record of one platform. Request counts, latencies and state means cover
 * requests and time after warm-up; costs cover the whole run, and cost per million divides
 * by every request that arrived in it. `rank` is NaN here: it compares platforms, and
 * src/verdict/rank.ts fills it in once all of a run's platforms are summarised.
 *
 * The total is clamped at zero (issue 9): the free tier gives back at most what was spent, but
 * in floating point a fully covered bill can come out at -2e-18.
 *
 * `latency` is the histogram the latency fields come from: the platform's own by default,
 * another front end's measured from the same responses for a variant (simulatePlatform).
 */
export function summarize(ctx: SummaryContext, spec: PlatformSpec, stats: PlatformStats, ledger: Ledger, latency: Histogram = stats.latency): SummaryRecord {
  const m = stats.measured;
  const g = stats.sinceWarmup(ctx.end);
  const span = g.t;
  const mean = (integral: number) => (span > 0 ? integral / span : NaN);
  const cost = ledger.breakdown(ctx.end);
  const total = Math.max(0, ledger.total(ctx.end));
  const record: SummaryRecord = {
    scenario: ctx.scenario,
    platform: spec.name,
    model: spec.model,
    status: 'ok',
    rank: NaN,
    seed: ctx.seed,
    replication: ctx.replication,
    duration_s: ctx.end,
    requests_arrived: m.arrived,
    requests_completed: m.completed,
    requests_rejected: m.rejected,
    requests_timed_out: m.timedOut,
    requests_failed: m.failed,
    requests_unfinished: m.unfinished,
    instance_starts: m.instanceStarts,
    cold_start_requests: m.coldStartRequests,
    cold_start_fraction: m.arrived > 0 ? m.coldStartRequests / m.arrived : NaN,
    latency_mean_s: latency.mean,
    latency_p50_s: latency.quantile(0.5),
    latency_p90_s: latency.quantile(0.9),
    latency_p95_s: latency.quantile(0.95),
    latency_p99_s: latency.quantile(0.99),
    latency_p999_s: latency.quantile(0.999),
    latency_max_s: latency.max,
    queue_wait_mean_s: stats.queueWait.mean,
    queue_wait_p99_s: stats.queueWait.quantile(0.99),
    backlog_growth_per_s: ctx.backlogGrowth ?? NaN,
    cold_start_wait_mean_s: stats.coldStartWait.mean,
    cold_start_wait_p99_s: stats.coldStartWait.quantile(0.99),
    instances_mean: mean(g.starting + g.busy + g.idle),
    instances_max: stats.instancesMax,
    instances_starting_mean: mean(g.starting),
    instances_busy_mean: mean(g.busy),
    instances_idle_mean: mean(g.idle),
    cpu_utilization_mean: g.cpuCapacity > 0 ? g.cpuBusy / g.cpuCapacity : NaN,
    cost_total_usd: total,
    cost_per_million_usd: stats.all.arrived > 0 ? (total / stats.all.arrived) * 1e6 : NaN,
    cost_per_month_usd: costPerMonth(total, ctx.end) + (ctx.perMonthCorrection ?? 0),
    cost_cpu_usd: cost.cpu,
    cost_memory_usd: cost.memory,
    cost_idle_usd: cost.idle,
    cost_requests_usd: cost.requests,
    cost_network_usd: cost.network,
    cost_fixed_usd: cost.fixed,
    cost_discount_usd: cost.discount,
  };
  return { ...record, status: platformStatus(record, ctx.objectives ?? scenarioObjectives(), span).status };
}
