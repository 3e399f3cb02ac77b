import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { measure, measureSim, median, PYTHON_USAGE_PREAMBLE } from './whole-process.js';

/**
 * SimFaaS side by side with `sim` on the SimFaaS README scenario (issue 12 item 4): whole
 * processes, CPU seconds, `repeat` runs of each in turn, medians. SimFaaS
 * (https://github.com/pacslab/simfaas, MIT) is Python with numpy, pandas, scipy, tqdm and
 * matplotlib (its SimProcess module imports it); the bench runs it when `python -c "import
 * simfaas"` works, with SIMFAAS_PATH (the directory holding the `simfaas` package) put on
 * PYTHONPATH, and SIMFAAS_PYTHON (default /usr/bin/python3 when it exists: Debian's numpy
 * stack, else python3) as the interpreter.
 * Otherwise it says why it was skipped.
 */
export interface SimfaasComparison {
  readonly ran: boolean;
  /** Why SimFaaS did not run, when it did not. */
  readonly skipped?: string;
  readonly simCpuSeconds: readonly number[];
  readonly simWallSeconds: readonly number[];
  readonly simfaasCpuSeconds: readonly number[];
  /** Median SimFaaS CPU over median sim CPU: goal >= 25. */
  readonly ratio: number | null;
  /** What each printed: sim's P(cold) and mean instances; SimFaaS's requests, P(cold), mean servers. */
  readonly simCheck: string;
  readonly simfaasCheck: string;
}

export const SIMFAAS_GOAL = 25;

/** The SimFaaS README scenario, as its README runs it (1e6 s, seed 1). */
const SIMFAAS_SCRIPT = [
  'import numpy as np',
  'from simfaas.ServerlessSimulator import ServerlessSimulator as Sim',
  'np.random.seed(1)',
  's = Sim(arrival_rate=0.9, warm_service_rate=1/1.991, cold_service_rate=1/2.244, expiration_threshold=600, max_time=1e6)',
  's.generate_trace(debug_print=False, progress=False)',
  's.calculate_time_lengths()',
  'print(s.total_req_count, s.get_cold_start_prob(), float(s.get_average_server_count()))',
  '',
].join('\n');

function python(): string {
  return process.env.SIMFAAS_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

function pythonEnv(): NodeJS.ProcessEnv {
  const path = process.env.SIMFAAS_PATH;
  if (path === undefined) return {};
  return { PYTHONPATH: [path, process.env.PYTHONPATH].filter((p) => p !== undefined && p !== '').join(':') };
}

/** Null when SimFaaS can run; else why not. */
export function simfaasMissing(): string | null {
  const r = spawnSync(python(), ['-c', 'import numpy, pandas, scipy, tqdm, simfaas'], { encoding: 'utf8', env: { ...process.env, ...pythonEnv() } });
  if (r.error !== undefined) return `no Python interpreter ${python()} (${r.error.message}); set SIMFAAS_PYTHON`;
  if (r.status !== 0) {
    const last = (r.stderr ?? '').trim().split('\n').pop() ?? '';
    return `${python()} cannot import SimFaaS and its packages (${last}); put its directory in SIMFAAS_PATH, and numpy, pandas, scipy, tqdm and matplotlib on that Python`;
  }
  return null;
}

export function compareWithSimfaas(repeat: number): SimfaasComparison {
  const missing = simfaasMissing();
  const sim: { cpu: number; wall: number; out: string }[] = [];
  const simfaas: { cpu: number; out: string }[] = [];
  for (let k = 0; k < repeat; k++) {
    const s = measureSim(['run', 'workloads/simfaas-readme.json', '--format', 'csv']);
    sim.push({ cpu: s.cpuSeconds, wall: s.wallSeconds, out: s.stdout });
    if (missing === null) {
      const p = measure(python(), ['-'], { input: PYTHON_USAGE_PREAMBLE + SIMFAAS_SCRIPT, env: pythonEnv() });
      simfaas.push({ cpu: p.cpuSeconds, out: p.stdout.trim() });
    }
  }
  const simMedian = median(sim.map((s) => s.cpu));
  return {
    ran: missing === null,
    ...(missing !== null ? { skipped: missing } : {}),
    simCpuSeconds: sim.map((s) => s.cpu),
    simWallSeconds: sim.map((s) => s.wall),
    simfaasCpuSeconds: simfaas.map((s) => s.cpu),
    ratio: missing === null ? median(simfaas.map((s) => s.cpu)) / simMedian : null,
    simCheck: csvCheck(sim[0]?.out ?? ''),
    simfaasCheck: simfaas[0]?.out ?? '',
  };
}

/** P(cold) and mean instances from `sim run --format csv`. */
function csvCheck(csv: string): string {
  const [header, row] = csv.trim().split('\n');
  if (header === undefined || row === undefined) return '';
  const fields = header.split(',');
  const values = row.split(',');
  const get = (name: string): string => values[fields.indexOf(name)] ?? '?';
  return `requests ${get('requests_arrived')}, P(cold) ${get('cold_start_fraction')}, instances ${get('instances_mean')}`;
}
