/**
 * The `scale-per-request` policy against SimFaaS (pacslab/simfaas) and the pacslab analytical
 * model (docs/validation.md, "SimFaaS scale-per-request scenarios").
 *
 * Modelling note: SimFaaS draws a cold request's whole service time from the cold distribution
 * (start-up included); here a cold request waits a start-up drawn from `coldStart`, then gets a
 * warm service, so coldStart mean = cold mean - warm mean (0.253 s for the README scenario).
 * Mean busy time per request, and with it every mean below, is the same. SimFaaS counts an
 * instance serving its cold request as running, so "running" here is busy + starting.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SummaryRecord } from '../../src/metrics/summary.js';
import { loadScenario } from '../../src/scenario/load.js';
import { cloudRunSpec, constant, exp, scenario } from '../helpers/specs.js';
import { mean, relativeError, tInterval } from '../helpers/stats.js';
import { ArrivalBatches, gaugeBatches, manualRun, ratios } from './harness.js';

const README = fileURLToPath(new URL('../../workloads/simfaas-readme.json', import.meta.url));

/** Range of n samples over its standard deviation, E[R / sigma] for normal samples (d2, n = 4). */
const D2_4 = 2.059;

describe('SimFaaS README scenario (lambda 0.9/s, warm 1.991 s, cold 2.244 s, expiry 600 s, 1e6 s)', () => {
  /*
   * Reference: four SimFaaS runs, P(cold) 0.00131 .. 0.00136 (mean 0.00134), mean instance count
   * 7.69 .. 7.72 (mean 7.70), busy 1.79, idle 5.90. Requirement: within 5 %.
   *
   * Why 5 % is a meaningful tolerance here (and not a rubber stamp): P(cold) rests on ~1 200
   * cold starts per 1e6 s run. Counted as Poisson that is a relative standard error of
   * 1/sqrt(1200) = 2.9 % per run, 1.45 % for a mean of 4 runs; SimFaaS's 4-run mean has the
   * same, so the difference of the two means has a standard error of about 2.05 %, and 5 % is
   * ~2.4 of those: a correct model fails with probability ~1.5 %, a 10 % error (such as the
   * authors' analytical model, 0.001186, 11.5 % below SimFaaS) passes with probability ~1 %.
   * Our own runs are less noisy than Poisson (per-run spread ~2 %, batch means below), so 4
   * seeds (about 14 s) are enough; more seeds would not help much, SimFaaS's own 4-run noise
   * stays. For the instance count the noise is far smaller (SimFaaS's spread 7.69 .. 7.72 is
   * +-0.2 %), so besides the 5 % requirement the test also requires agreement within 3 combined
   * standard errors: ours from batch means (4 runs x 20 batches of 50 000 s, each ~80 expiry
   * times long; t with 79 dof), SimFaaS's from its range (sigma ~ range / d2, d2 = 2.059 for 4
   * samples) plus the rounding of the published mean (uniform, 0.01 / sqrt(12)).
   *
   * Sensitivity (same 4 seeds, model perturbed by 5 %): warm service x 1.05 gives instances
   * +2.5 % and P(cold) +3.5 %, caught only by the 3-SE instance check (0.5 % wide), not by the
   * 5 % requirement; keepAlive x 0.95 gives P(cold) +7.2 %, caught by both P(cold) checks.
   * Routing oldest-first instead of newest-first changes neither figure (0.01 %).
   *
   * Busy (running) has an exact value by Little's law: lambda x mean busy time per request =
   * 0.9 x (1.991 + P(cold) x 0.253) = 0.9 x 1.99134 = 1.7922; checked within 3 standard errors
   * (time-average variance ~ lambda E[S^2] = 0.9 x 2 x 1.991^2 = 7.1 per second: SE 0.0013
   * over 4e6 s, 0.07 %).
   */
  const SEEDS = [1, 2, 3, 4];
  const K = 20;

  it('P(cold), mean instances, busy and idle within 5 % of SimFaaS, and within its statistical noise', async () => {
    const s = loadScenario(README);
    const spec = s.platforms[0]!;
    const coldBatches: number[] = [];
    const instanceBatches: number[] = [];
    const runningBatches: number[] = [];
    let cold = 0;
    let arrived = 0;
    const rows: SummaryRecord[] = [];
    for (const seed of SEEDS) {
      const run = manualRun(s, spec, seed);
      const st = run.platform.stats;
      const b = new ArrivalBatches(run.platform, s.warmup, s.duration, K);
      const inst = gaugeBatches(run.sim, (t) => st.starting.integral(t) + st.busy.integral(t) + st.idle.integral(t), s.warmup, s.duration, K);
      const running = gaugeBatches(run.sim, (t) => st.starting.integral(t) + st.busy.integral(t), s.warmup, s.duration, K);
      const r = await run.finish();
      coldBatches.push(...ratios(b.cold, b.arrived));
      instanceBatches.push(...inst.means());
      runningBatches.push(...running.means());
      cold += r.cold_start_requests;
      arrived += r.requests_arrived;
      console.log(
        `SimFaaS README seed ${seed}: ${r.cold_start_requests} cold starts, P(cold) ${r.cold_start_fraction.toFixed(6)},` +
          ` instances ${r.instances_mean.toFixed(4)}, running ${(r.instances_busy_mean + r.instances_starting_mean).toFixed(4)}, idle ${r.instances_idle_mean.toFixed(4)}`,
      );
      expect(r.requests_rejected).toBe(0);
      rows.push(r);
    }
    const pCold = cold / arrived;
    const instances = mean(rows.map((r) => r.instances_mean));
    const running = mean(rows.map((r) => r.instances_busy_mean + r.instances_starting_mean));
    const idle = mean(rows.map((r) => r.instances_idle_mean));
    const ciCold = tInterval(coldBatches, 0.95, pCold);
    const ciInstances = tInterval(instanceBatches, 0.95, instances);
    const ciRunning = tInterval(runningBatches, 0.95, running);
    console.log(
      `SimFaaS README, ${SEEDS.length} seeds: P(cold) ${pCold.toFixed(6)} (SE ${ciCold.se.toExponential(2)}) vs 0.00134;` +
        ` instances ${instances.toFixed(4)} (SE ${ciInstances.se.toFixed(4)}) vs 7.70; running ${running.toFixed(4)} (SE ${ciRunning.se.toFixed(4)}) vs 1.79;` +
        ` idle ${idle.toFixed(4)} vs 5.90`,
    );

    // Requirement: within 5 % of the SimFaaS figures.
    expect(relativeError(pCold, 0.00134)).toBeLessThan(0.05);
    expect(relativeError(instances, 7.7)).toBeLessThan(0.05);
    expect(relativeError(running, 1.79)).toBeLessThan(0.05);
    expect(relativeError(idle, 5.9)).toBeLessThan(0.05);

    // Statistics: P(cold) within 3 combined standard errors (SimFaaS's from its range
    // 0.00131 .. 0.00136: sigma ~ 0.00005 / 2.059, over sqrt(4)); our batch-means SE is checked
    // against the Poisson estimate 1/sqrt(cold starts) it should not exceed by much.
    const seRefCold = 0.00005 / D2_4 / 2;
    expect(Math.abs(pCold - 0.00134)).toBeLessThan(3 * Math.hypot(ciCold.se, seRefCold));
    expect(ciCold.se / pCold).toBeLessThan(1.5 / Math.sqrt(cold));
    // Instance count within 3 combined standard errors: ours (batch means), SimFaaS's (range
    // 7.69 .. 7.72 -> sigma ~ 0.03 / 2.059, mean of 4), rounding of 7.70 (0.01 / sqrt(12)).
    const seRefInstances = Math.hypot(0.03 / D2_4 / 2, 0.01 / Math.sqrt(12));
    expect(Math.abs(instances - 7.7)).toBeLessThan(3 * Math.hypot(ciInstances.se, seRefInstances));
    // Running: Little's law, exact up to our own noise.
    const littleRunning = 0.9 * (1.991 + pCold * 0.253);
    expect(Math.abs(running - littleRunning)).toBeLessThan(3 * ciRunning.se + 1e-9);
  });
});

