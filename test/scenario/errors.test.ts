import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, resolveScenario } from '../../src/scenario/load.js';
import { baseScenario, expectInputError } from './helpers.js';

/** baseScenario with `edit` applied. */
function scenarioWith(edit: (raw: Record<string, any>) => void): Record<string, unknown> {
  const raw = baseScenario() as Record<string, any>;
  edit(raw);
  return raw;
}

const resolve = (edit: (raw: Record<string, any>) => void) => () => resolveScenario(scenarioWith(edit), 'x.json');

describe('bad scenario input', () => {
  it('an unknown key, at the top and in a platform', () => {
    expectInputError(resolve((r) => (r.durration = '1h')), ['x.json', 'durration', '"1h" is not allowed', 'unknown key "durration"', 'duration', 'warmup', 'traffic']);
    expectInputError(
      resolve((r) => (r.platforms[0].concurency = 40)),
      ['x.json', 'platforms[0].concurency', '40 is not allowed', 'concurrency', 'coldStart'],
    );
    expectInputError(resolve((r) => (r.requests.cpu.cv = 1)), ['requests.cpu.cv', 'unknown key "cv"', 'dist, mean']);
  });

  it('a bad unit', () => {
    expectInputError(
      resolve((r) => (r.requests.cpu.mean = '30 msec')),
      ['x.json', 'requests.cpu.mean', '"30 msec" is not allowed', 'a duration', '"100ms"'],
    );
    expectInputError(resolve((r) => (r.duration = '1 week')), ['x.json: duration: "1 week" is not allowed: a duration: seconds as a number >= 0']);
    expectInputError(resolve((r) => (r.platforms[0].memory = '512MB!')), ['platforms[0].memory', '"512MB!"', '"512Mi"']);
  });

  it('out-of-range concurrency', () => {
    expectInputError(
      resolve((r) => (r.platforms[0].concurrency = 1001)),
      ['x.json: platforms[0].concurrency: 1001 is not allowed: max concurrent requests per instance: an integer from 1 to 1000'],
    );
    expectInputError(resolve((r) => (r.platforms[0].concurrency = 2.5)), ['platforms[0].concurrency', '2.5', 'an integer from 1 to 1000']);
  });

  it('an unknown machine type, listing the known ones', () => {
    expectInputError(
      resolve((r) => (r.platforms[1].machineType = 'e2-huge')),
      ['x.json', 'platforms[1].machineType', '"e2-huge" is not allowed', 'e2-micro', 'e2-medium', 'n2-standard-2', 'n1-standard-1'],
    );
  });

  it('an unknown region, listing the known ones', () => {
    expectInputError(resolve((r) => (r.platforms[0].region = 'mars-north1')), ['platforms[0].region', '"mars-north1"', 'us-central1', 'europe-west2']);
    expectInputError(resolve((r) => (r.platforms[1].region = 'europe-west1')), ['platforms[1].region', 'us-central1']);
  });

  it('duplicate platform names', () => {
    expectInputError(
      resolve((r) => (r.platforms[1].name = 'cloud-run')),
      ['x.json', 'platforms[1].name', '"cloud-run" is not allowed', 'a unique platform name', 'platforms[0]'],
    );
    expectInputError(resolve((r) => (r.platforms[0].name = 'traffic')), ['platforms[0].name', 'top-level keys']);
    expectInputError(resolve((r) => (r.platforms[0].name = 'a.b')), ['platforms[0].name', '"a.b"', 'letters, digits']);
  });

  it('an unknown model or traffic type', () => {
    expectInputError(resolve((r) => (r.platforms[0].model = 'gke')), ['platforms[0].model', '"gke" is not allowed', '"cloud-run", "compute-engine"']);
    expectInputError(resolve((r) => (r.traffic.type = 'burst')), ['traffic.type', '"burst"', '"poisson", "diurnal", "piecewise", "sum"']);
    expectInputError(resolve((r) => (r.requests.cpu.dist = 'weibull')), ['requests.cpu.dist', '"weibull"', '"lognormal"']);
  });

  it('lists every schema problem, one per line', () => {
    const message = expectInputError(
      resolve((r) => {
        r.platforms[0].concurrency = 0;
        r.platforms[1].count = -1;
        delete r.name;
      }),
      ['platforms[0].concurrency', 'platforms[1].count', 'x.json: name: missing'],
    );
    expect(message.split('\n')).toHaveLength(3);
  });

  it('cross-field rules', () => {
    expectInputError(resolve((r) => (r.warmup = '2h')), ['x.json: warmup: "2h" is not allowed', 'shorter than duration (1h)']);
    expectInputError(resolve((r) => Object.assign(r.platforms[0], { minInstances: 5, maxInstances: 2 })), ['platforms[0].minInstances', '5', 'at most maxInstances (2)']);
    expectInputError(resolve((r) => Object.assign(r.platforms[0], { cpu: 0.5 })), ['platforms[0].concurrency', '80', 'cpu >= 1']);
    expectInputError(resolve((r) => Object.assign(r.platforms[0], { cpu: 3 })), ['platforms[0].cpu', '3', '2, 4, 6 or 8']);
    expectInputError(resolve((r) => Object.assign(r.platforms[0], { cpu: 1, memory: '8Gi' })), ['platforms[0].memory', '"8Gi"', 'to 4 GiB with cpu 1']);
    expectInputError(resolve((r) => Object.assign(r.platforms[0], { memory: '64Mi' })), ['platforms[0].memory', 'from 128 MiB']);
    expectInputError(resolve((r) => Object.assign(r.platforms[0], { requestTimeout: '2h' })), ['platforms[0].requestTimeout', '3600s']);
    expectInputError(resolve((r) => Object.assign(r.platforms[0], { autoscaler: 'scale-per-request' })), ['platforms[0].concurrency', '80', 'scale-per-request']);
    expectInputError(resolve((r) => (r.traffic = { type: 'piecewise', points: [[0, 1], ['1h', 2], ['30m', 3]] })), ['traffic.points[2][0]', '"30m"', 'strictly increasing']);
    expectInputError(resolve((r) => (r.traffic = { type: 'piecewise', points: [['1m', 1]] })), ['traffic.points[0][0]', 'time 0']);
    expectInputError(resolve((r) => (r.traffic = { type: 'piecewise', points: [[0, 1]], scale: 0 })), ['traffic.scale', '0 is not allowed', 'multiplies every rate of the points: a number > 0 (default 1)']);
    // Bounded numbers with a default say what they are too, not only their bound.
    expectInputError(resolve((r) => (r.traffic = { type: 'diurnal', meanRps: 1, peakToTrough: 2, peakHour: 3, weekendFactor: -1 })), ['traffic.weekendFactor', '-1 is not allowed', 'Saturday and Sunday rates are multiplied by this: a number >= 0']);
    expectInputError(resolve((r) => (r.slo = { served: 0 })), ['slo.served', '0 is not allowed', 'the share of arriving requests that must complete', 'a number > 0 and <= 1']);
    expectInputError(resolve((r) => (r.requests.cpu = { dist: 'pareto', shape: 1, mean: 1 })), ['requests.cpu.shape', 'shape > 1']);
    expectInputError(resolve((r) => (r.requests.cpu = { dist: 'uniform', min: 2, max: 1 })), ['requests.cpu.max', '>= min']);
  });

  it('a file that is missing or not JSON, with line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalesim-scenario-'));
    expectInputError(() => loadScenario(join(dir, 'none.json')), [join(dir, 'none.json'), 'no such file']);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "name": "x",\n  "duration": 1h\n}\n');
    expectInputError(() => loadScenario(bad), [bad, 'line 3, column 16', 'not valid JSON']);
    writeFileSync(bad, '{\n  "name": "x",\n}');
    expectInputError(() => loadScenario(bad), [bad, 'line 3, column 1']);
    writeFileSync(bad, '{"name": "x"');
    expectInputError(() => loadScenario(bad), [bad, 'line 1, column 13']);
  });

  it('a bad start time or queue limit', () => {
    expectInputError(resolve((r) => (r.start = 'monday')), ['x.json: start: "monday" is not allowed: an ISO 8601']);
    expectInputError(resolve((r) => (r.platforms[1].queueLimit = 'lots')), ['platforms[1].queueLimit', '"lots"', 'an integer >= 0, "unbounded" or null']);
  });

  it('a scenario that is not an object', () => {
    expectInputError(() => resolveScenario([1, 2], 'x.json'), ['x.json', 'is not allowed']);
    expectInputError(() => resolveScenario(null, 'x.json', ['duration=1h']), ['x.json', 'a JSON object']);
  });
});

describe('Cloud Run memory limits', () => {
  it.each([
    [0.25, '512Mi', true],
    [0.25, '1Gi', false],
    [0.5, '1Gi', true],
    [1, '4Gi', true],
    [2, '8Gi', true],
    [2, '9Gi', false],
    [4, '1Gi', false],
    [4, '16Gi', true],
    [8, '32Gi', true],
    [8, '2Gi', false],
  ])('cpu %s with memory %s allowed: %s', (cpu, memory, ok) => {
    const run = () =>
      resolveScenario(
        scenarioWith((r) => (r.platforms = [{ name: 'a', model: 'cloud-run', cpu, memory, concurrency: 1 }])),
        'x.json',
      );
    if (ok) expect(run).not.toThrow();
    else expectInputError(run, ['platforms[0].memory', `"${memory}"`, `with cpu ${cpu}`]);
  });
});
