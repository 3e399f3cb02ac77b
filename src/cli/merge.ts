import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { ShardFile } from '../experiment/merge.js';

/** Reads a shard's file and its `.meta.json` when there is one. */
function readShard(path: string): ShardFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read the shard: ${code === 'ENOENT' ? 'no such file' : String(code ?? error)}`);
  }
  const metaPath = `${path}.meta.json`;
  if (!existsSync(metaPath)) return { path, text };
  try {
    return { path, text, meta: JSON.parse(readFileSync(metaPath, 'utf8')) as unknown };
  } catch {
    throw new InputError(`${metaPath}: not a sweep's meta file (unreadable JSON)`);
  }
}

/**
 * `sim merge`: shard files back into one results file in task order (the bytes of the
 * unsharded sweep), with `--aggregate` its mean and 95 % CI file too.
 */
export async function mergeCommand(files: readonly string[], flags: { out: string; aggregate: boolean }, stdout: (text: string) => void): Promise<void> {
  const { aggregateResults } = await import('../experiment/aggregate.js');
  const { formatCsvTable } = await import('../experiment/csv-table.js');
  const { mergeShards } = await import('../experiment/merge.js');
  const { aggregatePath } = await import('../experiment/sweep.js');
  const { writeFileAtomic } = await import('../output/atomic-write.js');
  const { prepareOutputFile, refuseOverwritingInput } = await import('../output/output-path.js');
  // Checked before anything is read: the output must not be one of the inputs (or their meta).
  const inputs = files.flatMap((file) => [file, `${file}.meta.json`]);
  refuseOverwritingInput(flags.out, inputs, '--out');
  await prepareOutputFile(flags.out, '--out');
  if (flags.aggregate) {
    refuseOverwritingInput(aggregatePath(flags.out), inputs, '--aggregate');
    await prepareOutputFile(aggregatePath(flags.out), '--aggregate');
  }
  const merged = mergeShards(files.map(readShard));
  const written = [flags.out];
  if (flags.aggregate) {
    const path = aggregatePath(flags.out);
    await writeFileAtomic(path, aggregateResults(merged, flags.out));
    written.push(path);
  }
  await writeFileAtomic(flags.out, formatCsvTable(merged));
  stdout(`merge: ${files.length} shard files, ${merged.rows.length} rows; wrote ${written.join(' and ')}\n`);
}

/** Adds `sim merge` to the program. */
export function registerMerge(program: Command, stdout: (text: string) => void): void {
  program
    .command('merge')
    .description('merge the shard files of a sweep (sim sweep --shard) into the results of the whole sweep, in task order')
    .argument('<shards...>', 'shard result files (each with its .meta.json beside it when there is one)')
    .requiredOption('--out <file>', 'merged results CSV')
    .option('--aggregate', 'also write <out>.agg.csv: mean and 95 % CI per point and platform', false)
    .action((files: string[], flags: { out: string; aggregate: boolean }) => mergeCommand(files, flags, stdout));
}