describe('pacslab analytical model: lambda 100/s, warm 2 s, cold 25 s, expiry 600 s', () => {
  /*
   * Reference (serverless-performance-modeling README): 251.04 instances, 200.15 running, 51.06
   * idle, P(cold) 6.47e-5, for 1e6 s. 1e8 requests would take minutes here, so the horizon is
   * 12 000 s (1.2e6 requests, ~15 s) with the first 2 000 s dropped: the start-up burst (every
   * request cold for the first ~25 s, up to ~800 instances) has expired by ~650 s.
   *
   * Running = lambda x mean busy time = 100 x (2 + 23 x P(cold)) = 200.15 by Little's law,
   * almost whatever P(cold) is, so it is checked tightly: the busy count is M/G/inf-like,
   * time-average variance ~ lambda E[S^2] = 100 x 8 = 800 per second, SE sqrt(800 / 1e4) = 0.28
   * (0.14 %): within 0.75 % (~5 SE). The idle pool is the analytical model's approximation
   * (on the README scenario it is 1.3 % below SimFaaS on instances, 11.5 % below on P(cold)) and
   * moves slowly (expiry 600 s): pilot runs gave a batch-means SE of ~0.95 instances over
   * 20 000 s, ~1.35 over 10 000 s (0.55 % of 251). Tolerance on the total: 3 %, i.e. 3 SE of
   * noise (1.6 %) plus the approximation error the model showed on the README scenario (1.3 %);
   * a 5 % model error (12.5 instances) is still ~3.7 SE beyond it. Idle is total - running, so
   * it inherits the total's absolute slack (7.5 instances, 15 % of idle). P(cold) is reported,
   * not checked: ~100-200 cold starts in 1e4 s, arriving in bursts, and a reference that is
   * itself an approximation (pilots: 8.7e-5 and 1.04e-4 against 6.47e-5).
   */
  it('mean instances 251.04 (running 200.15, idle 51.06)', async () => {
    const spec = cloudRunSpec({
      name: 'analytical',
      autoscaler: 'scale-per-request',
      concurrency: 1,
      keepAlive: 600,
      minInstances: 0,
      maxInstances: 1000,
      routing: 'newest',
      coldStart: exp(23), // 25 s cold service = 23 s start-up + 2 s warm service (means)
      shutdownGrace: 0,
    });
    const s = scenario({ type: 'poisson', rps: 100 }, { cpu: constant(0), io: exp(2), responseBytes: constant(0) }, [spec], 12_000, 2_000);
    const r = await manualRun(s, spec, 1).finish();
    const running = r.instances_busy_mean + r.instances_starting_mean;
    console.log(
      `analytical check: instances ${r.instances_mean.toFixed(3)} vs 251.04, running ${running.toFixed(3)} vs 200.15,` +
        ` idle ${r.instances_idle_mean.toFixed(3)} vs 51.06, P(cold) ${r.cold_start_fraction.toExponential(3)} vs 6.47e-5`,
    );
    expect(r.requests_rejected).toBe(0);
    expect(relativeError(running, 200.15)).toBeLessThan(0.0075);
    expect(relativeError(r.instances_mean, 251.04)).toBeLessThan(0.03);
    expect(Math.abs(r.instances_idle_mean - 51.06)).toBeLessThan(0.03 * 251.04);
  });
});

