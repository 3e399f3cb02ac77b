import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';

export const RUN_MANIFEST = 'manifest.json';
export const RUN_MANIFEST_FORMAT = 'scalesim-run/1';

/**
 * A run directory (`sim run --out DIR`) is one unit: its files are renamed into place one by
 * one, so a run killed between two renames could leave a new timeline.csv beside the previous
 * run's summary.csv. `manifest.json` is removed before the first rename and written after the
 * last, naming the run (its fingerprint: version, resolved scenario, seed, timeline step) and
 * the sha256 of every file. A directory whose manifest is missing or disagrees with its files
 * is not a run's output, and `sim report` says so.
 */
export interface RunManifest {
  readonly format: typeof RUN_MANIFEST_FORMAT;
  readonly version: string;
  /** sha256 of what identifies the run (runFingerprint). */
  readonly fingerprint: string;
  /** File name in the directory -> its sha256 and size. */
  readonly files: Readonly<Record<string, { readonly sha256: string; readonly bytes: number }>>;
}

/** sha256 of a canonical JSON text of what makes a run's output: same inputs, same fingerprint. */
export function runFingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Marks the directory as being rewritten: without a manifest it is not a whole run. */
export async function removeRunManifest(dir: string): Promise<void> {
  await rm(join(dir, RUN_MANIFEST), { force: true });
}

/** Writes the manifest last (atomically), once every file is in place. */
export async function writeRunManifest(dir: string, version: string, fingerprint: string, files: readonly string[]): Promise<void> {
  const entries: Record<string, { sha256: string; bytes: number }> = {};
  for (const name of files) entries[name] = await fileDigest(join(dir, name));
  const manifest: RunManifest = { format: RUN_MANIFEST_FORMAT, version, fingerprint, files: entries };
  await writeFileAtomic(join(dir, RUN_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** sha256 and size of a file, streamed (a timeline may be 150 MB). */
export function fileDigest(path: string): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    createReadStream(path)
      .on('data', (chunk: Buffer | string) => {
        hash.update(chunk);
        bytes += chunk.length;
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: hash.digest('hex'), bytes }));
  });
}

/**
 * Checks that `dir` holds a whole run: a manifest naming `required` among its files, each file
 * with the bytes it lists. Throws an InputError (exit 2) naming what is wrong.
 */
export async function checkRunManifest(dir: string, required: readonly string[]): Promise<RunManifest> {
  const rerun = `rerun sim run --out ${dir}`;
  let manifest: RunManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, RUN_MANIFEST), 'utf8')) as RunManifest;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError(
      `${dir}: not a whole run directory: ${missing ? `no ${RUN_MANIFEST} (the run that wrote it was interrupted, or it is older than this version)` : `${RUN_MANIFEST} is not valid JSON`}; ${rerun}`,
    );
  }
  if (manifest?.format !== RUN_MANIFEST_FORMAT || typeof manifest.files !== 'object' || manifest.files === null) {
    throw new InputError(`${dir}: ${RUN_MANIFEST}: not a run manifest (format ${JSON.stringify(manifest?.format)}); ${rerun}`);
  }
  for (const name of required) {
    if (!Object.hasOwn(manifest.files, name)) throw new InputError(`${dir}: not a whole run directory: ${RUN_MANIFEST} does not list ${name}; ${rerun}`);
  }
  for (const [name, expected] of Object.entries(manifest.files)) {
    const found = await fileDigest(join(dir, name)).catch(() => undefined);
    if (found === undefined) throw new InputError(`${dir}: not a whole run directory: ${name} is missing; ${rerun}`);
    if (found.sha256 !== expected.sha256 || found.bytes !== expected.bytes) {
      throw new InputError(`${dir}: not a whole run directory: ${name} is not the file ${RUN_MANIFEST} lists (from another run, or changed since); ${rerun}`);
    }
  }
  return manifest;
}
