import { describe, expect, it } from 'vitest';
import { BucketSeries } from '../../src/report/bucket-series.js';

describe('BucketSeries', () => {
  it('keeps a short series as it is, one point per sample', () => {
    const s = new BucketSeries(['mean', 'max', 'last'], 10);
    [3, 5, 4].forEach((v, t) => s.add(t, 1, [v, v, v]));
    expect(s.points()).toEqual([
      { t: 0, seconds: 1, values: [3, 3, 3] },
      { t: 1, seconds: 1, values: [5, 5, 5] },
      { t: 2, seconds: 1, values: [4, 4, 4] },
    ]);
  });

  it('turns a week at 1 s into between maxPoints / 2 and maxPoints points', () => {
    const s = new BucketSeries(['mean'], 2000);
    for (let t = 0; t < 604_800; t++) s.add(t, 1, [1]);
    const points = s.points();
    expect(points.length).toBeLessThanOrEqual(2000);
    expect(points.length).toBeGreaterThan(1000);
    expect(s.bucketWidth).toBe(512);
    expect(points.every((p) => p.values[0] === 1)).toBe(true);
    expect(points.reduce((sum, p) => sum + p.seconds, 0)).toBe(604_800);
  });

  it('averages by time: the mean over all buckets equals the mean of the samples', () => {
    const s = new BucketSeries(['mean'], 8);
    let sum = 0;
    for (let t = 0; t < 100; t++) {
      const v = (t * 7) % 13;
      sum += v;
      s.add(t, 1, [v]);
    }
    const points = s.points();
    expect(points.length).toBeLessThanOrEqual(8);
    const weighted = points.reduce((acc, p) => acc + p.values[0]! * p.seconds, 0);
    expect(weighted / 100).toBeCloseTo(sum / 100, 12);
  });

  it('weights samples by their length', () => {
    const s = new BucketSeries(['mean'], 2, 10);
    s.add(0, 9, [1]);
    s.add(9, 1, [11]);
    expect(s.points()).toEqual([{ t: 0, seconds: 10, values: [2] }]);
  });

  it('keeps the peak with max and the latest value with last', () => {
    const s = new BucketSeries(['mean', 'max', 'last'], 2);
    const values = [1, 9, 2, 3, 4, 5, 6, 7];
    values.forEach((v, t) => s.add(t, 1, [v, v, t]));
    const points = s.points();
    expect(points).toHaveLength(2);
    expect(points[0]!.values).toEqual([(1 + 9 + 2 + 3) / 4, 9, 3]);
    expect(points[1]!.values).toEqual([(4 + 5 + 6 + 7) / 4, 7, 7]);
    expect(points.map((p) => p.t)).toEqual([0, 4]);
  });

  it('aligns buckets on multiples of the width, so a series starting late keeps its times', () => {
    const s = new BucketSeries(['mean'], 4, 60);
    for (let t = 600; t < 600 + 60 * 12; t += 60) s.add(t, 60, [t]);
    const points = s.points();
    expect(points.length).toBeLessThanOrEqual(4);
    for (const p of points) expect(p.t % s.bucketWidth).toBe(0);
  });

  it('refuses fewer than two points', () => {
    expect(() => new BucketSeries(['mean'], 1)).toThrow(RangeError);
  });
});
