import type { ComputeEngineSpec } from '../scenario/types.js';
import type { Ledger } from './ledger.js';
import { GIB } from './rounding.js';

/** A VM that runs less than this is billed for this long. */
const MINIMUM_S = 60;

/**
 * Compute Engine's rules (reference/gcp-facts.md): billed per second while RUNNING, busy or
 * not, with a one-minute minimum, at the machine type's on-demand price split into its vCPU
 * and memory lines. One e2-medium for 730 h: 730 x 0.0335057 = $24.46
 * (test/validation/billing.test.ts).
 */
export class ComputeEngineBilling {
  private running = 0;
  private readonly cpuRate: number;
  private readonly memoryRate: number;

  constructor(
    private readonly ledger: Ledger,
    private readonly spec: ComputeEngineSpec,
  ) {
    this.cpuRate = spec.prices.cpuHour / 3600;
    this.memoryRate = spec.prices.memoryHour / 3600;
  }

  vmStarted(now: number): void {
    this.running++;
    this.setRates(now);
  }

  /**
   * A VM created at `bootedAt` stops at `now`. `preempted`: a Spot preemption, and a Spot VM
   * preempted within its first minute is not charged at all (reference/gcp-facts.md): what
   * accrued since `bootedAt` is taken back and no minimum is added (test/platforms/vm/spot.test.ts).
   */
  vmStopped(now: number, bootedAt: number, preempted = false): void {
    this.running--;
    this.setRates(now);
    if (preempted && now - bootedAt < MINIMUM_S) {
      this.ledger.charge('cpu', -(now - bootedAt) * this.cpuRate);
      this.ledger.charge('memory', -(now - bootedAt) * this.memoryRate);
      return;
    }
    const short = MINIMUM_S - (now - bootedAt);
    if (short > 0) {
      this.ledger.charge('cpu', short * this.cpuRate);
      this.ledger.charge('memory', short * this.memoryRate);
    }
  }

  egress(bytes: number): void {
    if (bytes > 0) this.ledger.charge('network', (bytes / GIB) * this.spec.prices.egressPerGiB);
  }

  private setRates(now: number): void {
    this.ledger.setRate('cpu', now, this.running * this.cpuRate);
    this.ledger.setRate('memory', now, this.running * this.memoryRate);
  }
}
