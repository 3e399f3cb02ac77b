/**
 * Cloud Run's section of the README's model reference, rendered from models/cloud-run.json
 * (src/scenario/model-reference.ts joins the sections; test/docs/readme.test.ts checks the copy).
 */
import { basis, escape, paramTable, show, type CatalogParam } from '../../scenario/catalog-docs.js';
import { readModelJson } from '../../scenario/catalog-file.js';
import { CLOUD_RUN_CATALOG_FILE } from './presets.js';

export function cloudRunDocs(): string {
  const cr = readModelJson(CLOUD_RUN_CATALOG_FILE) as { source: string; date: string; defaults: Record<string, CatalogParam>; prices: Record<string, Record<string, CatalogParam>> };
  const out: string[] = [];
  out.push('### Cloud Run (`models/cloud-run.json`)', '', `Catalog: ${cr.source}; dated ${cr.date}.`, '');
  out.push(...paramTable(cr.defaults), '');
  out.push('Prices, USD (Tier 1 / Tier 2):', '', '| price | Tier 1 | Tier 2 | basis (Tier 2) |', '|---|---|---|---|');
  for (const [name, p1] of Object.entries(cr.prices.tier1!)) {
    const p2 = cr.prices.tier2![name]!;
    out.push(`| \`${name}\` | ${show(p1.value)} | ${show(p2.value)} | ${escape(basis(p2))} |`);
  }
  return out.join('\n');
}
