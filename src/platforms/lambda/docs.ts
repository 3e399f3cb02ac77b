/**
 * AWS Lambda's section of the README's model reference, rendered from models/lambda.json
 * (src/scenario/model-reference.ts joins the sections; test/docs/readme.test.ts checks the copy).
 */
import { basis, escape, paramTable, show, type CatalogParam } from '../../scenario/catalog-docs.js';
import { readModelJson } from '../../scenario/catalog-file.js';
import { LAMBDA_CATALOG_FILE } from './presets.js';

export function lambdaDocs(): string {
  const catalog = readModelJson(LAMBDA_CATALOG_FILE) as {
    source: string;
    date: string;
    defaults: Record<string, CatalogParam>;
    prices: Record<'x86' | 'arm', Record<string, CatalogParam>>;
    provisionedRounding: CatalogParam;
    egressTiers: CatalogParam;
    freeTier: CatalogParam;
  };
  const out: string[] = [];
  out.push('### AWS Lambda (`models/lambda.json`)', '', `Catalog: ${catalog.source}; dated ${catalog.date}. Rules and prices with their sources: docs/aws-facts.md.`, '');
  out.push(...paramTable(catalog.defaults), '');
  out.push('Prices, USD, us-east-1 (x86 / Arm):', '', '| price | x86 | Arm | source (Arm) |', '|---|---|---|---|');
  for (const [name, x86] of Object.entries(catalog.prices.x86)) {
    const arm = catalog.prices.arm[name]!;
    out.push(`| \`${name}\` | ${show(x86.value)} | ${show(arm.value)} | ${escape(basis(arm))} |`);
  }
  out.push('');
  for (const name of ['provisionedRounding', 'egressTiers', 'freeTier'] as const) {
    const p = catalog[name];
    out.push(`- \`${name}\`: ${show(p.value)}; ${escape(basis(p))}`);
  }
  return out.join('\n');
}
