import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { expectInputError } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'scalesim-yaml-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const VALID = `# yaml-language-server: $schema=../schema/scenario.schema.json
name: y
duration: 1h
traffic: { type: poisson, rps: 10 }
requests:
  cpu: { dist: exponential, mean: 20ms }
  io: 0.05
  responseBytes: 16KiB
platforms:
  - name: cloud-run
    model: cloud-run
    concurrency: 40
`;

describe('YAML scenarios', () => {
  it('resolve to the same scenario as their JSON twin (workloads/diurnal.yaml and .json)', () => {
    const fromJson = loadScenario('workloads/diurnal.json');
    const fromYaml = loadScenario('workloads/diurnal.yaml');
    expect({ ...fromYaml, source: '' }).toEqual({ ...fromJson, source: '' });
  });

  it('.yml is YAML too; --set applies as for JSON', () => {
    const s = loadScenario(file('a.yml', VALID), ['cloud-run.concurrency=8']);
    expect(s.platforms[0]!.name).toBe('cloud-run');
    expect((s.platforms[0] as { concurrency: number }).concurrency).toBe(8);
  });

  it('a syntax error names the file, line and column', () => {
    // Line 4 opens a flow mapping that line 5 never closes.
    const path = file('bad.yaml', VALID.replace('traffic: { type: poisson, rps: 10 }', 'traffic: { type: poisson, rps: 10'));
    const message = expectInputError(() => loadScenario(path), [path, 'not valid YAML']);
    expect(message).toMatch(/: line \d+, column \d+: not valid YAML/);
  });

  it('a duplicate key is an error, not a silent overwrite', () => {
    const path = file('dup.yaml', `${VALID}duration: 2h\n`);
    expectInputError(() => loadScenario(path), [path, 'line 13, column 1', 'not valid YAML', 'unique']);
  });

  it('a schema error names the JSON path and the line and column of the bad value', () => {
    // concurrency is on line 12, its value at column 18.
    const path = file('range.yaml', VALID.replace('concurrency: 40', 'concurrency: 4000'));
    expectInputError(() => loadScenario(path), [`${path}: line 12, column 18: platforms[0].concurrency: 4000 is not allowed`, 'an integer from 1 to 1000']);
  });

  it('a missing field points at its parent (line of requests)', () => {
    const path = file('missing.yaml', VALID.replace('  cpu: { dist: exponential, mean: 20ms }\n', ''));
    expectInputError(() => loadScenario(path), [`${path}: line 6, column 3: requests.cpu`]);
  });

  it('yes and dates stay strings (YAML 1.2 core schema), so they fail as they would in JSON', () => {
    const path = file('yes.yaml', VALID.replace('name: y', 'name: y\nbilling: { freeTier: yes }'));
    expectInputError(() => loadScenario(path), [`${path}: line 3`, 'billing.freeTier', '"yes" is not allowed']);
  });
});
