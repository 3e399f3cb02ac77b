/**
 * Compute Engine's section of the README's model reference, rendered from
 * models/compute-engine.json (src/scenario/model-reference.ts joins the sections;
 * test/docs/readme.test.ts checks the copy).
 */
import { paramTable, type CatalogParam } from '../../scenario/catalog-docs.js';
import { readModelJson } from '../../scenario/catalog-file.js';
import { COMPUTE_ENGINE_CATALOG_FILE } from './presets.js';

export function computeEngineDocs(): string {
  const ce = readModelJson(COMPUTE_ENGINE_CATALOG_FILE) as {
    source: string;
    date: string;
    defaults: Record<string, CatalogParam>;
    machines: Record<string, CatalogParam & { value: Record<string, unknown> }>;
    resourceRates: Record<string, CatalogParam & { value: Record<string, number> }>;
  };
  const out: string[] = [];
  out.push('### Compute Engine (`models/compute-engine.json`)', '', `Catalog: ${ce.source}; dated ${ce.date}.`, '');
  out.push(...paramTable(ce.defaults), '');
  out.push('Machine types, us-central1:', '', '| machine | family | vCPU | memory GB | on-demand $/h | Spot $/h |', '|---|---|---|---|---|---|');
  for (const [name, m] of Object.entries(ce.machines)) {
    const v = m.value;
    out.push(`| \`${name}\` | ${v.family} | ${v.vcpu} | ${v.memoryGB} | ${v.onDemandHourly} | ${v.spotHourly} |`);
  }
  out.push('', 'Per-resource rates (used to split a machine price into its cpu and memory lines):', '', '| family | $/vCPU-hour | $/GB-hour |', '|---|---|---|');
  for (const [family, r] of Object.entries(ce.resourceRates)) out.push(`| ${family} | ${r.value.vcpuHour} | ${r.value.memoryGBHour} |`);
  return out.join('\n');
}
