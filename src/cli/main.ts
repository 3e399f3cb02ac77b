import { Argument, Command, Option } from 'commander';
import { MIN_TIMELINE_STEP_S } from '../scenario/interval-bounds.js';
import { registerBreakeven } from './breakeven.js';
import { registerCompletion } from './completion.js';
import { addExamples } from './examples.js';
import { registerInit } from './init.js';
import { EXIT_BAD_INPUT, EXIT_OK, handleError } from './handle-error.js';
import { parseInteger } from './experiment-flags.js';
import { endQuietlyOnClosedPipe } from './closed-pipe.js';
import { FORMATS, type Format } from './formats.js';
import { registerMerge } from './merge.js';
import { registerOptimize } from './optimize.js';
import { referenceCommand, REFERENCES, type ReferenceName } from './reference.js';
import { registerReport } from './report.js';
import { registerSensitivity } from './sensitivity.js';
import { collect, parseChoice, parsePositiveDuration, parseSeed } from './parse-flags.js';
import { registerSweep } from './sweep.js';

// Start-up (issue 12): this module and the register* modules load only commander and flag
// parsing. Each command loads what it needs when it runs (`await import`), so `sim --version`
// does not load zod, arquero, the report libraries or the simulator.

const stdout = (text: string): void => {
  process.stdout.write(text);
};

/** Builds the command tree. Each command parses its flags, calls the library, renders. */
export function buildProgram(): Command {
  const program = new Command('sim')
    .description('scalesim: simulate traffic on Cloud Run and Compute Engine; cost and latency side by side')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(run sim --help for usage)');

  program
    .command('run')
    .description('simulate a scenario and print one summary per platform')
    .argument('<scenario>', 'scenario file (JSON, or YAML ending .yaml/.yml)')
    .option('--seed <n>', 'run seed (non-negative integer)', '1')
    .option('--set <path=value>', 'override a scenario field, e.g. cloud-run.concurrency=40 (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--out <dir>', 'also write summary.csv, timeline.csv and verdict.json to this directory (and sensitivity.json and .csv when the run checks the assumptions itself)')
    .option('--timeline-step <duration>', 'seconds per timeline row (with --out)', '1s')
    .option('--free-tier', 'apply the monthly free tiers (same as --set billing.freeTier=true)', false)
    .option('--max-time <duration>', 'refuse runs estimated to take longer than this', '1h')
    .option('--report <file>', 'also write an HTML report (the verdict, charts over time, latency, cold starts, cost) to this file')
    .option('--workers <n>', 'worker threads, one platform each (default: every core, for runs estimated at 2 s or more)')
    .action(async (file: string, opts: { seed: string; set: string[]; format: Format; out?: string; timelineStep: string; freeTier: boolean; maxTime: string; report?: string; workers?: string }) => {
      const { runCommand } = await import('./run.js');
      await runCommand(
        file,
        {
          seed: parseSeed(opts.seed),
          set: opts.set,
          freeTier: opts.freeTier,
          format: parseChoice('--format', opts.format, FORMATS),
          timelineStep: parsePositiveDuration('--timeline-step', opts.timelineStep, { seconds: MIN_TIMELINE_STEP_S, text: '1ms (one row per step and platform)' }),
          maxSeconds: parsePositiveDuration('--max-time', opts.maxTime),
          ...(opts.out !== undefined ? { out: opts.out } : {}),
          ...(opts.report !== undefined ? { report: opts.report } : {}),
          ...(opts.workers !== undefined ? { workers: parseInteger('--workers', opts.workers, 1) } : {}),
        },
        stdout,
      );
    });

  program
    .command('reference')
    .description("the simulator's evidence: AWS Lambda measurements and queueing closed forms beside simulated values")
    .addArgument(new Argument('[name]', 'which references').choices(REFERENCES).default('all'))
    .option('--seed <n>', 'run seed (non-negative integer)', '1')
    .action((name: ReferenceName, opts: { seed: string }) => referenceCommand(name, parseSeed(opts.seed), stdout));

  program
    .command('validate')
    .description('check a scenario file and print the resolved scenario')
    .argument('<scenario>', 'scenario file (JSON, or YAML ending .yaml/.yml)')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .action(async (file: string, opts: { set: string[] }) => {
      const { validateCommand } = await import('./validate.js');
      validateCommand(file, opts.set, stdout);
    });

  program
    .command('schema')
    .description('print the JSON Schema of scenario files')
    .action(async () => {
      const { scenarioJsonSchemaText } = await import('../scenario/json-schema.js');
      stdout(scenarioJsonSchemaText());
    });

  program
    .command('models')
    .description('print the model reference: every parameter, its default, and its source or assumption')
    .action(async () => {
      const { modelReferenceMarkdown } = await import('../scenario/model-reference.js');
      stdout(modelReferenceMarkdown());
    });

  registerSweep(program, stdout);
  registerMerge(program, stdout);
  registerBreakeven(program, stdout);
  registerOptimize(program, stdout);
  registerReport(program, stdout);
  registerSensitivity(program, async () => (await import('../sensitivity/verdict-judge.js')).verdictJudge, stdout);
  registerInit(program, stdout);
  registerCompletion(program, stdout);
  addExamples(program);

  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  endQuietlyOnClosedPipe(process.stdout);
  if (argv.length <= 2) {
    // `sim` alone is a usage error, as for any command missing what it needs.
    process.stderr.write(buildProgram().helpInformation());
    return EXIT_BAD_INPUT;
  }
  try {
    await buildProgram().parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    return handleError(error);
  }
}
