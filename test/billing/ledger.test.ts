import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/billing/ledger.js';

describe('Ledger', () => {
  it('integrates rates and sums charges per line; the held line handles do exactly what setRate and charge do', () => {
    // By name: cpu at $0.002/s from t=10 to t=40, then $0.001/s; a $0.5 request fee, a -$0.1 discount.
    const byName = new Ledger();
    byName.setRate('cpu', 10, 0.002);
    byName.setRate('cpu', 40, 0.001);
    byName.charge('requests', 0.5);
    byName.charge('requests', 0); // nothing
    byName.charge('discount', -0.1);
    // cpu to t=100: 30 s x 0.002 + 60 s x 0.001 = 0.06 + 0.06 = 0.12.
    expect(byName.component('cpu', 100)).toBeCloseTo(0.12, 15);
    expect(byName.total(100)).toBeCloseTo(0.12 + 0.5 - 0.1, 15);

    const byHandle = new Ledger();
    const cpu = byHandle.rateLine('cpu');
    const requests = byHandle.chargeLine('requests');
    cpu.set(10, 0.002);
    cpu.set(40, 0.001);
    requests.charge(0.5);
    requests.charge(0);
    byHandle.chargeLine('discount').charge(-0.1);
    expect(byHandle.breakdown(100)).toEqual(byName.breakdown(100));
    expect(byHandle.total(100)).toBe(byName.total(100));
  });
});
