import type { SummaryRecord } from '../metrics/summary.js';
import { PLATFORMS } from '../platforms/registry.js';

export { COMPONENT_WORDS } from './component-words.js';

/** The bill's lines (the ledger's components but the discount), with the record field of each. */
const LINES = [
  ['cpu', 'cost_cpu_usd'],
  ['memory', 'cost_memory_usd'],
  ['idle', 'cost_idle_usd'],
  ['requests', 'cost_requests_usd'],
  ['network', 'cost_network_usd'],
  ['fixed', 'cost_fixed_usd'],
] as const;


/**
 * What a bill is made of, largest first (pure): each line's share of the bill before discounts
 * (the gross), so shares add up to 1 and stay meaningful when a free tier or a commitment takes
 * most of it back. Lines that cost nothing are left out.
 */
export function costDrivers(record: SummaryRecord): { component: string; share: number }[] {
  const gross = LINES.reduce((sum, [, field]) => sum + Math.max(0, record[field]), 0);
  if (!(gross > 0)) return [];
  // A model whose bill puts something else on a line names it (AWS Lambda: duration on `cpu`),
  // so that "CPU is the largest line of every bill" is never said of a Lambda duration.
  const names = PLATFORMS.get(record.model)?.verdict.billLines;
  return LINES.map(([component, field]) => ({ component: names?.[component] ?? component, share: Math.max(0, record[field]) / gross }))
    .filter((d) => d.share > 0)
    .sort((a, b) => b.share - a.share);
}
