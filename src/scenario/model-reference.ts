import { readModelJson } from './presets.js';

/**
 * The README's model reference, rendered from models/*.json so the two cannot drift apart:
 * test/docs/readme.test.ts fails when the README's copy differs (regenerate with
 * `node bin/sim.js models`). Each row is a parameter, its default, and its source or the
 * assumption behind it.
 */

interface Param {
  value: unknown;
  source?: string;
  assumption?: string;
  range?: { low: unknown; high: unknown; why: string };
}

const read = (file: string): Record<string, unknown> => readModelJson(file) as Record<string, unknown>;

const show = (value: unknown): string => {
  if (value === null) return '`null`';
  if (typeof value === 'string') return `\`${value}\``;
  return `\`${JSON.stringify(value).replace(/"/g, '')}\``;
};

const range = (p: Param): string =>
  p.range === undefined ? '' : `; **range** ${show(p.range.low)} to ${show(p.range.high)}: ${p.range.why}`;

const basis = (p: Param): string =>
  p.assumption !== undefined ? `**assumption**: ${p.assumption}${range(p)}` : `source: ${p.source ?? ''}`;

const escape = (text: string): string => text.replace(/\|/g, '\\|');

function paramTable(params: Record<string, Param>, header = 'parameter'): string[] {
  const rows = [`| ${header} | default | source or assumption |`, '|---|---|---|'];
  for (const [name, p] of Object.entries(params)) rows.push(`| \`${name}\` | ${show(p.value)} | ${escape(basis(p))} |`);
  return rows;
}

export function modelReferenceMarkdown(): string {
  const cr = read('cloud-run.json') as { source: string; date: string; defaults: Record<string, Param>; prices: Record<string, Record<string, Param>> };
  const ce = read('compute-engine.json') as {
    source: string;
    date: string;
    defaults: Record<string, Param>;
    machines: Record<string, Param & { value: Record<string, unknown> }>;
    resourceRates: Record<string, Param & { value: Record<string, number> }>;
    egressPerGiB?: Param;
  };
  const out: string[] = [];
  out.push('### Cloud Run (`models/cloud-run.json`)', '', `Catalog: ${cr.source}; dated ${cr.date}.`, '');
  out.push(...paramTable(cr.defaults), '');
  out.push('Prices, USD (Tier 1 / Tier 2):', '', '| price | Tier 1 | Tier 2 | basis (Tier 2) |', '|---|---|---|---|');
  for (const [name, p1] of Object.entries(cr.prices.tier1!)) {
    const p2 = cr.prices.tier2![name]!;
    out.push(`| \`${name}\` | ${show(p1.value)} | ${show(p2.value)} | ${escape(basis(p2))} |`);
  }
  out.push('', '### Compute Engine (`models/compute-engine.json`)', '', `Catalog: ${ce.source}; dated ${ce.date}.`, '');
  out.push(...paramTable(ce.defaults), '');
  out.push('Machine types, us-central1:', '', '| machine | family | vCPU | memory GB | on-demand $/h | Spot $/h |', '|---|---|---|---|---|---|');
  for (const [name, m] of Object.entries(ce.machines)) {
    const v = m.value;
    out.push(`| \`${name}\` | ${v.family} | ${v.vcpu} | ${v.memoryGB} | ${v.onDemandHourly} | ${v.spotHourly} |`);
  }
  out.push('', 'Per-resource rates (used to split a machine price into its cpu and memory lines):', '', '| family | $/vCPU-hour | $/GB-hour |', '|---|---|---|');
  for (const [family, r] of Object.entries(ce.resourceRates)) out.push(`| ${family} | ${r.value.vcpuHour} | ${r.value.memoryGBHour} |`);
  return `${out.join('\n')}\n`;
}
