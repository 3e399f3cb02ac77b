import type { Command } from 'commander';

/**
 * One worked example per command, shown at the end of `sim <command> --help` (and the whole
 * list under `sim --help`). test/cli/help.test.ts checks that every command has one and that
 * each names its command.
 */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  run: ['sim run workloads/diurnal.json --seed 42', 'sim run my-service.yaml --set cloud-run.concurrency=40 --format json'],
  reference: ['sim reference queueing'],
  validate: ['sim validate workloads/diurnal.yaml --set duration=1d'],
  schema: ['sim schema > scenario.schema.json'],
  models: ['sim models | less'],
  sweep: ['sim sweep workloads/steady.json --grid cloud-run.concurrency=10,40,80 --replications 3 --out results.csv'],
  merge: ['sim merge shard-0.csv shard-1.csv --out results.csv --aggregate'],
  breakeven: ['sim breakeven workloads/diurnal.json --set duration=1d --vary traffic.meanRps --between 1,200'],
  optimize: ['sim optimize workloads/steady.json --slo "p95<300ms" --grid cloud-run.concurrency=10,40,80'],
  sensitivity: ['sim sensitivity workloads/diurnal.json --set duration=1d --out sensitivity'],
  report: ['sim run workloads/diurnal.json --out run && sim report run --out report.html'],
  init: [
    'sim init my-service.yaml --requests-per-day 2000000 --peak-rps 40 --p50 80ms --p95 250ms --cpu-share 0.3',
    'sim init my-service.yaml --from-logs requests.json.gz --cpu-share 0.3',
  ],
  completion: ['source <(sim completion bash)', 'sim completion zsh > "${fpath[1]}/_sim"'],
};

/** Appends each command's examples to its help. */
export function addExamples(program: Command): void {
  for (const cmd of program.commands) {
    const examples = EXAMPLES[cmd.name()];
    if (examples !== undefined) cmd.addHelpText('after', `\nExample${examples.length > 1 ? 's' : ''}:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  }
  program.addHelpText('after', `\nExamples:\n${Object.values(EXAMPLES).map((list) => `  $ ${list[0]}`).join('\n')}\n`);
}
