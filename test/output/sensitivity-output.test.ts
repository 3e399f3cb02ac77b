import { describe, expect, it } from 'vitest';
import { sensitivityToCsv } from '../../src/output/sensitivity-csv.js';
import { sensitivityToJson } from '../../src/output/sensitivity-json.js';
import { sensitivityToTable } from '../../src/output/sensitivity-table.js';
import { showValue } from '../../src/sensitivity/plan.js';
import type { SensitivityResult, SensitivityVariant } from '../../src/sensitivity/types.js';

const variant = (a: number, b: number, p99b = 0.25): SensitivityVariant => ({
  recommended: a <= b ? 'cloud-run' : 'vm',
  platforms: [
    { platform: 'cloud-run', costPerMonthUsd: a, latencyP99S: 0.3125, status: 'ok' },
    { platform: 'vm', costPerMonthUsd: b, latencyP99S: p99b, status: b < 50 ? 'overloaded' : 'ok' },
  ],
  costDifferenceUsd: b - a,
});

const result: SensitivityResult = {
  scenario: 'diurnal',
  seed: 1,
  baseline: variant(88.2, 114.6),
  rows: [
    {
      parameter: 'vm.count', model: 'compute-engine', kind: 'setting', assumption: 'two VMs', why: 'one to four',
      baseline: 2, low: 1, high: 4, at: { low: variant(88.2, 40, NaN), high: variant(88.2, 229.2) },
      flips: true, swingUsd: 189.2, note: "the scenario sets it (2, the model's default too)",
    },
  ],
  skipped: [{ parameter: 'cloud-run.keepAlive', reason: 'keepAlive applies with autoscaler "scale-per-request"' }],
  holds: 0,
  total: 1,
  kinds: [{ kind: 'setting', total: 1, holds: 0 }],
  summary: 'flips under your one setting: if vm.count is 1 (vm recommended)',
};

describe('sensitivity outputs', () => {
  it('shows values as people write them', () => {
    expect(showValue('60s')).toBe('60s');
    expect(showValue(0.5)).toBe('0.5');
    expect(showValue(null)).toBe('null');
    expect(showValue({ dist: 'lognormal', mean: '1s', cv: 0.4 })).toBe('lognormal mean=1s cv=0.4');
    expect(showValue({ type: 'pd-standard', sizeGB: 10 })).toBe('type=pd-standard sizeGB=10');
  });

  it('prints the tornado table: baseline, each parameter at low and high, flips marked, status beside p99', () => {
    const table = sensitivityToTable(result);
    const lines = table.split('\n');
    expect(lines[0]).toBe('sensitivity of diurnal (seed 1): 1 assumption range, each at its low and high end, one at a time, same requests');
    expect(lines[2]).toMatch(/^ {2}parameter +kind +end +value +cloud-run \$\/month +cloud-run p99 ms +vm \$\/month +vm p99 ms +difference \$\/month +recommended$/);
    expect(lines[3]).toMatch(/^ {2}baseline +88\.20 +313 +114\.60 +250 +26\.40 +cloud-run$/);
    expect(lines[4]).toMatch(/^ {2}vm\.count +setting +low +1 +88\.20 +313 +40\.00 +- overloaded +-48\.20 +FLIPS: vm$/);
    expect(lines[5]).toMatch(/^ +high +4 +88\.20 +313 +229\.20 +250 +141\.00 +cloud-run$/);
    expect(table).toContain("  vm.count: the scenario sets it (2, the model's default too)\n");
    expect(table).toContain('  cloud-run.keepAlive: keepAlive applies with autoscaler "scale-per-request"\n');
    expect(table).toContain('\nkind: unpublished, a rule the provider does not publish; service, how your service behaves (measure it); setting, your choice\n');
    expect(table.endsWith('verdict flips under your one setting: if vm.count is 1 (vm recommended)\n')).toBe(true);
  });

  it('writes CSV in long form, one line per parameter, end and platform', () => {
    expect(sensitivityToCsv(result)).toBe(
      [
        'parameter,model,end,value,platform,cost_per_month_usd,latency_p99_s,status,recommended,cost_difference_usd,swing_usd,flips,kind',
        ',,baseline,,cloud-run,88.2,0.3125,ok,cloud-run,26.4,,,',
        ',,baseline,,vm,114.6,0.25,ok,cloud-run,26.4,,,',
        'vm.count,compute-engine,low,1,cloud-run,88.2,0.3125,ok,vm,-48.2,189.2,true,setting',
        'vm.count,compute-engine,low,1,vm,40,,overloaded,vm,-48.2,189.2,true,setting',
        'vm.count,compute-engine,high,4,cloud-run,88.2,0.3125,ok,cloud-run,141,189.2,true,setting',
        'vm.count,compute-engine,high,4,vm,229.2,0.25,ok,cloud-run,141,189.2,true,setting',
        '',
      ].join('\n'),
    );
  });

  it('writes the result as JSON with the numbers of every JSON output (NaN as null, 12 digits)', () => {
    const json = sensitivityToJson(result);
    const parsed = JSON.parse(json) as SensitivityResult;
    expect(parsed.rows[0]!.at.low.platforms[1]!.latencyP99S).toBeNull();
    expect(parsed.rows[0]!.at.low.costDifferenceUsd).toBe(-48.2); // 40 - 88.2 = -48.2 after 12-digit rounding
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).toContain('\n  "baseline": {\n');
  });
});
