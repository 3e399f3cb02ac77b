import { ExactSum } from '../numeric/exact-sum.js';
import { TimeWeighted } from '../numeric/time-weighted.js';

/** The lines of a bill. `discount` is negative or zero. */
export const COST_COMPONENTS = ['cpu', 'memory', 'idle', 'requests', 'network', 'fixed', 'discount'] as const;
export type CostComponent = (typeof COST_COMPONENTS)[number];

/** A line's rate, held by a bill that changes it per simulated request. */
export interface RateLine {
  set(now: number, usdPerSecond: number): void;
}

/** A line's one-off charges, held by a bill that charges it per simulated request. */
export interface ChargeLine {
  charge(usd: number): void;
}

/** A line's one-off charges: their exact sum; a zero charge adds nothing. */
class Lump implements ChargeLine {
  readonly sum = new ExactSum();
  charge(usd: number): void {
    if (usd !== 0) this.sum.add(usd);
  }
}

/**
 * One platform's bill as it accrues over simulated time. Continuous charges are rates in USD
 * per second (set when the number of billable instances changes, so the integral is exact
 * between events); discrete ones (request fees, 100-ms rounding, one-minute minimums, egress)
 * are lumps at an instant. Reading the total at any two instants gives the cost of the
 * interval between them, which is how the per-second timeline is cut.
 *
 * A third kind, accruals, are closed forms of time that the billing rules own (sustained-use
 * discounts stepping down at quarter-month marks, free tiers used up as spending grows): the
 * ledger adds their value at the instant it is read, so they need no simulation events.
 */
export class Ledger {
  // Records with one property per component, not Maps: setRate and charge run several times
  // per simulated request, and a constant property name is an inline-cached load where a Map
  // hashed the string each time.
  private readonly rates = {} as Record<CostComponent, TimeWeighted>;
  private readonly lumps = {} as Record<CostComponent, Lump>;
  private readonly accruals = new Map<CostComponent, ((now: number) => number)[]>();

  constructor() {
    for (const c of COST_COMPONENTS) {
      this.rates[c] = new TimeWeighted();
      this.lumps[c] = new Lump();
    }
  }

  /** Sets the USD-per-second rate of a component from now on. */
  setRate(component: CostComponent, now: number, usdPerSecond: number): void {
    this.rates[component].set(now, usdPerSecond);
  }

  /**
   * The rate of a component as a handle: `ledger.setRate(c, ...)` looks the line up by a name
   * that differs between call sites (a megamorphic keyed load, about 2 % of a Cloud Run run's
   * profile); a bill that sets a rate per request keeps the handle instead. Same effect.
   */
  rateLine(component: CostComponent): RateLine {
    return this.rates[component];
  }

  /** The one-off charges of a component as a handle (see rateLine); same effect as charge(). */
  chargeLine(component: CostComponent): ChargeLine {
    return this.lumps[component];
  }

  /** Adds a one-off charge (negative for a discount). */
  charge(component: CostComponent, usd: number): void {
    this.lumps[component].charge(usd);
  }

  /**
   * Adds a closed-form accrual: `accrued(now)` is the USD it has added to the component from 0
   * to now (negative for a discount). Read at non-decreasing times, like the rest.
   */
  addAccrual(component: CostComponent, accrued: (now: number) => number): void {
    const list = this.accruals.get(component) ?? [];
    list.push(accrued);
    this.accruals.set(component, list);
  }

  /** Cost of a component accrued from 0 to now. */
  component(component: CostComponent, now: number): number {
    const base = this.rates[component].integral(now) + this.lumps[component].sum.value;
    const accruals = this.accruals.get(component);
    if (accruals === undefined) return base;
    const sum = new ExactSum();
    sum.add(base);
    for (const accrued of accruals) sum.add(accrued(now));
    return sum.value;
  }

  /** Every component's cost from 0 to now, in COST_COMPONENTS order. */
  breakdown(now: number): Record<CostComponent, number> {
    const out = {} as Record<CostComponent, number>;
    for (const c of COST_COMPONENTS) out[c] = this.component(c, now);
    return out;
  }

  total(now: number): number {
    const sum = new ExactSum();
    for (const c of COST_COMPONENTS) sum.add(this.component(c, now));
    return sum.value;
  }
}
