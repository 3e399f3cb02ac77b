import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/streams.js';
import { fromSpec } from '../../src/random/from-spec.js';
import { runScenario } from '../../src/experiment/run.js';
import { resolveScenario } from '../../src/scenario/load.js';

/** What the fuzzer found, pinned (test/robustness/fuzz.test.ts). */
describe('fuzz findings', () => {
  it('a gamma or lognormal with a cv too small to represent (5e-254) draws its mean, not NaN', () => {
    // The gamma's shape 1 / cv^2 = 1 / 2.5e-507 overflows to Infinity: every draw was NaN and the
    // run failed with "cannot schedule at NaN".
    const rng = streamFor(1, 'tiny-cv');
    for (const dist of ['gamma', 'lognormal'] as const) {
      const d = fromSpec({ dist, mean: 0.001154, cv: 5.311087287057156e-254 });
      for (let i = 0; i < 100; i++) expect(d.sample(rng)).toBe(0.001154);
    }
    // A small but representable cv still varies (shape 1e14 is finite).
    const g = fromSpec({ dist: 'gamma', mean: 1, cv: 1e-7 });
    const draws = Array.from({ length: 50 }, () => g.sample(rng));
    expect(draws.every(Number.isFinite)).toBe(true);
    expect(new Set(draws).size).toBeGreaterThan(1);
  });

  it('CPU utilisation counts the boosted vCPU while the startup boost lasts: never above 1', () => {
    // Knative on 1 vCPU with the boost, 300 ms of CPU a request: the boosted instances computed
    // at 2 vCPU against a capacity counted at 1, and utilisation came out at 1.02 (seed 243);
    // then a Knative-drained instance computed with its vCPU already out of the capacity: 1.013.
    const scenario = resolveScenario({"name":"fuzz","duration":879,"warmup":0,"traffic":{"type":"sum","components":[{"type":"mmpp","states":[{"rps":27.559,"meanHolding":280},{"rps":1.53,"meanHolding":"168.379ms"}]}]},"requests":{"cpu":{"dist":"exponential","mean":"300ms"},"io":{"dist":"constant","value":"0ms"},"responseBytes":366384},"platforms":[{"name":"cloud-run","model":"cloud-run","cpu":1,"memory":"2Gi","concurrency":106,"workers":7,"coldStart":{"dist":"pareto","shape":3.48500490724887,"mean":"0.1ms"},"minInstances":0,"autoscaler":"knative","evaluationInterval":"2s","startupCpuBoost":true,"requestTimeout":"88s"}],"billing":{"freeTier":true}}, 'fuzz');
    const [record] = runScenario(scenario, { seed: 243 });
    expect(record!.cpu_utilization_mean).toBeGreaterThan(0.5);
    expect(record!.cpu_utilization_mean).toBeLessThanOrEqual(1);
  });
});
