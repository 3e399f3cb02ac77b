import { PLATFORMS } from '../platforms/registry.js';
import { ASSUMPTION_KINDS, type AssumptionKind, type ModelName } from '../scenario/catalog-file.js';

/** How many ranges of one kind apply, and under how many the recommendation holds (null: not checked). */
export interface KindCount {
  readonly kind: AssumptionKind;
  readonly total: number;
  readonly holds: number | null;
}

/** Per kind, in ASSUMPTION_KINDS order, only the kinds that have ranges. */
export function countKinds(rows: readonly { readonly kind: AssumptionKind; readonly flips?: boolean }[], checked: boolean): KindCount[] {
  return ASSUMPTION_KINDS.map((kind) => {
    const of = rows.filter((r) => r.kind === kind);
    return { kind, total: of.length, holds: checked ? of.filter((r) => r.flips !== true).length : null };
  }).filter((c) => c.total > 0);
}

/**
 * "Google", "AWS", "Google and AWS": whose unpublished rules these are, from the models of the
 * rows (registry order, each provider once).
 */
export function providers(models: readonly ModelName[]): string {
  const names = PLATFORMS.entries.filter((e) => models.includes(e.model)).map((e) => e.provider);
  const unique = [...new Set(names)];
  return unique.length === 0 ? 'the provider' : joinAnd(unique);
}

/** "Google does not publish", "Google and AWS do not publish". */
export function notPublishedBy(provider: string): string {
  return `${provider} ${provider.includes(' and ') ? 'do' : 'does'} not publish`;
}

/**
 * A number of ranges of one kind in words, for the robustness sentence: `k` of `n` ("all 14
 * rules Google does not publish", "2 of the 14 rules Google does not publish", "1 of your 6
 * settings", "the one assumption about your service"). `k` = `n` reads "all", or "both" for two.
 */
export function kindWords(kind: AssumptionKind, k: number, n: number, provider: string): string {
  switch (kind) {
    case 'unpublished':
      if (n === 1) return `the one rule ${notPublishedBy(provider)}`;
      if (n === 2 && k === 2) return `both rules ${notPublishedBy(provider)}`;
      return `${k === n ? 'all' : `${k} of the`} ${n} rules ${notPublishedBy(provider)}`;
    case 'service':
      if (n === 1) return 'the one assumption about your service';
      if (n === 2 && k === 2) return 'both assumptions about your service';
      return `${k === n ? 'all' : `${k} of the`} ${n} assumptions about your service`;
    case 'setting':
      if (n === 1) return 'your one setting';
      if (n === 2 && k === 2) return 'both of your settings';
      return k === n ? `all ${n} of your settings` : `${k} of your ${n} settings`;
  }
}

/** "14 rules Google does not publish, 7 about your service, 6 of your settings": what a check would vary. */
export function kindsInBrief(counts: readonly KindCount[], provider: string): string {
  return counts
    .map((c) => {
      switch (c.kind) {
        case 'unpublished':
          return `${c.total} ${c.total === 1 ? 'rule' : 'rules'} ${notPublishedBy(provider)}`;
        case 'service':
          return `${c.total} about your service`;
        case 'setting':
          return `${c.total} of your settings`;
      }
    })
    .join(', ');
}

/** "a, b and c". */
export function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}
