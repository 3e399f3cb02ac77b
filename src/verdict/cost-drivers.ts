import type { SummaryRecord } from '../metrics/summary.js';

/** The bill's lines (the ledger's components but the discount), with the record field of each. */
const LINES = [
  ['cpu', 'cost_cpu_usd'],
  ['memory', 'cost_memory_usd'],
  ['idle', 'cost_idle_usd'],
  ['requests', 'cost_requests_usd'],
  ['network', 'cost_network_usd'],
  ['fixed', 'cost_fixed_usd'],
] as const;

/** How each component reads in a sentence. */
export const COMPONENT_WORDS: Readonly<Record<string, string>> = {
  cpu: 'CPU',
  memory: 'memory',
  idle: 'idle min instances',
  requests: 'request fees',
  network: 'egress',
  fixed: 'fixed costs (disk, IP, load balancer)',
  duration: 'duration (GB-s)',
  'ephemeral-storage': 'ephemeral storage',
  'provisioned-concurrency': 'provisioned concurrency',
};

/**
 * Lines that hold something else on one model's bill, by the name the verdict gives them there:
 * an AWS Lambda bill (src/platforms/lambda/billing.ts) has its duration (GB-s) on `cpu`,
 * ephemeral storage on `memory` and provisioned concurrency on `idle`. Named apart, so that
 * "CPU is the largest line of every bill" is never said of a Lambda duration.
 */
const MODEL_LINES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  lambda: { cpu: 'duration', memory: 'ephemeral-storage', idle: 'provisioned-concurrency' },
};

/**
 * What a bill is made of, largest first (pure): each line's share of the bill before discounts
 * (the gross), so shares add up to 1 and stay meaningful when a free tier or a commitment takes
 * most of it back. Lines that cost nothing are left out.
 */
export function costDrivers(record: SummaryRecord): { component: string; share: number }[] {
  const gross = LINES.reduce((sum, [, field]) => sum + Math.max(0, record[field]), 0);
  if (!(gross > 0)) return [];
  const names = MODEL_LINES[record.model];
  return LINES.map(([component, field]) => ({ component: names?.[component] ?? component, share: Math.max(0, record[field]) / gross }))
    .filter((d) => d.share > 0)
    .sort((a, b) => b.share - a.share);
}
