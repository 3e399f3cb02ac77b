/**
 * M/M/c at utilisation 0.95 (docs/validation.md: Wq within 3 % at 0.5, 0.8 and 0.95; the
 * lighter cases are in mmc.test.ts). A file of its own so that vitest runs it on one core while
 * the other validation files share the second.
 *
 * Exact values (mu = 1):
 *   c 2, lambda 1.9: C(2, 1.9) = 0.925641, Wq = 0.925641 / 0.1 = 9.256410, W = 10.256410
 *   c 4, lambda 3.8: C(4, 3.8) = 0.891419, Wq = 0.891419 / 0.2 = 4.457095, W = 5.457095
 *
 * Why so many requests: the relaxation time is 1 / (c mu (1 - sqrt(rho))^2) = 780 s for c = 2
 * (390 s for c = 4), and the batch-means variance of Wq scales like the heavy-traffic
 * asymptotic variance 2 sigma^2 / theta^2 of a reflected Brownian motion (drift theta =
 * c mu - lambda, variance sigma^2 = 2 lambda): about 1500 / (c x time) relative, i.e. a
 * relative standard error of about sqrt(1440 / requests). Pilot runs: a 95 % half-width of
 * 6 % at 2e6 requests and 2.4 % at 1.6e7, for both c. So 3e7 requests per case for a
 * half-width near 1.8 % (standard error 0.9 %; about 30 s per case on this machine). A 5 %
 * model error is then about 5.5 standard errors from the exact value and 2.2 beyond the 3 %
 * line. Here the 99.9 % interval check (half-width ~3 %, see CHECK_LEVEL in mmc-model.ts) is
 * no tighter than the 3 % requirement; P(wait), whose interval is ~0.15 % wide, is.
 */
import { describe, expect, it } from 'vitest';
import { covers, erlangC, lag1Autocorrelation, mmcWq, relativeError } from '../helpers/stats.js';
import { MU, runMmc } from './mmc-model.js';

const TOLERANCE = 0.03;

describe('M/M/c in heavy traffic (rho = 0.95)', () => {
  for (const [c, seed] of [
    [2, 8],
    [4, 9],
  ] as const) {
    it(`c = ${c}: Wq within 3 % and inside the 99.9 % batch-means interval; Little's law`, async () => {
      const rho = 0.95;
      const lambda = c * rho * MU;
      const r = await runMmc(c, rho, 3e7, seed);
      const exact = mmcWq(c, lambda, MU);
      const sim = r.summary.queue_wait_mean_s;
      console.log(
        `M/M/${c} rho ${rho}: Wq sim ${sim.toFixed(4)} exact ${exact.toFixed(4)} err ${(100 * (sim / exact - 1)).toFixed(2)} %,` +
          ` 95 % half-width ${(100 * (r.wq95.halfWidth / exact)).toFixed(2)} %, 99.9 % ${(100 * (r.wqCheck.halfWidth / exact)).toFixed(2)} %,` +
          ` batch lag-1 autocorrelation ${lag1Autocorrelation(r.wqBatches).toFixed(3)}; P(wait) ${r.pWaitCheck.estimate.toFixed(5)} +- ${r.pWaitCheck.halfWidth.toFixed(5)} vs ${erlangC(c, lambda).toFixed(5)}`,
      );
      expect(r.wq95.estimate).toBeCloseTo(sim, 9);
      expect(r.wq95.halfWidth / exact).toBeLessThan(TOLERANCE / 1.2);
      expect(relativeError(sim, exact)).toBeLessThan(TOLERANCE);
      expect(covers(r.wqCheck, exact)).toBe(true);
      expect(covers(r.pWaitCheck, erlangC(c, lambda / MU))).toBe(true);
      expect(relativeError(r.summary.latency_mean_s, exact + 1 / MU)).toBeLessThan(TOLERANCE);
      // Little's law (see mmc.test.ts): edge effects ~ W / span = 10 / 8e6, far below 1e-3.
      const L = r.inFlightMean + r.queuedMean;
      expect(relativeError(L, r.arrivalRate * r.summary.latency_mean_s)).toBeLessThan(1e-3);
      expect(relativeError(r.queuedMean, r.arrivalRate * sim)).toBeLessThan(1e-3);
    });
  }
});
