/**
 * Where a function of one parameter changes sign over [low, high], found with few evaluations
 * of it, each of which is a simulation (src/experiment/breakeven.ts): the difference of two
 * platforms' costs as the traffic, or another parameter, varies.
 *
 * Bisection halves the bracket per evaluation and starts from both ends. Two things make this
 * search cheaper on what it is given, without changing what it finds (a bracket narrower than
 * `tolerance` x its midpoint, with opposite signs at its ends):
 *
 * 1. **An inner point before the high end.** The low end and a point inside (the geometric mean
 *    when the range spans a factor of 4 or more, as a traffic range [r / 10, 10 r] does, else the
 *    midpoint) are evaluated first; the high end only when they agree in sign. A simulation's
 *    cost grows with the traffic, and the high end of [r / 10, 10 r] is ten runs' worth of
 *    requests: a crossing below r never pays it.
 * 2. **Brent's method inside the bracket** (R. P. Brent, Algorithms for Minimization without
 *    Derivatives, 1973, ch. 4; the `zeroin` of Netlib). A difference of costs is smooth over
 *    most of a range, so interpolation (inverse quadratic through three points, or the chord
 *    through two) lands near the crossing in a step or two; its steps are never shorter than
 *    0.45 target widths, so the bracket closes around a good estimate at once; and where
 *    interpolation does not shrink the bracket fast enough (a step in the difference, when an
 *    instance starts) it bisects, so it is never much slower than bisection.
 *    test/experiment/crossing-search.test.ts counts the evaluations.
 *
 * A budget (an estimated cost per value, and a limit on their sum) stops the search before an
 * evaluation it cannot afford, with what it has found: the verdict of `sim run` spends at most
 * a few seconds on it.
 */

export interface CrossingOptions {
  readonly low: number;
  readonly high: number;
  /** The bracket is narrow enough below this fraction of its midpoint (integers: one apart). */
  readonly tolerance: number;
  /** Only integer values are evaluated. */
  readonly integer: boolean;
  /** Evaluations inside the bracket at most (a safety net: the tolerance ends the search first). */
  readonly maxSteps: number;
  /** Estimated cost of evaluating at a value; the search stops before one that would take the sum past `limit`. */
  readonly budget?: { readonly cost: (value: number) => number; readonly limit: number };
}

export type CrossingOutcome<E> =
  /** `below.value <= above.value`; their differences have opposite signs (or one is zero, `below === above`). */
  | { readonly state: 'crossing'; readonly below: E; readonly above: E }
  /** No sign change at the values evaluated, the two ends among them. */
  | { readonly state: 'no-crossing'; readonly low: E; readonly high: E }
  /**
   * The budget ran out first. `evaluated`: every value evaluated, in increasing order (none when
   * the first evaluations did not fit); `bracket`: the narrowest sign change found, if any.
   */
  | { readonly state: 'stopped'; readonly evaluated: readonly E[]; readonly bracket: { readonly below: E; readonly above: E } | null };

/** What the search needs of an evaluation (the caller keeps anything else in it; `difference` reads its sign). */
export interface Evaluated {
  readonly value: number;
}

/** Brent's shortest step, in target widths (tolerance x the estimate). */
const MARGIN = 0.45;

/**
 * The point evaluated with the low end before the high end: the geometric mean of a positive
 * range spanning a factor of 4 or more (20 for [2, 200]), else the midpoint; three significant
 * digits, so the commands and tables show 20 and 4.47, not 4.47213595499958. Null when there
 * is no value strictly inside (integers one apart) or the ends are already narrow enough.
 */
export function innerPoint(low: number, high: number, tolerance: number, integer: boolean): number | null {
  if (narrowEnough(low, high, tolerance, integer)) return null;
  const x = low > 0 && high >= 4 * low ? Math.sqrt(low * high) : (low + high) / 2;
  return strictlyInside(integer ? Math.round(x) : Number(x.toPrecision(3)), x, low, high, integer);
}