describe('SimFaaS example 03: rejections at 1000 instances (lambda 1000/s, warm 2.016 s, cold 2.163 s, 1000 s)', () => {
  /*
   * Reference: P(reject) 0.504, P(cold) 0.0010, about 999.4 instances (one SimFaaS run).
   * Overloaded: the 1000 instances are all busy after the first second and never expire, so
   * they serve ~1000 / 2.016 = 496 requests/s and P(reject) ~ 1 - 496 / 1000 = 0.504. Noise:
   * 1000 renewal processes with exponential service complete ~496 000 requests with a standard
   * deviation of ~sqrt(496 000) = 704, i.e. 0.0007 on P(reject); the reference is rounded to
   * 0.001. Tolerance 1 % (0.005, ~5 SD): a 5 % error in the service time moves P(reject) by
   * 0.024. P(cold) is 1000 instance starts over ~1e6 arrivals (the reference has two digits):
   * 5 %. Instances: 1000 minus the ramp-up (~0.5 instance on average over 1000 s): within 0.1 %.
   */
  it('P(reject) 0.504, P(cold) 0.0010, instances 999.4', async () => {
    const spec = cloudRunSpec({
      name: 'example-03',
      autoscaler: 'scale-per-request',
      concurrency: 1,
      keepAlive: 600,
      minInstances: 0,
      maxInstances: 1000,
      routing: 'newest',
      coldStart: exp(2.163 - 2.016),
      shutdownGrace: 0,
    });
    const s = scenario({ type: 'poisson', rps: 1000 }, { cpu: constant(0), io: exp(2.016), responseBytes: constant(0) }, [spec], 1000, 0);
    const r = await manualRun(s, spec, 1).finish();
    const pReject = r.requests_rejected / r.requests_arrived;
    console.log(`example 03: P(reject) ${pReject.toFixed(5)} vs 0.504, P(cold) ${r.cold_start_fraction.toExponential(4)} vs 0.0010, instances ${r.instances_mean.toFixed(3)} vs 999.4`);
    expect(r.instance_starts).toBe(1000);
    expect(relativeError(pReject, 0.504)).toBeLessThan(0.01);
    expect(relativeError(r.cold_start_fraction, 0.001)).toBeLessThan(0.05);
    expect(relativeError(r.instances_mean, 999.4)).toBeLessThan(0.001);
  });
});
