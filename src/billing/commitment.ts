/**
 * Spend-based committed use discounts as pure arithmetic (docs/gcp-facts.md, "Cloud Run:
 * pricing"; cloud.google.com/run/cud; cloud.google.com/docs/cuds-spend-based). A commitment is
 * an hourly amount C of on-demand-equivalent spend, bought at a discount d: every hour costs
 * C x (1 - d) whatever the usage; usage above C in that hour is billed on demand; an unused
 * commitment is still paid. Google's worked example (cloud.google.com/run/cud, 17 % Cloud Run
 * CUD): commit $1/h, an hour of $1.50 on-demand usage costs 1 x 0.83 + (1.50 - 1) = $1.33.
 * Tests: test/billing/commitment.test.ts.
 */
import { cloudRunCudDiscount } from '../platforms/cloud-run/presets.js';
import { computeEngineCudDiscount } from '../platforms/vm/presets.js';

/**
 * Cost of the hours `hourlyOnDemandUsd` (each hour's eligible usage at on-demand prices) under a
 * commitment of `hourlyUsd` bought at `discount` off. `fractions`: the share of each hour the
 * run covers (hourFractions, src/billing/hourly-spend.ts; 1 for every hour when absent): a part
 * of an hour pays that part of the fee and is covered up to that part of the commitment,
 * f C (1 - d) + max(0, u - f C), as the billing of a scenario with the commitment does.
 */
export function commitmentCost(hourlyOnDemandUsd: readonly number[], discount: number, hourlyUsd: number, fractions?: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (let h = 0; h < hourlyOnDemandUsd.length; h++) {
    const f = fractions?.[h] ?? 1;
    // Neumaier summation: a year of hours in cents stays exact to the last digit.
    const x = hourlyUsd * f * (1 - discount) + Math.max(0, hourlyOnDemandUsd[h]! - hourlyUsd * f);
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/**
 * The hourly commitment that minimises `commitmentCost` over these hours.
 *
 * Why a quantile: f(C) = sum_h [C (1 - d) + max(0, u_h - C)] is convex and piecewise linear in C,
 * with slope n (1 - d) - #{h : u_h > C}. Sort the hours ascending, u_(1) <= ... <= u_(n); on
 * [u_(j), u_(j+1)) the slope is n (1 - d) - (n - j) = j - n d. It is negative while j < n d and
 * non-negative from j = ceil(n d) on, so the minimum is at C = u_(ceil(n d)) (C = 0 when
 * n d = 0). In words: commit to the level your usage exceeds in a fraction (1 - d) of the hours.
 * Example: 17 % off over 100 hours commits to the 17th-lowest hour; 46 % over 100 hours to the
 * 46th. Where the slope is exactly 0 (n d an integer) every C in [u_(nd), u_(nd+1)] is optimal;
 * this returns the lowest, the smaller commitment.
 *
 * With `fractions` (parts of hours, see commitmentCost) each hour counts by its share f_h, at
 * its rate u_h / f_h: the same argument on sum_h f_h [C (1 - d) + max(0, u_h / f_h - C)] gives
 * the lowest rate whose hours, with those below it, hold a share d of the run's time. A run of
 * one part-hour commits to that part's rate: 10 minutes of $0.01 of spend, $0.06/h.
 */
export function bestHourlyCommitment(hourlyOnDemandUsd: readonly number[], discount: number, fractions?: readonly number[]): number {
  const n = hourlyOnDemandUsd.length;
  const hours = hourlyOnDemandUsd.map((u, h) => {
    const f = fractions?.[h] ?? 1;
    return { rate: f > 0 ? u / f : 0, share: f };
  });
  const total = hours.reduce((sum, h) => sum + h.share, 0);
  const needed = total * discount - 1e-9;
  if (n === 0 || needed <= 0) return 0;
  hours.sort((a, b) => a.rate - b.rate);
  let below = 0;
  for (const h of hours) {
    below += h.share;
    if (below >= needed) return h.rate;
  }
  return hours[n - 1]!.rate;
}

/**
 * The discount of a spend commitment, from models/: Cloud Run request-based billing gets Cloud
 * Run's own CUD (17 %, 1 or 3 years); Cloud Run instance-based billing and Compute Engine get
 * Compute flexible CUDs (28 % 1 year, 46 % 3 years). `billing` is null for Compute Engine. Each
 * platform's rule is its own (src/platforms/<model>/presets.ts, used by its resolver and its
 * verdict words); this names the two by model for test/billing/commitment.test.ts.
 */
export function cudDiscount(model: 'cloud-run' | 'compute-engine', billing: 'request' | 'instance' | null, term: '1y' | '3y'): number {
  return model === 'cloud-run' ? cloudRunCudDiscount(billing ?? 'instance', term) : computeEngineCudDiscount(term);
}
