import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { handleError } from '../../src/cli/handle-error.js';
import { runCommand } from '../../src/cli/run.js';
import { mutatedScenario, scenarioFile } from './scenario-arbitrary.js';

/**
 * Property-based fuzzing of `sim run` over the scenario schema (fast-check): each generated
 * scenario, valid or mutated, must end in exit 0 with output that keeps every invariant, or
 * exit 2 with one line; anything else (exit 1, a stack trace, a broken invariant) fails.
 *
 * `npm test` runs a bounded number of scenarios from a fixed seed (a few seconds); `npm run
 * fuzz` runs many more from a fresh seed (FUZZ_RUNS, FUZZ_SEED to replay) and prints the
 * outcome counts.
 */

const fuzzing = process.env.npm_lifecycle_event === 'fuzz';
const RUNS = fuzzing ? Number(process.env.FUZZ_RUNS ?? 2000) : 60;
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : fuzzing ? Date.now() % 2 ** 31 : 20261130;

const dir = mkdtempSync(join(tmpdir(), 'scalesim-fuzz-'));
const outcomes = { generated: 0, mutants: 0, ok: 0, badInput: 0, other: 0 };

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (fuzzing) console.log(`fuzz: seed ${SEED}: ${JSON.stringify(outcomes)}`);
});

type Json = Record<string, number | string | null>;

const COUNTS = ['requests_arrived', 'requests_completed', 'requests_rejected', 'requests_timed_out', 'requests_failed', 'requests_unfinished', 'instance_starts', 'cold_start_requests'];
const COMPONENTS = ['cost_cpu_usd', 'cost_memory_usd', 'cost_idle_usd', 'cost_requests_usd', 'cost_network_usd', 'cost_fixed_usd', 'cost_discount_usd'];
const QUANTILES = ['latency_p50_s', 'latency_p90_s', 'latency_p95_s', 'latency_p99_s', 'latency_p999_s', 'latency_max_s'];

/** The output invariants, on one record of `sim run --format json`; a message per broken one. */
export function brokenInvariants(r: Json): string[] {
  const broken: string[] = [];
  const num = (field: string): number | null => {
    const v = r[field];
    if (v === null) return null;
    if (typeof v !== 'number') {
      broken.push(`${field} = ${JSON.stringify(v)} is not a number`);
      return null;
    }
    return v;
  };
  for (const [field, value] of Object.entries(r)) {
    if (typeof value === 'string' && ['status', 'scenario', 'platform', 'model'].includes(field)) continue;
    if (value !== null && !(typeof value === 'number' && Number.isFinite(value))) broken.push(`${field} = ${JSON.stringify(value)} is not finite`);
  }
  for (const field of COUNTS) {
    const v = num(field);
    if (v === null || !Number.isInteger(v) || v < 0) broken.push(`${field} = ${v}: a count must be an integer >= 0`);
  }
  const arrived = num('requests_arrived') ?? NaN;
  const accounted = ['requests_completed', 'requests_rejected', 'requests_timed_out', 'requests_failed', 'requests_unfinished'].reduce((a, f) => a + (num(f) ?? NaN), 0);
  if (accounted !== arrived) broken.push(`completed + rejected + timed out + failed + unfinished = ${accounted}, arrived = ${arrived}`);
  for (const field of Object.keys(r).filter((f) => f.startsWith('cost_') && f !== 'cost_discount_usd')) {
    const v = num(field);
    if (v === null || v < 0) broken.push(`${field} = ${v}: a cost must be >= 0`);
  }
  const discount = num('cost_discount_usd');
  if (discount === null || discount > 0) broken.push(`cost_discount_usd = ${discount}: a discount must be <= 0`);
  const total = num('cost_total_usd') ?? NaN;
  const sum = COMPONENTS.reduce((a, f) => a + (num(f) ?? NaN), 0);
  // Components add up to the total; the total is clamped at 0 where the free tier is larger
  // than the bill, so the sum may be a hair below 0 there. 12 significant digits are printed.
  const expected = Math.max(0, sum);
  if (!(Math.abs(total - expected) <= 1e-9 + 1e-10 * Math.abs(total))) broken.push(`components sum to ${sum}, total is ${total}`);
  const q = QUANTILES.map(num);
  if ((num('requests_completed') ?? 0) > 0 && q.some((v) => v === null)) broken.push('a latency is missing although requests completed');
  for (let i = 1; i < q.length; i++) {
    const a = q[i - 1];
    const b = q[i];
    if (a != null && b != null && a > b) broken.push(`${QUANTILES[i - 1]} = ${a} > ${QUANTILES[i]} = ${b}`);
  }
  for (const field of ['cold_start_fraction', 'cpu_utilization_mean']) {
    const v = num(field);
    if (v !== null && (v < 0 || v > 1 + 1e-9)) broken.push(`${field} = ${v}: a fraction from 0 to 1`);
  }
  return broken;
}

let counter = 0;

/** Runs one scenario as `sim run FILE --format json` does; the exit code and the output. */
async function simRun(file: unknown, seed: number): Promise<{ code: number; stdout: string; stderr: string }> {
  const path = join(dir, `s${counter++}.json`);
  writeFileSync(path, JSON.stringify(file));
  let stdout = '';
  let stderr = '';
  try {
    await runCommand(path, { seed, set: [], format: 'json', timelineStep: 60, maxSeconds: 60 }, (t) => (stdout += t), (t) => (stderr += t));
    return { code: 0, stdout, stderr };
  } catch (error) {
    const code = handleError(error, (t) => (stderr += t));
    return { code, stdout, stderr };
  } finally {
    rmSync(path, { force: true });
  }
}

/** The property: exit 0 with every invariant, or exit 2 with one line; counted for the report. */
async function holds(file: unknown, seed: number, mutant: boolean): Promise<void> {
  outcomes.generated++;
  if (mutant) outcomes.mutants++;
  const r = await simRun(file, seed);
  if (r.code === 2) {
    outcomes.badInput++;
    if (process.env.FUZZ_DEBUG && !mutant) console.log(r.stderr);
    // One line per problem (a file with two bad fields gets two), each naming the file or flag; no stack.
    const lines = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('sim: warning: '));
    expect(lines.length, r.stderr).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toMatch(/^sim: \S/);
    for (const line of lines) expect(line, r.stderr).not.toMatch(/^\s+at |Error:|undefined/);
    return;
  }
  if (r.code !== 0) {
    outcomes.other++;
    throw new Error(`exit ${r.code}: ${r.stderr}\nscenario: ${JSON.stringify(file)}`);
  }
  const records = (JSON.parse(r.stdout) as { records: Json[] }).records;
  const broken = records.flatMap((record) => brokenInvariants(record).map((b) => `${record.platform}: ${b}`));
  if (broken.length > 0) {
    outcomes.other++;
    throw new Error(`${broken.join('\n')}\nscenario: ${JSON.stringify(file)} seed ${seed}`);
  }
  outcomes.ok++;
}

describe('sim run over fuzzed scenarios (fast-check)', () => {
  it(`keeps the output invariants or refuses in one line (${RUNS} scenarios, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: scenarioFile.map((f) => ({ f, mutant: false })) }, { weight: 1, arbitrary: mutatedScenario.map((f) => ({ f, mutant: true })) }),
        fc.integer({ min: 0, max: 1000 }),
        async ({ f, mutant }, seed) => holds(f, seed, mutant),
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(outcomes.ok).toBeGreaterThan(RUNS / 4); // most generated scenarios are valid ones
  }, fuzzing ? 0 : 120_000);
});
