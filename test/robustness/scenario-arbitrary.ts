import fc from 'fast-check';

/**
 * Scenario files drawn from the schema's space (src/scenario/schema.ts): every traffic type but
 * trace (files), every distribution, both platforms with their autoscalers, billing and
 * fault settings, and small durations, so a run takes milliseconds. Values stay mostly inside
 * what the schema allows; `mutatedScenario` then breaks some on purpose.
 */

const ms = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true }).map((x) => `${Number(x.toFixed(3))}ms`);
// Mostly a busy rate (fast-check leans to the ends of a range, and a rate of 0 everywhere is refused).
const rps = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.double({ min: 0.2, max: 30, noNaN: true }).map((x) => Number(x.toFixed(3))) });

const durationDist = (lo: number, hi: number) =>
  fc.oneof(
    ms(lo, hi),
    fc.record({ dist: fc.constant('constant'), value: ms(lo, hi) }),
    fc.record({ dist: fc.constant('exponential'), mean: ms(Math.max(lo, 0.1), hi) }),
    fc.record({ dist: fc.constantFrom('lognormal', 'gamma'), mean: ms(Math.max(lo, 0.1), hi), cv: fc.double({ min: 0, max: 3, noNaN: true }) }),
    fc.tuple(ms(lo, hi), ms(lo, hi)).map(([a, b]) => ({ dist: 'uniform', min: a < b ? a : b, max: a < b ? b : a })),
    fc.record({ dist: fc.constant('pareto'), shape: fc.double({ min: 1.05, max: 5, noNaN: true }), mean: ms(Math.max(lo, 0.1), hi) }),
    fc.record({ dist: fc.constant('empirical'), values: fc.array(ms(lo, hi), { minLength: 1, maxLength: 5 }) }),
  );

const bytesDist = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.record({ dist: fc.constant('exponential'), mean: fc.integer({ min: 1, max: 1_000_000 }) }),
  fc.record({ dist: fc.constant('lognormal'), mean: fc.integer({ min: 1, max: 1_000_000 }), cv: fc.double({ min: 0, max: 3, noNaN: true }) }),
  fc.record({ dist: fc.constant('pareto'), shape: fc.double({ min: 1.05, max: 4, noNaN: true }), scale: fc.integer({ min: 1, max: 100_000 }) }),
);

/** A traffic's `scale` (piecewise, MMPP, sum): a multiplier of its rates, at most doubling them. */
const scale = fc.double({ min: 0.01, max: 2, noNaN: true }).map((x) => Number(x.toFixed(3)));

const simpleTraffic = fc.oneof(
  fc.record({ type: fc.constant('poisson'), rps }),
  fc.record({
    type: fc.constant('diurnal'),
    meanRps: rps,
    peakToTrough: fc.double({ min: 1, max: 10, noNaN: true }),
    peakHour: fc.double({ min: 0, max: 23.9, noNaN: true }),
    weekendFactor: fc.double({ min: 0, max: 2, noNaN: true }),
  }),
  fc
    .record({
      steps: fc.array(fc.tuple(fc.integer({ min: 1, max: 120 }), rps), { minLength: 0, maxLength: 4 }),
      first: rps,
      interpolation: fc.constantFrom('step', 'linear'),
      repeat: fc.boolean(),
      scale: fc.option(scale, { nil: undefined }),
    })
    .map(({ steps, first, interpolation, repeat, scale }) => {
      let t = 0;
      const points: [number, number][] = [[0, first]];
      for (const [gap, r] of steps) points.push([(t += gap), r]);
      return { type: 'piecewise', points, interpolation, ...(repeat ? { repeat: t + 30 } : {}), ...(scale === undefined ? {} : { scale }) };
    }),
  fc.record(
    {
      type: fc.constant('mmpp'),
      states: fc.array(fc.record({ rps, meanHolding: fc.oneof(ms(50, 5000), fc.integer({ min: 1, max: 300 })) }), { minLength: 2, maxLength: 4 }),
      scale,
    },
    { requiredKeys: ['type', 'states'] },
  ),
);

const traffic = fc.oneof(
  { weight: 4, arbitrary: simpleTraffic },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('sum'), components: fc.array(simpleTraffic, { minLength: 1, maxLength: 3 }), scale }, { requiredKeys: ['type', 'components'] }) },
);

const seconds = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((s) => `${s}s`);

