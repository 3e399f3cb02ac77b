import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readLogs } from '../../src/logs/read-logs.js';
import { packageRoot } from '../../src/scenario/presets.js';
import { apacheLine, cloudRunEntry, generateRequests, MODEL, mulberry32, nginxLine, uvicornLine } from '../../workloads/logs/generate.mjs';

const dir = mkdtempSync(join(tmpdir(), 'scalesim-logs-'));
const file = (name: string, text: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const sample = (name: string) => join(packageRoot(), 'workloads', 'logs', name);
const requests = generateRequests(MODEL, 1);

describe('log readers', () => {
  it('Cloud Run NDJSON export, gzip, newest first: every request once, exact arrivals, app log lines set apart', async () => {
    const { sample: s, report } = await readLogs([sample('cloud-run-requests.ndjson.gz')]);
    expect(s.length).toBe(requests.length); // 3871
    expect(report.files[0]).toMatchObject({ format: 'cloud-logging', requests: requests.length, malformed: 0, notRequests: 7, timestampAt: 'start' });
    const order = s.byArrival();
    // Arrivals are the generator's to the microsecond (the export has 6 decimals).
    for (const k of [0, 1, 1000, requests.length - 1]) {
      expect(s.arrival(order[k]!)).toBeCloseTo(requests[k]!.arrival, 5);
      expect(s.latency(order[k]!)).toBeCloseTo(requests[k]!.latency, 6);
      expect(s.bytes(order[k]!)).toBe(requests[k]!.bytes);
      expect(s.status(order[k]!)).toBe(requests[k]!.status);
    }
  });

  it('load balancer export as a JSON array (gcloud --format=json)', async () => {
    const { sample: s, report } = await readLogs([sample('load-balancer.json')]);
    expect(s.length).toBe(100);
    expect(report.files[0]!.format).toBe('cloud-logging');
    expect(s.arrival(s.byArrival()[0]!)).toBeCloseTo(requests[0]!.arrival, 5);
  });

  it('nginx: $time_local is the completion, whole seconds: arrivals within a second of the truth, each second`s count kept', async () => {
    const text = requests.slice(0, 300).map(nginxLine).join('\n');
    const { sample: s, report } = await readLogs([file('n.log', text)]);
    expect(report.files[0]).toMatchObject({ format: 'nginx', timestampAt: 'end', requests: 300 });
    const order = s.byArrival();
    // The completion second is known, its position within the second is not: |error| < 1 s.
    let worst = 0;
    for (let k = 0; k < 300; k++) worst = Math.max(worst, Math.abs(s.arrival(order[k]!) - requests[k]!.arrival));
    expect(worst).toBeLessThan(1);
    expect(s.latency(order[5]!)).toBeCloseTo(requests[5]!.latency, 3);
  });

  it('Apache %D (microseconds), %t the start; uvicorn with asctime (no latency, no size)', async () => {
    const apache = await readLogs([file('a.log', requests.slice(0, 200).map(apacheLine).join('\n'))]);
    expect(apache.report.files[0]).toMatchObject({ format: 'apache', timestampAt: 'start', requests: 200 });
    expect(apache.sample.latency(0)).toBeCloseTo(requests[0]!.latency, 6);
    const uv = await readLogs([file('u.log', ['INFO:     Started server process [1]', ...requests.slice(0, 50).map(uvicornLine)].join('\n'))]);
    expect(uv.report.files[0]).toMatchObject({ format: 'uvicorn', requests: 50, notRequests: 1 });
    expect(uv.report.requestsWithoutLatency).toBe(50);
    expect(uv.report.requestsWithoutBytes).toBe(50);
  });

  it('malformed lines: reported with file and line number and skipped with a count; --strict stops at the first', async () => {
    const { report } = await readLogs([sample('nginx-access.log')]);
    // generate.mjs cuts lines 100 and 500 short.
    expect(report.malformedCount).toBe(2);
    expect(report.malformed.map((m) => m.line)).toEqual([100, 500]);
    expect(report.malformed[0]!.path).toBe(sample('nginx-access.log'));
    expect(report.files[0]!.requests).toBe(998);
    await expect(readLogs([sample('nginx-access.log')], { strict: true })).rejects.toThrow(/nginx-access\.log:100: malformed log line \(--strict\)/);
  });

  it('NDJSON and JSON-array entries: bad JSON, a bad latency, a bad size, each with its line', async () => {
    const rng = mulberry32(9);
    const good = (i: number) => JSON.stringify(cloudRunEntry(requests[i]!, i, rng));
    const ndjson = file('x.ndjson', [good(0), '{"httpRequest": {', good(1), JSON.stringify({ timestamp: '2026-11-24T14:00:00Z', httpRequest: { latency: 'fast' } }), good(2)].join('\n'));
    const r = await readLogs([ndjson]);
    expect(r.sample.length).toBe(3);
    expect(r.report.malformed).toEqual([
      { path: ndjson, line: 2, reason: 'not valid JSON (one Cloud Logging entry per line expected)' },
      { path: ndjson, line: 4, reason: 'httpRequest.latency "fast" is not a duration like "0.123456s"' },
    ]);
    const entries = [cloudRunEntry(requests[0]!, 0, rng), { timestamp: '2026-11-24T14:00:01Z', httpRequest: { responseSize: '-3', latency: '0.1s' } }];
    const array = file('x.json', JSON.stringify(entries, null, 2));
    const a = await readLogs([array]);
    expect(a.sample.length).toBe(1);
    // The second entry starts at the second line that opens an array element ("  {"), 1-based.
    const opening = JSON.stringify(entries, null, 2).split('\n').flatMap((l, i) => (l === '  {' ? [i + 1] : []));
    const lineOfSecond = opening[1]!;
    expect(a.report.malformed).toEqual([{ path: array, line: lineOfSecond, reason: 'httpRequest.responseSize "-3" is not a byte count' }]);
    await expect(readLogs([file('broken.json', '[\n  {"a": 1},\n  {"b": \n')])).rejects.toThrow(InputError);
  });

  it('a gzip file is found by its bytes, not its name; an unknown format and a missing file are bad input', async () => {
    const gz = file('plain-name.log', gzipSync(Buffer.from(requests.slice(0, 10).map(apacheLine).join('\n'))));
    expect((await readLogs([gz])).sample.length).toBe(10);
    await expect(readLogs([file('what.txt', 'hello\nworld\n')])).rejects.toThrow(/no request found|known log format/);
    await expect(readLogs([join(dir, 'nope.log')])).rejects.toThrow(/nope\.log: cannot read the log: no such file/);
    const whole = gzipSync(Buffer.from(requests.map(apacheLine).join('\n')));
    const cut = file('cut.log.gz', whole.subarray(0, whole.length >> 1));
    await expect(readLogs([cut])).rejects.toThrow(/cut\.log\.gz: cannot read the log: not valid gzip: unexpected end of file/);
  });
});
