import { describe, expect, it } from 'vitest';
import type { PlatformStatus } from '../../src/metrics/summary.js';
import { resolveScenario } from '../../src/scenario/load.js';
import type { PlatformSpec } from '../../src/scenario/types.js';
import { coldStartWarning } from '../../src/verdict/cold-start.js';

const specs = resolveScenario(
  {
    name: 'cold',
    duration: '30m',
    traffic: { type: 'poisson', rps: 10 },
    requests: { cpu: '30ms' },
    platforms: [
      { name: 'cloud-run', model: 'cloud-run' },
      { name: 'warm-run', model: 'cloud-run', minInstances: 2 },
      { name: 'lambda', model: 'lambda', provisionedConcurrency: 1 },
      { name: 'vm', model: 'compute-engine', count: 2 },
      { name: 'mig', model: 'compute-engine', count: 1, autoscaling: { mode: 'on', minSize: 1, maxSize: 16 } },
    ],
  },
  '',
).platforms;
const spec = (name: string): PlatformSpec => specs.find((s) => s.name === name)!;
const judged = (name: string, status: PlatformStatus) => ({ spec: spec(name), status });

describe('the warning of a run with no warm-up, about platforms that scale up from time 0', () => {
  it('names what starts cold among the platforms judged not ok', () => {
    expect(coldStartWarning(0, [judged('cloud-run', 'misses-slo'), judged('vm', 'ok')])).toBe(
      'the run has no warm-up, so requests lost or slowed while a platform scales up from time 0 count in its status (cloud-run starts with no instance); a service already running has scaled up already: set warmup (10m, say) to judge its steady state',
    );
    expect(coldStartWarning(0, [judged('warm-run', 'overloaded'), judged('lambda', 'overloaded'), judged('mig', 'overloaded'), judged('mig', 'overloaded')])).toContain(
      '(warm-run starts with its 2 min instances, lambda starts with its 1 provisioned environment and mig\'s autoscaler starts at 1 VM)',
    );
  });

  it('says nothing with a warm-up, when all that starts cold is ok, or for a fixed fleet, which is in service at once', () => {
    expect(coldStartWarning(60, [judged('cloud-run', 'overloaded')])).toBeNull();
    expect(coldStartWarning(0, [judged('cloud-run', 'ok'), judged('mig', 'ok'), judged('vm', 'overloaded')])).toBeNull();
    expect(coldStartWarning(0, [])).toBeNull();
  });
});
