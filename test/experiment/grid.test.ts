import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkAxes, gridPoints, parseGridFlag, pointSets } from '../../src/experiment/grid.js';

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
