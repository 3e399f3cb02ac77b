import { describe, expect, it } from 'vitest';
import type { SensitivityResult } from '../../src/sensitivity/types.js';
import type { Verdict } from '../../src/verdict/types.js';
import sensitivityJson from './fixtures/sensitivity.json' with { type: 'json' };
import verdictJson from './fixtures/verdict.json' with { type: 'json' };

/**
 * The fixtures stand in for what `sim run --out` and `sim sensitivity --out` write. Typed here,
 * so that `tsc --noEmit` fails when either contract gains a required field or changes a type
 * the fixtures do not follow (the statuses and kinds are narrowed from string by hand, the one
 * thing a JSON import cannot type).
 */
type Statused<T> = T extends { status: string } ? Omit<T, 'status'> & { status: string } : T;
type Unkind<K> = Omit<K, 'kind'> & { kind: string };
type Kinded<T> = T extends { kinds: (infer K)[] }
  ? T extends { flips: (infer F)[] }
    ? Omit<T, 'kinds' | 'flips'> & { kinds: Unkind<K>[]; flips: Unkind<F>[] }
    : Omit<T, 'kinds'> & { kinds: Unkind<K>[] }
  : T;
const verdict: Omit<Verdict, 'platforms' | 'alternatives' | 'sensitivity'> & {
  platforms: Statused<Verdict['platforms'][number]>[];
  alternatives: Statused<Verdict['alternatives'][number]>[];
  sensitivity: Kinded<NonNullable<Verdict['sensitivity']>> | null;
} = verdictJson;
const sensitivity: Kinded<Omit<SensitivityResult, 'baseline' | 'rows'>> = sensitivityJson;

describe('the report fixtures', () => {
  it('have every field of the contracts, and no field the contracts lack', () => {
    const verdictKeys: (keyof Verdict)[] = ['recommended', 'headline', 'platforms', 'difference', 'extrapolated', 'alternatives', 'breakeven', 'sensitivity', 'lines', 'objectives', 'warnings', 'trafficPeriodS'];
    expect(Object.keys(verdict).sort()).toEqual([...verdictKeys].sort());
    const platformKeys: (keyof Verdict['platforms'][number])[] = ['platform', 'model', 'configuration', 'status', 'rank', 'statusReason', 'advice', 'costPerMonthUsd', 'servedFraction', 'latencyP50S', 'latencyP95S', 'latencyP99S', 'costDrivers', 'costTotalUsd'];
    for (const p of verdict.platforms) expect(Object.keys(p).sort()).toEqual([...platformKeys].sort());
    const rowKeys: (keyof SensitivityResult['rows'][number])[] = ['parameter', 'model', 'kind', 'assumption', 'why', 'baseline', 'low', 'high', 'at', 'flips', 'swingUsd', 'note'];
    for (const r of sensitivityJson.rows) expect(Object.keys(r).sort()).toEqual([...rowKeys].sort());
    const resultKeys: (keyof SensitivityResult)[] = ['scenario', 'seed', 'baseline', 'rows', 'skipped', 'holds', 'total', 'kinds', 'summary'];
    expect(Object.keys(sensitivity).sort()).toEqual([...resultKeys].sort());
    const statuses = [...verdict.platforms, ...verdict.alternatives, ...sensitivityJson.baseline.platforms].map((p) => p.status);
    for (const s of statuses) expect(['ok', 'overloaded', 'misses-slo']).toContain(s);
    for (const k of [...sensitivity.kinds.map((c) => c.kind), ...(verdict.sensitivity?.kinds ?? []).map((c) => c.kind), ...(verdict.sensitivity?.flips ?? []).map((c) => c.kind), ...sensitivityJson.rows.map((r) => r.kind)]) expect(['unpublished', 'service', 'setting']).toContain(k);
  });
});
