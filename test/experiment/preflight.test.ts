import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkRun, estimateRun, REQUESTS_PER_SECOND_ESTIMATE } from '../../src/experiment/preflight.js';
import { cloudRunSpec, constant, exp, scenario, vmSpec } from '../helpers/specs.js';

const profile = { cpu: exp(0.1), io: constant(0), responseBytes: constant(0) };

describe('estimateRun', () => {
  it('expects rate x duration requests and their time at the conservative rate', () => {
    const s = scenario({ type: 'poisson', rps: 100 }, profile, [cloudRunSpec(), vmSpec()], 86400);
    const e = estimateRun(s);
    expect(e.requests).toBeCloseTo(8.64e6, 3);
    expect(e.seconds).toBeCloseTo((2 * 8.64e6) / REQUESTS_PER_SECOND_ESTIMATE, 6);
    expect(e.backlogBytes).toBe(0);
  });

  it('sees a backlog that grows: 100 req/s x 0.1 vCPU-s = 10 vCPU offered to 2 x 1 vCPU', () => {
    const s = scenario({ type: 'poisson', rps: 100 }, profile, [vmSpec({ queueLimit: Infinity })], 86400);
    const e = estimateRun(s);
    // Capacity 2 vCPU / 0.1 = 20 req/s; 80 req/s pile up for a day: 6.9 million waiting.
    expect(e.growingBacklog).toBe('vm');
    expect(e.backlogBytes).toBeCloseTo(80 * 86400 * 200, 0);
  });

  it('a bounded backlog or enough capacity does not grow', () => {
    const bounded = scenario({ type: 'poisson', rps: 100 }, profile, [vmSpec({ queueLimit: 1000 })], 86400);
    expect(estimateRun(bounded).backlogBytes).toBe(0);
    const enough = scenario({ type: 'poisson', rps: 10 }, profile, [vmSpec({ queueLimit: Infinity })], 86400);
    expect(estimateRun(enough).backlogBytes).toBe(0);
  });
});

describe('checkRun', () => {
  it('refuses a run over the time limit with the estimate and how to force it', () => {
    const s = scenario({ type: 'poisson', rps: 1000 }, profile, [cloudRunSpec()], 365 * 86400);
    expect(() => checkRun(s, { maxSeconds: 3600, maxBytes: Infinity }, 'year.json')).toThrow(InputError);
    expect(() => checkRun(s, { maxSeconds: 3600, maxBytes: Infinity }, 'year.json')).toThrow(/year\.json: about 31,536,000,000 requests per platform, an estimated .* h to simulate .*--max-time/);
  });

  it('refuses an unbounded backlog that would outgrow memory', () => {
    const s = scenario({ type: 'poisson', rps: 100 }, profile, [vmSpec({ queueLimit: Infinity })], 30 * 86400);
    expect(() => checkRun(s, { maxSeconds: Infinity, maxBytes: 1024 ** 3 }, 'x.json')).toThrow(/platform "vm" .* backlog is unbounded.*GiB/);
  });

  it('lets an ordinary run through', () => {
    const s = scenario({ type: 'poisson', rps: 20 }, profile, [cloudRunSpec(), vmSpec()], 7 * 86400);
    expect(checkRun(s).requests).toBeCloseTo(20 * 7 * 86400, 0);
  });
});
