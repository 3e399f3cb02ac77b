import type { Ledger } from '../billing/ledger.js';
import type { Simulation } from '../engine/simulation.js';
import type { GaugeReading, PlatformStats, RequestCounts } from './platform-stats.js';
import { RowBatchWriter, type RowBatch } from './row-batch.js';

/**
 * Cuts one platform's run into timeline rows every `step` seconds: counts of what happened in
 * the step and time-weighted means over it, from differences of running totals, so the
 * platform does no work per step. Rows are handed to `emit` as they close, a batch of numbers
 * at a time (row-batch.ts: no object or date text per row here; unpackRows makes the rows),
 * streamed, not kept. The caller calls `finish()` once at the end, after closing the bill, so
 * the rows' costs add up to the summary's total (test/cli/cli.test.ts).
 */
export function sampleTimeline(
  sim: Simulation,
  platform: string,
  stats: PlatformStats,
  ledger: Ledger,
  step: number,
  end: number,
  startEpochMs: number,
  emit: (batch: RowBatch) => void,
): { finish(): void } {
  const out = new RowBatchWriter(platform, startEpochMs, emit);
  let prevGauges: GaugeReading = stats.read(0);
  let prevCounts = snapshot(stats.all);
  let prevCost = 0;
  const tick = (): void => {
    const now = sim.now;
    const gauges = stats.read(now);
    const counts = snapshot(stats.all);
    // Clamped at zero like the summary's total (issue 9): a bill the free tier covers can read
    // -2e-18 in floating point. A step's cost keeps its sign (a Spot VM preempted in its first
    // minute is refunded) except for such residue, below a nano-dollar.
    const cost = Math.max(0, ledger.total(now));
    const stepCost = cost - prevCost;
    const dt = now - prevGauges.t;
    const mean = (key: keyof GaugeReading) => (gauges[key] - prevGauges[key]) / dt;
    const capacity = gauges.cpuCapacity - prevGauges.cpuCapacity;
    out.row(
      prevGauges.t,
      counts.arrived - prevCounts.arrived,
      counts.completed - prevCounts.completed,
      counts.rejected - prevCounts.rejected,
      counts.timedOut - prevCounts.timedOut,
      counts.failed - prevCounts.failed,
      mean('inFlight'),
      mean('queued'),
      mean('starting') + mean('busy') + mean('idle'),
      mean('starting'),
      mean('busy'),
      mean('idle'),
      capacity > 0 ? (gauges.cpuBusy - prevGauges.cpuBusy) / capacity : 0,
      stepCost < 0 && stepCost > -1e-9 ? 0 : stepCost,
      cost,
    );
    prevGauges = gauges;
    prevCounts = counts;
    prevCost = cost;
    // The row that ends at `end` is cut by finish(), after the platform has closed its bill.
    if (now + step < end) sim.at(now + step, tick);
  };
  if (step < end) sim.at(step, tick);
  return {
    finish: () => {
      if (sim.now > prevGauges.t) tick();
      out.flush();
    },
  };
}

function snapshot(c: RequestCounts): RequestCounts {
  return { ...c };
}
