/**
 * Neumaier's compensated summation: money summed over a month of per-event charges stays
 * within an ulp or two of the exact total instead of drifting (test/metrics/exact-sum.test.ts
 * adds 0.1 ten million times).
 */
export class ExactSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}
