
export const REFERENCES = ['lambda', 'queueing', 'all'] as const;
export type ReferenceName = (typeof REFERENCES)[number];

const pad = (text: string, width: number) => text.padStart(width);
const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '-');

/**
 * `sim reference`: the simulator's evidence in one place. `lambda` replays the twenty AWS
 * Lambda measurements (data/lambda-measurements.csv) and prints measured beside simulated
 * P(cold) and mean instances with the mean absolute percentage error, next to SimFaaS's;
 * `queueing` prints the closed forms of docs/validation.md beside simulated values.
 */
export async function referenceCommand(name: ReferenceName, seed: number, stdout: (text: string) => void): Promise<void> {
  // Loaded here, not at start-up: the references run simulations (issue 12, start-up).
  if (name === 'lambda' || name === 'all') {
    const { lambdaReference, SIMFAAS_MAPE } = await import('../validation/lambda.js');
    const report = lambdaReference({ seed, replications: 3 });
    const lines = [
      'AWS Lambda measurements (SimFaaS data, MIT) replayed on the lambda model (models/lambda.json), 1e6 s, mean of 3 replications per row',
      `${'experiment'.padEnd(14)}${pad('rate/s', 8)}${pad('P(cold) meas', 14)}${pad('sim', 9)}${pad('instances meas', 16)}${pad('sim', 8)}`,
    ];
    for (const r of report.rows) {
      lines.push(
        `${r.name.padEnd(14)}${pad(fixed(r.arrivalRate, 4), 8)}${pad(fixed(r.pCold, 4), 14)}${pad(fixed(r.simulatedPCold, 4), 9)}${pad(fixed(r.instances, 3), 16)}${pad(fixed(r.simulatedInstances, 3), 8)}`,
      );
    }
    lines.push(
      `mean absolute percentage error: P(cold) ${fixed(report.mapePCold, 2)} % (SimFaaS ${SIMFAAS_MAPE.pCold} %), mean instances ${fixed(report.mapeInstances, 2)} % (SimFaaS ${SIMFAAS_MAPE.instances} %)`,
      '',
    );
    stdout(`${lines.join('\n')}\n`);
  }
  if (name === 'queueing' || name === 'all') {
    const { queueingReferences } = await import('../validation/queueing.js');
    const rows = queueingReferences({ seed });
    const lines = ['Closed forms (docs/validation.md) beside the simulator', `${'reference'.padEnd(58)}${'quantity'.padEnd(36)}${pad('expected', 11)}${pad('simulated', 11)}${pad('error', 9)}`];
    for (const r of rows) {
      lines.push(`${r.reference.padEnd(58)}${r.quantity.padEnd(36)}${pad(r.expected.toPrecision(5), 11)}${pad(r.simulated.toPrecision(5), 11)}${pad(`${fixed(r.errorPct, 2)} %`, 9)}`);
    }
    lines.push('(one run each; test/validation/ runs them longer and checks each against its confidence interval)');
    stdout(`${lines.join('\n')}\n`);
  }
}