/** Whether [a, b] is narrow enough: one apart for integers, else within `tolerance` of its midpoint. */
export function narrowEnough(a: number, b: number, tolerance: number, integer: boolean): boolean {
  const width = Math.abs(b - a);
  if (integer) return width <= 1;
  return width <= tolerance * Math.abs((a + b) / 2);
}

/** `rounded` when strictly inside (a, b), else `exact` when it is, else null. */
function strictlyInside(rounded: number, exact: number, a: number, b: number, integer: boolean): number | null {
  if (rounded > a && rounded < b) return rounded;
  if (!integer && exact > a && exact < b) return exact;
  return null;
}

/**
 * The search. `evaluate` simulates the values given (one batch, which the caller may run side
 * by side) and returns one evaluation per value, in order; `difference` reads the sign that is
 * searched for from one.
 */
export async function searchCrossing<E extends Evaluated>(
  options: CrossingOptions,
  evaluate: (values: readonly number[]) => Promise<readonly E[]>,
  difference: (e: E) => number,
): Promise<CrossingOutcome<E>> {
  const { low, high, tolerance, integer, budget } = options;
  const evaluated: E[] = [];
  let spent = 0;
  const stopped = (bracket: { below: E; above: E } | null): CrossingOutcome<E> => ({
    state: 'stopped',
    evaluated: [...evaluated].sort((x, y) => x.value - y.value),
    bracket,
  });
  /** Evaluates the values, or returns null when the budget cannot pay for them all. */
  const run = async (values: readonly number[]): Promise<readonly E[] | null> => {
    if (budget !== undefined) {
      const cost = values.reduce((sum, v) => sum + budget.cost(v), 0);
      if (spent + cost > budget.limit) return null;
      spent += cost;
    }
    const es = await evaluate(values);
    evaluated.push(...es);
    return es;
  };

  // The low end and an inner point first; the high end only if they agree.
  const inner = innerPoint(low, high, tolerance, integer);
  const first = await run(inner === null ? [low, high] : [low, inner]);
  if (first === null) return stopped(null);
  let points = [...first];
  let bracket = signChange(points, difference);
  if (bracket === null && inner !== null) {
    const last = await run([high]);
    if (last === null) return stopped(null);
    points = [...points, ...last];
    bracket = signChange(points, difference);
  }
  if (bracket === null) return { state: 'no-crossing', low: points[0]!, high: points[points.length - 1]! };

  if (bracket.below === bracket.above) return { state: 'crossing', below: bracket.below, above: bracket.above };
  const steps = new BrentSteps(bracket.below, bracket.above, difference, tolerance, integer);
  for (let step = 0; step < options.maxSteps && !steps.done(); step++) {
    const x = steps.next();
    if (x === null) break;
    const result = await run([x]);
    if (result === null) return stopped(steps.bracket());
    const e = result[0]!;
    if (difference(e) === 0) return { state: 'crossing', below: e, above: e };
    steps.take(e);
  }
  return { state: 'crossing', ...steps.bracket() };
}

/** The first adjacent pair of the points (in increasing value) whose differences change sign; a zero between opposite signs is its own bracket. */
function signChange<E extends Evaluated>(points: readonly E[], difference: (e: E) => number): { below: E; above: E } | null {
  const sorted = [...points].sort((x, y) => x.value - y.value);
  for (let i = 0; i + 1 < sorted.length; i++) {
    if (difference(sorted[i]!) * difference(sorted[i + 1]!) < 0) return { below: sorted[i]!, above: sorted[i + 1]! };
  }
  for (let i = 1; i + 1 < sorted.length; i++) {
    if (difference(sorted[i]!) === 0 && difference(sorted[i - 1]!) * difference(sorted[i + 1]!) < 0) return { below: sorted[i]!, above: sorted[i]! };
  }
  return null;
}

