import { ExactSum } from '../numeric/exact-sum.js';
import type { BillingCalendar, Month } from './calendar.js';

/** VMs booted at the same instant and running since: they share one usage curve. */
interface Cohort {
  readonly boot: number;
  count: number;
  /** The month `past` has been closed up to (the month holding the last reading). */
  month: Month;
  /** Discount of one VM of the cohort over the months before `month`. */
  readonly past: ExactSum;
}

/**
 * Compute Engine sustained-use discounts (docs/gcp-facts.md; cloud.google.com/compute/
 * docs/sustained-use-discounts). Per VM and per calendar month of the simulated timeline, the
 * VM's running seconds u in the month are charged in quarters of the month's length M: the
 * first M/4 at `multipliers[0]` of the on-demand price, the next M/4 at `multipliers[1]`, and so
 * on (N1 1, 0.8, 0.6, 0.4; N2 1, 0.8678, 0.733, 0.6). The discount is what those quarters take
 * off: rate x sum_k (1 - m_k) x clamp(u - k M/4, 0, M/4), so a VM running the whole month gets
 * 1 - mean(m) off (N1 30 %, N2 19.98 %) whatever the month's length, and a month's
 * discount starts only after a quarter of *that* month (January: 186 h; a 30-day month: 180 h).
 * The catalog's "full-month SUD" figures are that fraction of 730 h (n1-standard-1
 * 730 x 0.0474998 x 0.7 = $24.27).
 *
 * A VM is tracked from boot to stop as one continuous run (the fleet's VMs run from boot to the
 * end). `discount(now)` is positive USD off, read by the ledger's `discount` line; it steps at
 * quarter marks without any simulation event. Simplification: Google pools vCPU and memory of
 * all VMs of a family in a region into "inferred instances"; for a fleet of identical VMs
 * running side by side that is the same as per VM.
 */
export class SustainedUse {
  private readonly booked = new ExactSum();
  private readonly cohorts = new Map<number, Cohort>();
  /** Seconds each stopped VM ran, boot to stop (for monthlyDiscount). */
  private readonly stoppedRuns: number[] = [];

  constructor(
    private readonly calendar: BillingCalendar,
    private readonly multipliers: readonly number[],
    /** On-demand USD per second of one VM. */
    private readonly rate: number,
  ) {
    if (multipliers.length !== 4) throw new Error('sustained use: four quarter multipliers expected');
  }

  started(now: number): void {
    let cohort = this.cohorts.get(now);
    if (cohort === undefined) {
      cohort = { boot: now, count: 0, month: this.calendar.month(now), past: new ExactSum() };
      this.cohorts.set(now, cohort);
    }
    cohort.count++;
  }

  stopped(now: number, bootedAt: number): void {
    const cohort = this.cohorts.get(bootedAt);
    if (cohort === undefined) return;
    this.booked.add(this.perVm(cohort, now));
    this.stoppedRuns.push(now - bootedAt);
    if (--cohort.count === 0) this.cohorts.delete(bootedAt);
  }

  /** USD taken off from 0 to now (>= 0). */
  discount(now: number): number {
    const sum = new ExactSum();
    sum.add(this.booked.value);
    for (const cohort of this.cohorts.values()) sum.add(cohort.count * this.perVm(cohort, now));
    return sum.value;
  }

  /**
   * The discount one month of `monthSeconds` would give at the usage of the run from 0 to now:
   * each VM running the same share of the month as it ran of the run. A run shorter than a
   * quarter of its calendar month earns no discount itself, where a month of it would: this is
   * what the run's cost per month takes instead (ComputeEngineBilling.perMonthCorrection).
   * Example (N1, multipliers 1, 0.8, 0.6, 0.4): a VM running throughout gets 30 % of a month
   * off; one running half the run, 0.2 x a quarter month = 5 % of a month's on-demand price.
   */
  monthlyDiscount(now: number, monthSeconds: number): number {
    if (!(now > 0)) return 0;
    const sum = new ExactSum();
    for (const ran of this.stoppedRuns) sum.add(this.off((ran / now) * monthSeconds, monthSeconds));
    for (const cohort of this.cohorts.values()) sum.add(cohort.count * this.off(((now - cohort.boot) / now) * monthSeconds, monthSeconds));
    return sum.value;
  }

  /** Discount of one VM of the cohort from its boot to now. */
  private perVm(cohort: Cohort, now: number): number {
    while (now >= cohort.month.end) {
      const m = cohort.month;
      cohort.past.add(this.off(m.end - Math.max(cohort.boot, m.start), m.seconds));
      cohort.month = this.calendar.next(m);
    }
    const m = cohort.month;
    return cohort.past.value + this.off(now - Math.max(cohort.boot, m.start), m.seconds);
  }

  /** Discount of `used` seconds of running in a month of `monthSeconds`. */
  private off(used: number, monthSeconds: number): number {
    const quarter = monthSeconds / 4;
    let usd = 0;
    for (let k = 0; k < 4; k++) {
      const inQuarter = Math.min(Math.max(used - k * quarter, 0), quarter);
      if (inQuarter > 0) usd += (1 - this.multipliers[k]!) * inQuarter * this.rate;
    }
    return usd;
  }
}