const cloudRun = fc.record(
  {
    name: fc.constant('cloud-run'),
    model: fc.constant('cloud-run'),
    cpu: fc.constantFrom(1, 2, 4),
    memory: fc.constantFrom('2Gi', '4Gi'), // allowed with 1, 2 and 4 vCPU
    concurrency: fc.integer({ min: 1, max: 200 }),
    workers: fc.integer({ min: 1, max: 8 }),
    coldStart: durationDist(0, 5000),
    minInstances: fc.integer({ min: 0, max: 3 }),
    maxInstances: fc.integer({ min: 3, max: 50 }),
    autoscaler: fc.constantFrom('cloud-run', 'scale-per-request', 'knative'),
    routing: fc.constantFrom('least-loaded', 'random', 'round-robin', 'newest'),
    evaluationInterval: seconds(1, 10),
    keepAlive: seconds(0, 600),
    startupCpuBoost: fc.boolean(),
    requestTimeout: seconds(1, 300),
    billing: fc.constantFrom('request', 'instance'),
  },
  { requiredKeys: ['name', 'model'] },
).map((p) => ({
  ...p,
  // Cross-field rules most draws should meet: scale-per-request serves one request per
  // instance, and 4 vCPU need at least 2 GiB (the preset's 512Mi would be refused).
  ...(p.autoscaler === 'scale-per-request' ? { concurrency: 1 } : {}),
  ...(p.cpu === 4 && p.memory === undefined ? { memory: '2Gi' } : {}),
}));

const computeEngine = fc.record(
  {
    name: fc.constant('vm'),
    model: fc.constant('compute-engine'),
    machineType: fc.constantFrom('e2-micro', 'e2-small', 'e2-medium', 'e2-standard-2', 'n2-standard-2'),
    count: fc.integer({ min: 1, max: 4 }),
    workers: fc.integer({ min: 1, max: 8 }),
    maxConcurrency: fc.integer({ min: 1, max: 200 }),
    queueLimit: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant('unbounded')),
    loadBalancer: fc.constantFrom('round-robin', 'least-connections', 'random'),
    requestTimeout: seconds(1, 300),
    autoscaling: fc.record({ mode: fc.constantFrom('on', 'only-scale-out', 'off'), minSize: fc.constant(1), maxSize: fc.integer({ min: 4, max: 10 }) }),
    preemption: fc.record({ enabled: fc.boolean(), meanTimeToPreemption: seconds(60, 3600) }),
    pricing: fc.constantFrom('on-demand', 'spot', 'cud-1y', 'cud-3y'),
    disk: fc.oneof(fc.constant(null), fc.record({ type: fc.constantFrom('pd-standard', 'pd-balanced', 'pd-ssd'), sizeGB: fc.integer({ min: 10, max: 500 }) })),
    externalIp: fc.boolean(),
    externalLoadBalancer: fc.boolean(),
  },
  { requiredKeys: ['name', 'model'] },
);

/** A scenario file (as JSON.parse gives it) from the schema's space. */
export const scenarioFile = fc
  .record({
    duration: fc.integer({ min: 60, max: 900 }),
    warmupShare: fc.constantFrom(0, 0, 0.1, 0.5),
    start: fc.constantFrom(undefined, '2026-01-05T00:00:00Z', '2026-03-31T23:55:00Z', '2026-06-13T12:00:00Z'),
    traffic,
    cpu: durationDist(0, 300),
    io: durationDist(0, 300),
    responseBytes: bytesDist,
    platforms: fc.oneof(
      fc.tuple(cloudRun, computeEngine).map(([a, b]) => [a, b]),
      cloudRun.map((a) => [a]),
      computeEngine.map((b) => [b]),
    ),
    freeTier: fc.boolean(),
  })
  .map((s) => ({
    name: 'fuzz',
    ...(s.start !== undefined ? { start: s.start } : {}),
    duration: s.duration,
    warmup: Math.floor(s.duration * s.warmupShare),
    traffic: s.traffic,
    requests: { cpu: s.cpu, io: s.io, responseBytes: s.responseBytes },
    platforms: s.platforms,
    billing: { freeTier: s.freeTier },
  }));

/** Every path to a leaf of a JSON value: ['platforms', 0, 'concurrency'], ... */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  return [prefix];
}

/** Values a mutation puts at a leaf: wrong signs, extremes, wrong types, text. */
const badValue = fc.oneof(
  fc.constantFrom(-1, 0, 1e-12, 1e308, -1e308, 2 ** 53, 0.5, '', 'x', '-5s', '1e400', '=1+1', null, true, [], {}),
  fc.double(),
  fc.string({ maxLength: 8 }),
);

/** A scenario file with 1 to 3 leaves replaced: the fuzzer's mutants. */
export const mutatedScenario = fc
  .tuple(scenarioFile, fc.array(fc.tuple(fc.nat(), badValue), { minLength: 1, maxLength: 3 }))
  .map(([file, edits]) => {
    const copy = structuredClone(file) as Record<string, unknown>;
    const paths = leafPaths(copy).filter((p) => p.length > 0);
    for (const [pick, value] of edits) {
      const path = paths[pick % paths.length]!;
      let node = copy as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
      node[path[path.length - 1]!] = value;
    }
    return copy;
  });
