import { Argument, Command, Option } from 'commander';
import { scenarioJsonSchemaText } from '../scenario/json-schema.js';
import { modelReferenceMarkdown } from '../scenario/model-reference.js';
import { registerBreakeven } from './breakeven.js';
import { registerCompletion } from './completion.js';
import { addExamples } from './examples.js';
import { registerInit } from './init.js';
import { EXIT_OK, handleError } from './handle-error.js';
import { registerMerge } from './merge.js';
import { registerOptimize } from './optimize.js';
import { referenceCommand, REFERENCES, type ReferenceName } from './reference.js';
import { registerReport } from './report.js';
import { verdictJudge } from '../sensitivity/verdict-judge.js';
import { registerSensitivity } from './sensitivity.js';
import { collect, parseChoice, parsePositiveDuration, parseSeed } from './parse-flags.js';
import { FORMATS, runCommand, type Format } from './run.js';
import { registerSweep } from './sweep.js';
import { validateCommand } from './validate.js';

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
    .option('--out <dir>', 'also write summary.csv and timeline.csv to this directory')
    .option('--timeline-step <duration>', 'seconds per timeline row (with --out)', '1s')
    .option('--free-tier', 'apply the monthly free tiers (same as --set billing.freeTier=true)', false)
    .option('--max-time <duration>', 'refuse runs estimated to take longer than this', '1h')
    .option('--report <file>', 'also write an HTML report (the verdict, charts over time, latency, cold starts, cost) to this file')
    .action(async (file: string, opts: { seed: string; set: string[]; format: Format; out?: string; timelineStep: string; freeTier: boolean; maxTime: string; report?: string }) => {
      await runCommand(
        file,
        {
          seed: parseSeed(opts.seed),
          set: opts.set,
          freeTier: opts.freeTier,
          format: parseChoice('--format', opts.format, FORMATS),
          timelineStep: parsePositiveDuration('--timeline-step', opts.timelineStep),
          maxSeconds: parsePositiveDuration('--max-time', opts.maxTime),
          ...(opts.out !== undefined ? { out: opts.out } : {}),
          ...(opts.report !== undefined ? { report: opts.report } : {}),
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
    .action((file: string, opts: { set: string[] }) => validateCommand(file, opts.set, stdout));

  program
    .command('schema')
    .description('print the JSON Schema of scenario files')
    .action(() => stdout(scenarioJsonSchemaText()));

  program
    .command('models')
    .description('print the model reference: every parameter, its default, and its source or assumption')
    .action(() => stdout(modelReferenceMarkdown()));

  registerSweep(program, stdout);
  registerMerge(program, stdout);
  registerBreakeven(program, stdout);
  registerOptimize(program, stdout);
  registerReport(program, stdout);
  registerSensitivity(program, verdictJudge, stdout);
  registerInit(program, stdout);
  registerCompletion(program, stdout);
  addExamples(program);

  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    return handleError(error);
  }
}
