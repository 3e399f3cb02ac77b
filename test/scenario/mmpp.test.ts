import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenario/load.js';
import { baseScenario, expectInputError } from './helpers.js';

const resolveTraffic = (traffic: Record<string, unknown>) => resolveScenario({ ...baseScenario(), traffic }, 'x.json').traffic;
const states = [
  { rps: 5, meanHolding: '9m' },
  { rps: 100, meanHolding: 60 },
  { rps: 0, meanHolding: '30s' },
];

describe('mmpp traffic', () => {
  it('resolves holding means to seconds and fills uniform-over-the-others transitions', () => {
    expect(resolveTraffic({ type: 'mmpp', states })).toEqual({
      type: 'mmpp',
      states: [
        { rps: 5, meanHolding: 540 },
        { rps: 100, meanHolding: 60 },
        { rps: 0, meanHolding: 30 },
      ],
      start: null,
      scale: 1,
      transitions: [
        [0, 0.5, 0.5],
        [0.5, 0, 0.5],
        [0.5, 0.5, 0],
      ],
    });
    const given = resolveTraffic({ type: 'mmpp', states, start: 2, transitions: [[0, 1, 0], [0.5, 0, 0.5], [1, 0, 0]] });
    expect(given).toMatchObject({ start: 2, transitions: [[0, 1, 0], [0.5, 0, 0.5], [1, 0, 0]] });
  });

  it('accepts rows that sum to 1 up to rounding, and can sit inside a sum', () => {
    const third = 0.333333333333;
    expect(() => resolveTraffic({ type: 'mmpp', states, transitions: [[0, 0.5, 0.5], [0.5, 0, 0.5], [1 / 3 + 1 / 3, 1 / 3, 0]] })).not.toThrow();
    expectInputError(
      () => resolveTraffic({ type: 'mmpp', states, transitions: [[0, 0.5, 0.5], [0.5, 0, 0.5], [third, 1 - third - 1e-6, 0]] }),
      ['traffic.transitions[2]', 'probabilities summing to 1'],
    );
    const sum = resolveTraffic({ type: 'sum', components: [{ type: 'poisson', rps: 1 }, { type: 'mmpp', states }] });
    expect(sum).toMatchObject({ components: [{ type: 'poisson' }, { type: 'mmpp', start: null }] });
  });

  it('rejects one state, a zero holding mean, a start out of range', () => {
    expectInputError(() => resolveTraffic({ type: 'mmpp', states: [states[0]] }), ['traffic.states', 'at least two states']);
    expectInputError(
      () => resolveTraffic({ type: 'mmpp', states: [states[0], { rps: 1, meanHolding: 0 }] }),
      ['x.json: traffic.states[1].meanHolding: 0 is not allowed: a duration > 0'],
    );
    expectInputError(() => resolveTraffic({ type: 'mmpp', states, start: 3 }), ['traffic.start: 3 is not allowed: a state index from 0 to 2']);
    expectInputError(() => resolveTraffic({ type: 'mmpp', states, start: -1 }), ['traffic.start', '-1']);
    expectInputError(() => resolveTraffic({ type: 'mmpp', states: [{ rps: -1, meanHolding: 1 }, states[1]] }), ['traffic.states[0].rps', '-1']);
  });

  it('rejects a transitions matrix of the wrong shape, with self-loops, or reducible', () => {
    const bad = (transitions: unknown) => () => resolveTraffic({ type: 'mmpp', states, transitions });
    expectInputError(bad([[0, 1, 0], [1, 0, 0]]), ['traffic.transitions', 'one row per state: 3 rows of 3']);
    expectInputError(bad([[0, 1], [0.5, 0, 0.5], [1, 0, 0]]), ['traffic.transitions[0]', '3 probabilities, one per state']);
    expectInputError(bad([[0.5, 0.5, 0], [0.5, 0, 0.5], [1, 0, 0]]), ['traffic.transitions[0][0]: 0.5 is not allowed: 0: leaving a state']);
    expectInputError(bad([[0, 1.5, -0.5], [0.5, 0, 0.5], [1, 0, 0]]), ['traffic.transitions[0][1]', '1.5', 'a probability']);
    // States 0 and 1 only lead to each other: state 2 is never reached from them.
    expectInputError(bad([[0, 1, 0], [1, 0, 0], [1, 0, 0]]), ['traffic.transitions', 'state 2 cannot be reached from state 0']);
  });
});
