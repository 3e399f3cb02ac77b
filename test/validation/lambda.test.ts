/**
 * Proof against real measurements (issue "Platform and billing fidelity"): the twenty AWS
 * Lambda experiments published with SimFaaS (data/lambda-measurements.csv), each replayed on
 * the `lambda` platform model (src/platforms/lambda/, models/lambda.json) for 1e6 s as
 * docs/validation.md prescribes, three replications per row averaged. (Until issue 8 they ran
 * on Cloud Run's scale-per-request policy; the Lambda model gives the same figures at seed 1,
 * 12.06 % and 3.01 %: the same rules, drawn from the same streams.) SimFaaS reaches a mean absolute percentage error of 13.45 %
 * on P(cold) and 3.23 % on mean instance count; its authors' analytical model 18.0 % and
 * 4.6 %. This pins ours below SimFaaS's on both.
 *
 * What the margin means: the measurements carry about 10 % noise on P(cold) (their own
 * standard errors), a floor no model can beat. One replication per row gave P(cold) MAPEs of
 * 12.1 to 14.3 % over seeds 1-5 (instances 3.04 to 3.20 %); averaging three replications
 * removes most of the simulation noise and gave 12.1 % and 3.0 % at seed 1.
 */
import { describe, expect, it } from 'vitest';
import { lambdaReport, readLambdaMeasurements, SIMFAAS_MAPE, simulateLambdaRow, type LambdaRow } from '../../src/validation/lambda.js';

describe('AWS Lambda measurements replayed on the lambda model', () => {
  it('mean absolute percentage errors below SimFaaS on P(cold) and on mean instances', async () => {
    const rows: LambdaRow[] = [];
    for (const row of readLambdaMeasurements()) {
      rows.push(simulateLambdaRow(row, { seed: 1, replications: 3 }));
      // Let the test worker answer vitest between rows (its RPC times out after 60 s blocked).
      await new Promise((resolve) => setImmediate(resolve));
    }
    const report = lambdaReport(rows);
    expect(report.rows).toHaveLength(20);
    console.log(`Lambda MAPE: P(cold) ${report.mapePCold.toFixed(2)} %, instances ${report.mapeInstances.toFixed(2)} %`);
    expect(report.mapePCold).toBeLessThan(SIMFAAS_MAPE.pCold);
    expect(report.mapeInstances).toBeLessThan(SIMFAAS_MAPE.instances);
    // Every row within a band a broken model (no expiry, wrong service time) would leave.
    for (const r of report.rows) {
      expect(Math.abs(r.simulatedInstances / r.instances - 1)).toBeLessThan(0.12);
      expect(Math.abs(r.simulatedPCold / r.pCold - 1)).toBeLessThan(0.6);
    }
  });
});
