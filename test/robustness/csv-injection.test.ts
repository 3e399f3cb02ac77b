import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../src/experiment/csv-table.js';
import { parseGridFlag } from '../../src/experiment/grid.js';
import { runSweep } from '../../src/experiment/sweep.js';
import { formatCsvRows } from '../../src/output/csv-rows.js';
import { safeCsvText, unquoteCsvText } from '../../src/output/safe-cell.js';
import { SMALL } from './cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'scalesim-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV formula injection (OWASP prefix rule)', () => {
  it('text cells starting with = + - @ tab or CR get a leading single quote', () => {
    for (const text of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(safeCsvText(text)).toBe(`'${text}`);
  });

  it('numbers, infinities and ordinary text stay as they are; the rule is idempotent', () => {
    for (const text of ['-3', '-1.5e-7', '+2', '0', '.5', '-inf', 'cloud-run', 'a=b', "'=x", '']) expect(safeCsvText(text)).toBe(text);
    expect(safeCsvText(safeCsvText('=x'))).toBe("'=x");
    expect(unquoteCsvText("'=x")).toBe('=x');
    expect(unquoteCsvText("'quoted")).toBe("'quoted");
  });

  it('formatCsvRows quotes text cells only: a negative number stays a number', () => {
    const text = formatCsvRows(['name', 'cost'], [{ name: '=1+1', cost: -0.25 }, { name: '-x', cost: -3 }]);
    expect(text).toBe("name,cost\n'=1+1,-0.25\n'-x,-3\n");
  });

  it('a sweep of a scenario named =cmd writes it quoted, negative grid values as numbers, and resumes it', async () => {
    const file = join(dir, 'formula.json');
    writeFileSync(file, JSON.stringify({ ...SMALL, name: '=cmd|"/c calc"!A1' }));
    const spec = { file, sets: [], axes: [parseGridFlag('vm.frontEndLatency=0,0.001')], replications: 1, seed: 3 };
    const whole = readFileSync((await runSweep({ spec, out: join(dir, 'a.csv'), workers: 1 })).out, 'utf8');
    const table = parseCsvTable(whole, 'a.csv');
    const scenario = table.columns.indexOf('scenario');
    expect(table.rows.every((row) => row[scenario] === '\'=cmd|"/c calc"!A1')).toBe(true);
    // Resuming compares the rows already written with what the sweep would write: quoted alike.
    const stop = { onProgress: (done: number) => { if (done === 1) throw new Error('stop'); } };
    await expect(runSweep({ spec, out: join(dir, 'b.csv'), workers: 1, ...stop })).rejects.toThrow('stop');
    const outcome = await runSweep({ spec, out: join(dir, 'b.csv'), workers: 1 });
    expect(outcome.resumed).toBe(1);
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe(whole);
  });
});
