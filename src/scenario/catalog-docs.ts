/**
 * Markdown pieces of the README's model reference (src/scenario/model-reference.ts), shared by
 * each platform's docs.ts: a catalog parameter's value, and its source or the assumption behind
 * it with its kind and range.
 */
import type { AssumptionKind } from './catalog-file.js';

/** A catalog parameter as models/*.json holds it. */
export interface CatalogParam {
  value: unknown;
  source?: string;
  assumption?: string;
  kind?: AssumptionKind;
  range?: { low: unknown; high: unknown; why: string };
}

/** An assumption's kind as the model reference writes it. */
const KIND_WORDS: Record<AssumptionKind, string> = {
  unpublished: 'unpublished rule',
  service: 'your service',
  setting: 'your setting',
};

/** A value in backticks, JSON without quotes: `512Mi`, `{dist:lognormal,mean:1.8s}`. */
export const show = (value: unknown): string => {
  if (value === null) return '`null`';
  if (typeof value === 'string') return `\`${value}\``;
  return `\`${JSON.stringify(value).replace(/"/g, '')}\``;
};

const range = (p: CatalogParam): string =>
  p.range === undefined ? '' : `; **range** ${show(p.range.low)} to ${show(p.range.high)}: ${p.range.why}`;

/** "source: URL (date)" or "**assumption** (unpublished rule): why; **range** low to high: why". */
export const basis = (p: CatalogParam): string =>
  p.assumption !== undefined ? `**assumption**${p.kind !== undefined ? ` (${KIND_WORDS[p.kind]})` : ''}: ${p.assumption}${range(p)}` : `source: ${p.source ?? ''}`;

/** Text safe inside a Markdown table cell. */
export const escape = (text: string): string => text.replace(/\|/g, '\\|');

/** One row per parameter: name, default, basis. */
export function paramTable(params: Record<string, CatalogParam>, header = 'parameter'): string[] {
  const rows = [`| ${header} | default | source or assumption |`, '|---|---|---|'];
  for (const [name, p] of Object.entries(params)) rows.push(`| \`${name}\` | ${show(p.value)} | ${escape(basis(p))} |`);
  return rows;
}
