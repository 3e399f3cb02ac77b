// Writes the small synthetic sample traces beside this file (nothing is downloaded):
//   node workloads/traces/generate.mjs
// Deterministic: a fixed-seed mulberry32 generator, so the output is byte-identical each run.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../mulberry32.mjs';

const here = dirname(fileURLToPath(import.meta.url));


/** A Poisson count with mean m (Knuth for small m, normal approximation above 30). */
function poisson(rng, m) {
  if (m <= 0) return 0;
  if (m > 30) {
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    return Math.max(0, Math.round(m + Math.sqrt(m) * z));
  }
  const limit = Math.exp(-m);
  let k = 0;
  for (let p = rng(); p > limit; p *= rng()) k++;
  return k;
}

const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 32);

// timestamps.csv: 10 minutes at about 5 rps, a 30-second burst at 50 rps from 300 s; the
// second column shows that `column` picks the time column by name.
{
  const rng = mulberry32(1);
  const rows = ['path,t'];
  let t = 0;
  for (;;) {
    const rate = t >= 300 && t < 330 ? 50 : 5;
    t += -Math.log(1 - rng()) / rate;
    if (t >= 600) break;
    rows.push(`${rng() < 0.8 ? '/api/items' : '/api/checkout'},${t.toFixed(3)}`);
  }
  writeFileSync(join(here, 'timestamps.csv'), `${rows.join('\n')}\n`);
}

// per-minute.csv: two hours ramping from 60 to 1200 requests a minute and back, with one
// spike minute; minutes as 0-based indexes.
{
  const rng = mulberry32(2);
  const rows = ['minute,count'];
  for (let m = 0; m < 120; m++) {
    const mean = m === 75 ? 3000 : 60 + 1140 * Math.sin((Math.PI * m) / 120) ** 2;
    rows.push(`${m},${poisson(rng, mean)}`);
  }
  writeFileSync(join(here, 'per-minute.csv'), `${rows.join('\n')}\n`);
}

// azure-functions-sample.csv: four synthetic functions in the layout of the Azure Functions
// 2019 trace (invocations_per_function_md.anon.d01.csv): an HTTP API with a daily cycle, a
// timer every 5 minutes, a queue consumer in bursts, and a rarely called event handler.
{
  const rng = mulberry32(3);
  const header = ['HashOwner', 'HashApp', 'HashFunction', 'Trigger'];
  for (let m = 1; m <= 1440; m++) header.push(String(m));
  const functions = [
    ['owner-a', 'app-shop', 'http-api', 'http', (m) => poisson(rng, 300 + 250 * Math.cos((2 * Math.PI * (m - 840)) / 1440))],
    ['owner-a', 'app-shop', 'cleanup', 'timer', (m) => (m % 5 === 0 ? 1 : 0)],
    ['owner-b', 'app-etl', 'ingest', 'queue', (m) => (m % 60 < 10 ? poisson(rng, 400) : 0)],
    ['owner-c', 'app-hooks', 'on-upload', 'event', (m) => poisson(rng, 0.2)],
  ];
  const rows = [header.join(',')];
  for (const [owner, app, fn, trigger, count] of functions) {
    const cells = [hash(owner), hash(`${owner}/${app}`), hash(`${owner}/${app}/${fn}`), trigger];
    for (let m = 0; m < 1440; m++) cells.push(String(count(m)));
    rows.push(cells.join(','));
  }
  writeFileSync(join(here, 'azure-functions-sample.csv'), `${rows.join('\n')}\n`);
}
