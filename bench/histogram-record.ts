/**
 * `node dist/bench/histogram-record.js [--against <histogram.js of another build>]`: nanoseconds
 * per Histogram.record on the values a queue records (a third zeros, the rest lognormal or
 * exponential seconds), beside its parts: FastLogMapping.key alone and the library's
 * DDSketch.accept (what record called before it wrote the sketch's bins itself). With
 * --against, that build's Histogram runs in turn with this one (another checkout's
 * dist/src/metrics/histogram.js). A tight loop: the bins and the log table stay in cache, so
 * inside a simulation a record costs more (bench/README.md, "Histogram.record").
 */
import { DDSketch } from '@datadog/sketches-js';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { streamFor } from '../src/engine/streams.js';
import { FastLogMapping } from '../src/metrics/fast-log-mapping.js';
import { Histogram, RELATIVE_ACCURACY } from '../src/metrics/histogram.js';
import { exponential } from '../src/random/exponential.js';
import { lognormal } from '../src/random/lognormal.js';

interface Recorder {
  record(value: number): void;
}

const VALUES = (() => {
  const rng = streamFor(1, 'histogram-record');
  const slow = lognormal(1.8, 1);
  const fast = exponential(0.2);
  const values = new Float64Array(1 << 20);
  for (let i = 0; i < values.length; i++) {
    const u = rng();
    values[i] = u < 1 / 3 ? 0 : u < 2 / 3 ? slow.sample(rng) : fast.sample(rng);
  }
  return values;
})();

const PASSES = 4;

/**
 * Nanoseconds per value of `pass`, which runs over all the values once; PASSES passes. Each
 * case writes its own loop, so that every call site in it sees one class (a shared loop would
 * call `record` on several and measure V8's polymorphic dispatch instead).
 */
function nsPerValue(pass: () => void): number {
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < PASSES; p++) pass();
  return Number(process.hrtime.bigint() - t0) / (PASSES * VALUES.length);
}

const mapping = new FastLogMapping(RELATIVE_ACCURACY);
let keySink = 0;
const cases: [string, () => number][] = [
  [
    'Histogram.record',
    () => {
      const h = new Histogram();
      return nsPerValue(() => {
        for (let i = 0; i < VALUES.length; i++) h.record(VALUES[i]!);
      });
    },
  ],
  [
    'FastLogMapping.key',
    () =>
      nsPerValue(() => {
        // A local sum (a module-level one would box a number per value).
        let sum = 0;
        for (let i = 0; i < VALUES.length; i++) {
          const v = VALUES[i]!;
          if (v > 0) sum += mapping.key(v);
        }
        keySink += sum;
      }),
  ],
  [
    'DDSketch.accept',
    () => {
      const sketch = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
      sketch.mapping = new FastLogMapping(RELATIVE_ACCURACY);
      return nsPerValue(() => {
        for (let i = 0; i < VALUES.length; i++) sketch.accept(VALUES[i]!);
      });
    },
  ],
];

const at = process.argv.indexOf('--against');
if (at > 0) {
  const path = process.argv[at + 1];
  if (path === undefined) {
    console.error('histogram-record: --against needs the path of a compiled histogram.js');
    process.exit(2);
  }
  const other = (await import(pathToFileURL(resolve(path)).href)) as { Histogram: new () => Recorder };
  cases.push([
    `Histogram.record of ${path}`,
    () => {
      const h = new other.Histogram();
      return nsPerValue(() => {
        for (let i = 0; i < VALUES.length; i++) h.record(VALUES[i]!);
      });
    },
  ]);
}

// Best of 9, the cases in turn: the machine is shared.
const best = cases.map(() => Infinity);
for (let round = 0; round < 9; round++) cases.forEach(([, run], i) => (best[i] = Math.min(best[i]!, run())));
for (const [i, [name]] of cases.entries()) console.log(`${best[i]!.toFixed(1).padStart(6)} ns  ${name}`);
if (keySink === 0.5) console.log(keySink);
