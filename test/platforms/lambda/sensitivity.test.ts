/**
 * `sim sensitivity` on a Lambda platform: which of models/lambda.json's assumptions it varies,
 * and the ones it leaves out with the reason (src/platforms/lambda/sensitivity.ts).
 */
import { describe, expect, it } from 'vitest';
import { assumptionRanges } from '../../../src/scenario/assumptions.js';
import { completeScenarioFile, resolveScenario } from '../../../src/scenario/load.js';
import { planSensitivity } from '../../../src/sensitivity/plan.js';

function plan(platform: Record<string, unknown>) {
  const raw = { name: 'plan', duration: '10m', traffic: { type: 'poisson', rps: 1 }, requests: { cpu: '20ms', io: '50ms' }, platforms: [platform] };
  return planSensitivity(assumptionRanges('lambda'), raw, completeScenarioFile(raw, 'plan.json', []), resolveScenario(raw, 'plan.json'), []);
}

describe('Lambda assumptions in a sensitivity plan', () => {
  it('varies INIT, keep-alive, routing and the front end; how provisioned environments start only with provisioned concurrency', () => {
    const p = plan({ name: 'fn', model: 'lambda' });
    expect(p.rows.map((r) => r.parameter)).toEqual(['fn.coldStart', 'fn.keepAlive', 'fn.routing', 'fn.frontEndLatency']);
    expect(p.rows.find((r) => r.parameter === 'fn.keepAlive')!.sets).toEqual({ low: ['fn.keepAlive=5m'], high: ['fn.keepAlive=15m'] });
    expect(p.rows.find((r) => r.parameter === 'fn.routing')!.sets).toEqual({ low: ['fn.routing=newest'], high: ['fn.routing=most-recently-used'] });
    expect(p.skipped.find((s) => s.parameter === 'fn.provisionedStart')?.reason).toBe('applies to provisioned concurrency; this platform has none');
    const withProvisioned = plan({ name: 'fn', model: 'lambda', provisionedConcurrency: 2 });
    expect(withProvisioned.rows.map((r) => r.parameter)).toContain('fn.provisionedStart');
  });
});
