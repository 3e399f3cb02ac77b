import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiment/run.js';
import { cloudRunSpec, constant, exp, scenario, vmSpec } from '../helpers/specs.js';

describe('runScenario', () => {
  it('runs both platforms over the same requests', () => {
    const s = scenario(
      { type: 'poisson', rps: 20 },
      { cpu: { dist: 'lognormal', mean: 0.03, cv: 1 }, io: exp(0.05), responseBytes: constant(16384) },
      [cloudRunSpec(), vmSpec()],
      3600,
      300,
    );
    const [cr, vm] = runScenario(s, { seed: 1 });
    console.log(cr, vm);
    expect(cr!.requests_arrived).toBe(vm!.requests_arrived);
  });
});
