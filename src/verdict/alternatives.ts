import { InputError } from '../errors.js';
import { simulatePlatform, type RunOptions } from '../experiment/run.js';
import type { SummaryRecord } from '../metrics/summary.js';
import type { PlatformSpec, Scenario } from '../scenario/types.js';
import type { AlternativeCost } from './build-verdict.js';
import { costPerMonth } from './cost-per-month.js';
import { withRanks } from './rank.js';

/** A setting that could change the answer: a `--set` on one platform, and how to get its cost. */
export interface AlternativeSetting {
  readonly platform: string;
  /** In words: "instance-based billing", "1-year committed use discount (37 % off 2 VMs)". */
  readonly change: string;
  /** The `--set` that makes it: "cloud-run.billing=instance". */
  readonly set: string;
  /**
   * True when the setting changes what the simulation does (or when its bill cannot be told
   * from the same events), so it is simulated again; false when it is billed from the same run.
   */
  readonly simulate: boolean;
}

/**
 * The settings the verdict prices beside each platform's own (pure), issue 11 item 4:
 * - Cloud Run: the other billing setting (request- or instance-based). In this model billing
 *   changes no behaviour, so it is billed from the same lifecycle; with the startup CPU boost
 *   the boosted vCPU is billed by a rule that depends on the setting (boosted and billable, or
 *   boosted and existing), counted by the platform for its own setting only: simulated again.
 * - Compute Engine on demand: 1- and 3-year committed use (`pricing` cud-1y, cud-3y: a
 *   commitment of `count` VMs), billed from the same VM lifecycle.
 */
export function alternativeSettings(spec: PlatformSpec): AlternativeSetting[] {
  if (spec.model === 'cloud-run') {
    const other = spec.billing === 'request' ? 'instance' : 'request';
    return [{ platform: spec.name, change: `${other}-based billing`, set: `${spec.name}.billing=${other}`, simulate: spec.startupCpuBoost }];
  }
  if ((spec.pricing ?? 'on-demand') !== 'on-demand') return [];
  return [
    { platform: spec.name, change: `a 1-year committed use discount on its ${spec.count} VM${spec.count === 1 ? '' : 's'}`, set: `${spec.name}.pricing=cud-1y`, simulate: false },
    { platform: spec.name, change: `a 3-year committed use discount on its ${spec.count} VM${spec.count === 1 ? '' : 's'}`, set: `${spec.name}.pricing=cud-3y`, simulate: false },
  ];
}

export interface RunWithAlternatives {
  /** One ranked record per platform, exactly as runScenario gives them. */
  readonly records: SummaryRecord[];
  readonly alternatives: AlternativeCost[];
}

/**
 * Runs every platform of the scenario, billing the alternatives of alternativeSettings beside
 * each one from the same simulated lifecycle (common random numbers: the same requests, the
 * same instance starts and stops), and simulating again only those that change behaviour.
 * `resolveWith(sets)` resolves the scenario with more `--set` overrides (the CLI re-reads its
 * file); an alternative the scenario refuses (a machine type without committed-use prices,
 * say) is left out.
 */
export function runWithAlternatives(
  scenario: Scenario,
  options: RunOptions,
  resolveWith: (sets: readonly string[]) => Scenario,
  onSimulate?: (label: string) => void,
): RunWithAlternatives {
  const alternatives: AlternativeCost[] = [];
  const records = scenario.platforms.map((spec) => {
    const settings = alternativeSettings(spec)
      .map((setting) => ({ setting, spec: variantSpec(resolveWith, setting) }))
      .filter((a): a is { setting: AlternativeSetting; spec: PlatformSpec } => a.spec !== null);
    const billed = settings.filter((a) => !a.setting.simulate);
    const run = simulatePlatform(scenario, spec, options, billed.map((a) => a.spec));
    billed.forEach((a, i) => {
      alternatives.push({
        platform: spec.name,
        change: a.setting.change,
        costPerMonthUsd: costPerMonth(run.variantCosts[i]!, scenario.duration),
        status: run.record.status,
        simulated: false,
      });
    });
    for (const a of settings.filter((x) => x.setting.simulate)) {
      onSimulate?.(`${spec.name} with ${a.setting.change}`);
      const record = simulatePlatform(scenario, a.spec, { seed: options.seed, replication: options.replication ?? 0 }).record;
      alternatives.push({ platform: spec.name, change: a.setting.change, costPerMonthUsd: record.cost_per_month_usd, status: record.status, simulated: true });
    }
    return run.record;
  });
  return { records: withRanks(records), alternatives };
}

function variantSpec(resolveWith: (sets: readonly string[]) => Scenario, setting: AlternativeSetting): PlatformSpec | null {
  try {
    return resolveWith([setting.set]).platforms.find((p) => p.name === setting.platform) ?? null;
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}
