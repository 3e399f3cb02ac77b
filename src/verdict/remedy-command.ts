import { estimateRun } from '../experiment/preflight.js';
import { scenarioSloFlags } from '../experiment/slo.js';
import { gridList } from '../experiment/grid.js';
import type { AlternativeSetting, RemedyLadder } from '../platforms/platform-entry.js';
import type { PlatformSpec, Scenario } from '../scenario/types.js';
import { shellWord } from './command-words.js';

/** What `sim run` was given, for a command that repeats it: the file, its --set flags, the seed. */
export interface RunInvocation {
  readonly file: string;
  readonly sets: readonly string[];
  readonly seed: number;
}

/** The `--set` flags of a setting: its own, then what it needs besides. */
export const settingSets = (setting: AlternativeSetting): string[] => [setting.set, ...(setting.also ?? [])];

export interface UntriedCommand {
  /** `sim optimize FILE --grid vm.count=3..5 --slo 'reject<=0.001' --replications 1 --seed 1 ...` */
  readonly command: string;
  /** Its estimated seconds on one core (preflight's typical rate): the platform once per value, the scenario's others once. */
  readonly seconds: number;
}

/**
 * The command that simulates the values a remedy search left untried (past its budget), so a
 * user can finish it: `sim optimize` over the one `--set` path the ladder varies, judged on the
 * scenario's own objectives (the same reject and latency bounds as the verdict's status), with
 * one replication at the run's seed (the same requests as the verdict's probes) and the run's
 * `--set` flags. `sim optimize` simulates only the platform the path belongs to, and its
 * "cheapest meeting every objective" is the least value that keeps up: more capacity costs
 * more. Null when the ladder's settings vary in more than one flag (Cloud Run's vCPU sizes, each
 * with its own memory), which one grid cannot say.
 */
export function untriedCommand(ladder: RemedyLadder, untried: readonly number[], scenario: Scenario, own: PlatformSpec, run: RunInvocation): UntriedCommand | null {
  if (untried.length === 0) return null;
  const flags = untried.map((v) => settingSets(ladder.setting(v)));
  // The one flag that differs between two settings of the ladder: its path is the grid's.
  const probe = ladder.values.find((v) => v !== untried[0]);
  if (probe === undefined) return null;
  const otherFlags = settingSets(ladder.setting(probe));
  const first = flags[0]!;
  if (otherFlags.length !== first.length) return null;
  const varying = first.flatMap((flag, i) => (flag === otherFlags[i] ? [] : [i]));
  if (varying.length !== 1) return null;
  const at = varying[0]!;
  const path = first[at]!.slice(0, first[at]!.indexOf('='));
  const values = flags.map((f) => f[at]!.slice(path.length + 1));
  const fixed = first.filter((_, i) => i !== at);
  const parts = ['sim optimize', shellWord(run.file), `--grid ${shellWord(`${path}=${gridList(values)}`)}`];
  for (const { flag } of scenarioSloFlags(scenario.slo)) parts.push(`--slo ${shellWord(flag)}`);
  parts.push('--replications 1', `--seed ${run.seed}`);
  // The run's own flags, then the ladder's fixed ones (which come after, so they win); a run's
  // --set of the varied path would be overridden by the grid: left out.
  for (const set of [...run.sets, ...fixed]) if (!set.startsWith(`${path}=`)) parts.push(`--set ${shellWord(set)}`);
  // sim optimize runs each platform's own grid: the varied one once per value, the others once.
  const others = scenario.platforms.filter((p) => p.name !== own.name);
  const seconds = estimateRun({ ...scenario, platforms: [own] }).typicalSeconds * untried.length + (others.length > 0 ? estimateRun({ ...scenario, platforms: others }).typicalSeconds : 0);
  return { command: parts.join(' '), seconds };
}
