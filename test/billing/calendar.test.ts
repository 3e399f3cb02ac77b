import { describe, expect, it } from 'vitest';
import { BillingCalendar, MonthlyAllowance } from '../../src/billing/calendar.js';
import { Ledger } from '../../src/billing/ledger.js';
import { TimeWeighted } from '../../src/numeric/time-weighted.js';

describe('BillingCalendar', () => {
  it('cuts the simulated timeline at UTC month starts', () => {
    // Time 0 is Monday 5 January 2026: January ends 26 days later.
    const cal = new BillingCalendar(Date.parse('2026-01-05T00:00:00Z'));
    const jan = cal.month(0);
    expect(jan.start).toBe(-4 * 86400);
    expect(jan.end).toBe(27 * 86400);
    expect(jan.seconds).toBe(31 * 86400);
    expect(cal.month(27 * 86400).seconds).toBe(28 * 86400); // February 2026
    expect(cal.month(27 * 86400 - 1e-6).index).toBe(jan.index);
    expect(cal.next(cal.next(jan)).seconds).toBe(31 * 86400); // March
  });

  it('handles a start that is not on a whole second', () => {
    const cal = new BillingCalendar(Date.parse('2026-01-31T23:59:59.250Z'));
    expect(cal.month(0.75).start).toBe(0.75); // 1 February 00:00:00.000
    expect(cal.month(0.7499).end).toBe(0.75);
  });
});

describe('MonthlyAllowance', () => {
  it('gives back the first USD of each month, exact at month ends, read lazily', () => {
    const cal = new BillingCalendar(Date.parse('2026-01-01T00:00:00Z'));
    const spend = new TimeWeighted();
    spend.set(0, 1e-6); // $1e-6 a second, constant
    const allowance = new MonthlyAllowance(cal, (now) => spend.integral(now), () => 1);
    const jan = 31 * 86400;
    // January spends 2.6784, February 2.4192: $1 back each month.
    expect(allowance.free(jan - 1)).toBeCloseTo(1, 15);
    expect(allowance.free(jan + 500_000)).toBeCloseTo(1.5, 12);
    expect(allowance.free(jan + 28 * 86400)).toBeCloseTo(2, 12);
  });
});

describe('Ledger accruals', () => {
  it('add a closed form of time to a component and the total', () => {
    const ledger = new Ledger();
    ledger.setRate('cpu', 0, 2);
    ledger.addAccrual('discount', (now) => -0.5 * now);
    expect(ledger.component('discount', 10)).toBe(-5);
    expect(ledger.total(10)).toBe(15);
  });
});
