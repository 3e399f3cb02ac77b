import { describe, expect, it } from 'vitest';
import { LadderSearch, MAX_PROBES } from '../../src/verdict/remedy-search.js';

/** Runs a search to its end against "keeps up from `threshold` on"; returns the values simulated, in order. */
function drive(search: LadderSearch, values: readonly number[], threshold: number): number[] {
  const tried: number[] = [];
  for (let i = search.next(); i !== null; i = search.next()) {
    tried.push(values[i]!);
    search.record(i, values[i]! >= threshold);
  }
  return tried;
}

const upTo = (lo: number, hi: number): number[] => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

describe('LadderSearch: the least value of a ladder that keeps up', () => {
  it("issue 11's case: 2 VMs fail, the estimate 8 keeps up; bisection finds the least in 3 simulations", () => {
    const values = upTo(3, 32);
    const search = new LadderSearch(values, values.indexOf(8));
    expect(drive(search, values, 6)).toEqual([8, 5, 6]);
    expect(search.result).toEqual({ keepsUp: values.indexOf(6), fails: values.indexOf(5), fewest: true, refused: false });
    expect(search.simulations).toBe(3);
  });

  it('finds the threshold exactly, wherever it is, in about log2 of the ladder', () => {
    const values = upTo(3, 32);
    for (let threshold = 3; threshold <= 32; threshold++) {
      const search = new LadderSearch(values, values.indexOf(8));
      const tried = drive(search, values, threshold);
      expect(values[search.result.keepsUp]).toBe(threshold);
      expect(search.result.fewest).toBe(true);
      // Going up doubles (8, 16, 32), then bisects at most the gap: never more than 3 + log2(30).
      expect(tried.length).toBeLessThanOrEqual(3 + Math.ceil(Math.log2(values.length)));
      expect(new Set(tried).size).toBe(tried.length);
    }
  });

  it('goes up to the first value at least twice the last failure, and ends at the top of the ladder', () => {
    const values = upTo(3, 32);
    const search = new LadderSearch(values, values.indexOf(8));
    expect(drive(search, values, 100)).toEqual([8, 16, 32]);
    expect(search.result).toEqual({ keepsUp: -1, fails: values.length - 1, fewest: false, refused: false });
  });

  it('the first value keeping up when it is the first of the ladder: one simulation', () => {
    const search = new LadderSearch([2, 4, 6, 8], 0);
    expect(drive(search, [2, 4, 6, 8], 1)).toEqual([2]);
    expect(search.result).toEqual({ keepsUp: 0, fails: -1, fewest: true, refused: false });
  });

  it('a refused value ends the ladder before it: the estimate refused, the largest value taken instead', () => {
    const values = upTo(3, 32);
    const search = new LadderSearch(values, values.indexOf(8));
    search.refuse(values.indexOf(7));
    expect(values[search.next()!]).toBe(6);
    expect(drive(search, values, 5)).toEqual([6, 4, 5]);
    const none = new LadderSearch(values, 0);
    none.refuse(0);
    expect(none.next()).toBeNull();
  });

  it(`stops at ${MAX_PROBES} simulations, whatever the ladder`, () => {
    const values = upTo(1, 1_000_000);
    const search = new LadderSearch(values, 0);
    const tried = drive(search, values, 999_999);
    expect(tried.length).toBe(MAX_PROBES);
    expect(search.result.fewest).toBe(false);
  });

  it('below a platform that keeps up: bisects down from its own value to the least that still does', () => {
    const values = upTo(1, 9); // its own 10 keeps up
    for (let threshold = 1; threshold <= 10; threshold++) {
      const search = new LadderSearch(values, 2, true);
      const tried = drive(search, values, threshold);
      expect(search.result.keepsUp, `threshold ${threshold}`).toBe(threshold - 1); // index 9 = its own, past the ladder
      expect(search.result.fewest).toBe(true);
      expect(tried[0]).toBe(3); // the estimate first
      expect(tried.length).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(values.length + 1)));
    }
  });

  it('below a platform: a refused value counts as one that does not keep up, and is marked refused', () => {
    const values = upTo(0, 3);
    const search = new LadderSearch(values, 0, true);
    search.refuse(0);
    expect(drive(search, values, 0)).toEqual([2, 1]);
    expect(search.result).toEqual({ keepsUp: 1, fails: 0, fewest: true, refused: true });
  });
});
