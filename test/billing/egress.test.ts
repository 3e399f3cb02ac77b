import { describe, expect, it } from 'vitest';
import { LIST_MONTH_SECONDS } from '../../src/billing/account.js';
import { BillingCalendar } from '../../src/billing/calendar.js';
import { EgressBilling } from '../../src/billing/egress.js';
import { Ledger } from '../../src/billing/ledger.js';
import { GIB } from '../../src/billing/rounding.js';

/** Premium tier (docs/gcp-facts.md): $0.12 up to 1 TiB a month, $0.11 to 10 TiB, $0.08 beyond. */
const PREMIUM = [
  { upToGiB: 1024, perGiB: 0.12 },
  { upToGiB: 10240, perGiB: 0.11 },
  { upToGiB: null, perGiB: 0.08 },
];
const DAY = 86_400;

function egress() {
  const ledger = new Ledger();
  const billing = new EgressBilling(ledger, new BillingCalendar(Date.parse('2026-01-05T00:00:00Z')), PREMIUM, 0);
  return { ledger, billing };
}

describe('egress per month from a run shorter than a month (EgressBilling.perMonthCorrection)', () => {
  it('a day of 100 GiB: its month of 3,041.67 GiB reaches the second tier', () => {
    const { ledger, billing } = egress();
    for (let h = 0; h < 24; h++) billing.send(h * 3600, (100 / 24) * GIB);
    // The day: 100 GiB x 0.12 = $12. Its 730-hour month: 100 x 730 / 24 = 3,041.6667 GiB,
    // 1,024 x 0.12 + 2,017.6667 x 0.11 = 122.88 + 221.9433 = $344.8233, where $12 scaled is
    // 12 x 730 / 24 = $365: the correction is 344.8233 - 365 = -$20.1767.
    expect(ledger.total(DAY)).toBeCloseTo(12, 12);
    const month = (ledger.total(DAY) * LIST_MONTH_SECONDS) / DAY + billing.perMonthCorrection(DAY, LIST_MONTH_SECONDS);
    expect(month).toBeCloseTo(1024 * 0.12 + (3041.6666666667 - 1024) * 0.11, 6);
    expect(billing.perMonthCorrection(DAY, LIST_MONTH_SECONDS)).toBeCloseTo(-20.17667, 4);
  });

  it('is 0 while the month stays in the first tier (a day of 30 GiB: 912.5 GiB a month)', () => {
    const { billing } = egress();
    billing.send(0, 30 * GIB);
    expect(billing.perMonthCorrection(DAY, LIST_MONTH_SECONDS)).toBe(0);
  });

  it('takes back what the run itself paid past a tier bound', () => {
    // 2 TiB in one day: the run pays 1,024 x 0.12 + 1,024 x 0.11 = $235.52; its month,
    // 2,048 x 730 / 24 = 62,293.33 GiB: 122.88 + 9,216 x 0.11 + 52,053.33 x 0.08
    // = 122.88 + 1,013.76 + 4,164.27 = $5,300.91.
    const { ledger, billing } = egress();
    billing.send(0, 1024 * GIB);
    billing.send(3600, 1024 * GIB);
    expect(ledger.total(DAY)).toBeCloseTo(235.52, 9);
    const month = (ledger.total(DAY) * LIST_MONTH_SECONDS) / DAY + billing.perMonthCorrection(DAY, LIST_MONTH_SECONDS);
    const gib = (2048 * 730) / 24;
    expect(month).toBeCloseTo(1024 * 0.12 + 9216 * 0.11 + (gib - 10240) * 0.08, 6);
  });
});
