import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../experiment/run.js';
import { csvParser } from '../output/csv-parser.js';
import { packageRoot } from '../scenario/presets.js';
import { resolveScenario } from '../scenario/load.js';

/** One AWS Lambda experiment of data/lambda-measurements.csv (SimFaaS, MIT). */
export interface LambdaMeasurement {
  readonly name: string;
  readonly arrivalRate: number;
  readonly warmMs: number;
  readonly coldMs: number;
  readonly expiryMinutes: number;
  readonly instances: number;
  readonly pCold: number;
  readonly pColdSe: number;
}

export interface LambdaRow extends LambdaMeasurement {
  readonly simulatedPCold: number;
  readonly simulatedInstances: number;
}

export interface LambdaReport {
  readonly rows: readonly LambdaRow[];
  /** Mean absolute percentage errors, in percent. */
  readonly mapePCold: number;
  readonly mapeInstances: number;
}

/** SimFaaS's own figures on the same rows (docs/validation.md), for comparison. */
export const SIMFAAS_MAPE = { pCold: 13.45, instances: 3.23 } as const;

export function readLambdaMeasurements(path = join(packageRoot(), 'data', 'lambda-measurements.csv')): LambdaMeasurement[] {
  const records = csvParser().parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return records.map((r) => ({
    name: r['']!,
    arrivalRate: Number(r.ArrivalRate),
    warmMs: Number(r.ServiceTimeWarm),
    coldMs: Number(r.ServiceTimeCold),
    expiryMinutes: Number(r.IdleMinutesBeforeKill),
    instances: Number(r.AverageInstanceCount),
    pCold: Number(r.ColdStartProbability),
    pColdSe: Number(r.ColdStartProbabilitySE),
  }));
}

/**
 * The scenario for one row, as validation.md prescribes, on the `lambda` model
 * (src/platforms/lambda/): Poisson arrivals at the row's rate; warm service exponential with the
 * row's warm mean (I/O only: an execution environment serves one request at a time, so its
 * vCPU plays no part); a cold request also waits an INIT whose mean is the row's cold minus
 * warm mean, so its mean total is the row's cold mean; environments expire the row's idle
 * minutes after their last request; the newest idle environment takes a request (the catalog's
 * routing, SimFaaS's too); 1e6 s simulated. The timeout is AWS's maximum, 900 s (the catalog's
 * 3 s default would stop a fifth of these 2-s exponential invocations, which the measured
 * functions did not), and no front-end latency (none was measured).
 */
export function lambdaScenario(row: LambdaMeasurement, duration = 1e6): unknown {
  return {
    name: `lambda-${row.name}`,
    duration,
    traffic: { type: 'poisson', rps: row.arrivalRate },
    requests: { cpu: 0, io: { dist: 'exponential', mean: row.warmMs / 1000 }, responseBytes: 0 },
    platforms: [
      {
        name: 'lambda',
        model: 'lambda',
        keepAlive: row.expiryMinutes * 60,
        requestTimeout: 900,
        frontEndLatency: 0,
        coldStart: { dist: 'exponential', mean: Math.max(0, row.coldMs - row.warmMs) / 1000 },
      },
    ],
  };
}

export interface LambdaOptions {
  readonly seed?: number;
  readonly duration?: number;
  /** Runs per row (replication i uses the streams of seed/i); the row's figure is their mean. */
  readonly replications?: number;
}

/**
 * Replays one row `replications` times and averages: averaging removes simulation noise from
 * the comparison, so what is left is model error plus measurement noise.
 */
export function simulateLambdaRow(row: LambdaMeasurement, options: LambdaOptions = {}): LambdaRow {
  const scenario = resolveScenario(lambdaScenario(row, options.duration), '');
  const replications = options.replications ?? 1;
  let pCold = 0;
  let instances = 0;
  for (let replication = 0; replication < replications; replication++) {
    const [summary] = runScenario(scenario, { seed: options.seed ?? 1, replication });
    pCold += summary!.cold_start_fraction / replications;
    instances += summary!.instances_mean / replications;
  }
  return { ...row, simulatedPCold: pCold, simulatedInstances: instances };
}

/** Mean absolute percentage errors of simulated against measured, in percent. */
export function lambdaReport(rows: readonly LambdaRow[]): LambdaReport {
  const mape = (pick: (r: LambdaRow) => [number, number]) =>
    (100 * rows.reduce((sum, r) => sum + Math.abs(pick(r)[0] - pick(r)[1]) / pick(r)[1], 0)) / rows.length;
  return {
    rows,
    mapePCold: mape((r) => [r.simulatedPCold, r.pCold]),
    mapeInstances: mape((r) => [r.simulatedInstances, r.instances]),
  };
}

/** Replays every measured row (see simulateLambdaRow) and compares. */
export function lambdaReference(options: LambdaOptions = {}): LambdaReport {
  return lambdaReport(readLambdaMeasurements().map((row) => simulateLambdaRow(row, options)));
}