/**
 * Brent's zero finder, one evaluation at a time (after Brent's `zero`, 1973, as in Netlib's
 * `zeroin` and Numerical Recipes' `zbrent`): `b` is the best estimate, `c` the other end of the
 * bracket, `a` the previous `b`. `next` gives the value to evaluate, `take` its evaluation.
 * Values are rounded to four significant digits (integers for an integer parameter) when that
 * keeps them strictly inside the bracket, so that commands and tables show 3.243, not
 * 3.2431187.
 */
export class BrentSteps<E extends Evaluated> {
  private a: E;
  private fa: number;
  private b: E;
  private fb: number;
  private c: E;
  private fc: number;
  /** The last step and the one before (Brent's d and e). */
  private d: number;
  private e: number;

  constructor(
    low: E,
    high: E,
    private readonly difference: (e: E) => number,
    private readonly tolerance: number,
    private readonly integer: boolean,
  ) {
    this.a = low;
    this.fa = difference(low);
    this.b = high;
    this.fb = difference(high);
    this.c = low;
    this.fc = this.fa;
    this.d = this.e = high.value - low.value;
    this.order();
  }

  /** Whether the bracket [b, c] is narrow enough. */
  done(): boolean {
    return narrowEnough(this.b.value, this.c.value, this.tolerance, this.integer);
  }

  /** The bracket, in increasing order. */
  bracket(): { below: E; above: E } {
    return this.b.value <= this.c.value ? { below: this.b, above: this.c } : { below: this.c, above: this.b };
  }

  /** The next value to evaluate: interpolation when it is safe and fast, else bisection; null when no value is strictly inside (integers one apart). */
  next(): number | null {
    const b = this.b.value;
    const c = this.c.value;
    // Brent's tol1, the shortest step: MARGIN target widths, so that a bracket closed by one is narrow enough.
    const tol1 = this.integer ? 1 : MARGIN * this.tolerance * Math.abs(b);
    const xm = (c - b) / 2;
    if (Math.abs(this.e) >= tol1 && Math.abs(this.fa) > Math.abs(this.fb)) {
      const s = this.fb / this.fa;
      let p: number;
      let q: number;
      if (this.a === this.c) {
        // Two points: the chord.
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        // Three: inverse quadratic interpolation.
        const qa = this.fa / this.fc;
        const r = this.fb / this.fc;
        p = s * (2 * xm * qa * (qa - r) - (b - this.a.value) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      // Taken if inside three quarters of the bracket and shorter than half the step before
      // last; else a bisection.
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(this.e * q))) {
        this.e = this.d;
        this.d = p / q;
      } else {
        this.d = this.e = xm;
      }
    } else {
      this.d = this.e = xm;
    }
    const x = b + (Math.abs(this.d) > tol1 ? this.d : Math.sign(xm) * tol1);
    const [lo, hi] = b < c ? [b, c] : [c, b];
    if (this.integer) {
      let k = Math.round(x);
      if (k === b) k = b + Math.sign(xm);
      return k > lo && k < hi ? k : null;
    }
    const rounded = Number(x.toPrecision(4));
    if (rounded > lo && rounded < hi) return rounded;
    return x > lo && x < hi ? x : (lo + hi) / 2;
  }

  /** Takes the evaluation at the value `next` gave. */
  take(evaluation: E): void {
    this.a = this.b;
    this.fa = this.fb;
    this.b = evaluation;
    this.fb = this.difference(evaluation);
    if (Math.sign(this.fb) === Math.sign(this.fc)) {
      // The new point is on c's side of the crossing: the bracket is now [a, b].
      this.c = this.a;
      this.fc = this.fa;
      this.d = this.e = this.b.value - this.a.value;
    }
    this.order();
  }

  /** Keeps b the end with the smaller difference (the better estimate). */
  private order(): void {
    if (Math.abs(this.fc) < Math.abs(this.fb)) {
      this.a = this.b;
      this.fa = this.fb;
      this.b = this.c;
      this.fb = this.fc;
      this.c = this.a;
      this.fc = this.fa;
    }
  }
}
