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

describe('EgressBilling prices each response as the tier loop does', () => {
  /** The tier loop of every response, charged into its own ledger: the reference the bill must match bit for bit. */
  function reference(tiers: typeof PREMIUM, sends: readonly (readonly [number, number])[], calendar: BillingCalendar): number {
    const ledger = new Ledger();
    const network = ledger.chargeLine('network');
    const bounds = tiers.map((t) => (t.upToGiB === null ? Infinity : t.upToGiB * GIB));
    let month = calendar.month(0);
    let used = 0;
    for (const [now, bytes] of sends) {
      if (now >= month.end) {
        month = calendar.month(now);
        used = 0;
      }
      const before = used;
      const after = before + bytes;
      used = after;
      let lower = 0;
      for (let i = 0; i < tiers.length; i++) {
        // Wholly inside one tier: the bytes themselves (after - before may differ in the last bit).
        const inTier = before >= lower && after <= bounds[i]! ? bytes : Math.max(0, Math.min(after, bounds[i]!) - Math.max(before, lower));
        if (inTier > 0) network.charge((inTier / GIB) * tiers[i]!.perGiB);
        if (after <= bounds[i]!) break;
        lower = bounds[i]!;
      }
    }
    return ledger.component('network', 0);
  }

  it('responses of varied sizes across tier bounds and a month boundary (exact to the last bit)', () => {
    // Tiny tiers (1 MiB and 4 MiB a month) so that a few thousand responses cross both bounds
    // several times; responses straddle bounds, and a new month (t = 30 days) starts over.
    const tiers = [
      { upToGiB: 1 / 1024, perGiB: 0.12 },
      { upToGiB: 4 / 1024, perGiB: 0.11 },
      { upToGiB: null, perGiB: 0.08 },
    ];
    const calendar = new BillingCalendar(Date.parse('2026-01-05T00:00:00Z'));
    const sends: [number, number][] = [];
    let x = 12345;
    for (let k = 0; k < 4000; k++) {
      x = (x * 1103515245 + 12345) % 2147483648; // a fixed LCG: the same sizes every run
      const now = k < 2000 ? k : 30 * DAY + k;
      sends.push([now, 1 + (x % 9000) + (x % 7) / 3]);
    }
    const ledger = new Ledger();
    const billing = new EgressBilling(ledger, calendar, tiers, 0);
    for (const [now, bytes] of sends) billing.send(now, bytes);
    expect(ledger.component('network', 0)).toBe(reference(tiers, sends, calendar));
  });
});
