import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkAxes, gridList, gridPoints, MAX_RANGE_VALUES, parseGridFlag, pointSets } from '../../src/experiment/grid.js';

describe('parseGridFlag', () => {
  it('reads a path and comma-separated values, kept as text', () => {
    expect(parseGridFlag('cloud-run.concurrency=10, 40,80')).toEqual({ path: 'cloud-run.concurrency', values: ['10', '40', '80'] });
    expect(parseGridFlag('duration=1h,1d')).toEqual({ path: 'duration', values: ['1h', '1d'] });
  });

  it('reads a JSON array for values that hold commas', () => {
    expect(parseGridFlag('requests.cpu=[{"dist":"constant","value":0.01},"20ms"]').values).toEqual(['{"dist":"constant","value":0.01}', '20ms']);
  });

  it.each(['cloud-run.concurrency', '=1,2', 'cloud-run.concurrency=', 'a=1,,2', 'a=1,1', 'a=[1,'])('rejects %j with an InputError', (flag) => {
    expect(() => parseGridFlag(flag)).toThrow(InputError);
  });

  it('reads a..b as every integer from a to b, beside single values', () => {
    expect(parseGridFlag('vm.count=1,2,4..8').values).toEqual(['1', '2', '4', '5', '6', '7', '8']);
    expect(parseGridFlag('vm.count=-1..1').values).toEqual(['-1', '0', '1']);
    expect(parseGridFlag('vm.count=3..3').values).toEqual(['3']);
    // Not integers: taken as they are, for --set to judge (a duration, a version).
    expect(parseGridFlag('x=1.5..2').values).toEqual(['1.5..2']);
  });

  it.each([
    ['vm.count=8..4', /8\.\.4 is not allowed: a range a\.\.b of integers with a <= b/],
    ['vm.count=1..3,3', /"3" appears twice/],
    [`vm.count=1..${MAX_RANGE_VALUES + 1}`, /10,001 values: at most 10,000 in one range/],
  ])('rejects %j, saying why', (flag, why) => {
    expect(() => parseGridFlag(flag)).toThrow(InputError);
    expect(() => parseGridFlag(flag)).toThrow(why);
  });

  it('writes three or more consecutive integers as a..b, which it reads back', () => {
    for (const [values, text] of [
      [['3', '4', '5', '6', '7', '8'], '3..8'],
      [['1', '2'], '1,2'],
      [['1', '2', '4', '5', '6', '9'], '1,2,4..6,9'],
      [['-1', '0', '1', '1h'], '-1..1,1h'],
      [['007', '8', '9'], '007,8,9'],
      [['0.5', '1.5', '2.5'], '0.5,1.5,2.5'],
    ] as const) {
      expect(gridList(values)).toBe(text);
      expect(parseGridFlag(`p=${text}`).values).toEqual(values);
    }
  });

  it('rejects a path given twice', () => {
    expect(() => checkAxes([parseGridFlag('a=1'), parseGridFlag('a=2')])).toThrow(/given twice/);
  });
});

describe('gridPoints', () => {
  it('is the cartesian product, axes in order, the last varying fastest', () => {
    const axes = [parseGridFlag('a=1,2'), parseGridFlag('b=x,y,z')];
    expect(gridPoints(axes)).toEqual([
      ['1', 'x'], ['1', 'y'], ['1', 'z'],
      ['2', 'x'], ['2', 'y'], ['2', 'z'],
    ]);
    expect(pointSets(axes, ['2', 'y'])).toEqual(['a=2', 'b=y']);
  });

  it('no axes: one point with no values', () => {
    expect(gridPoints([])).toEqual([[]]);
  });
});
