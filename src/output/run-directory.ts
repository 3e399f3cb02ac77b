import { join } from 'node:path';
import type { SummaryRecord } from '../metrics/summary.js';
import { packageVersion } from '../package-version.js';
import { writeFileAtomic } from './atomic-write.js';
import { prepareOutputDir } from './output-path.js';
import { removeRunManifest, runFingerprint, writeRunManifest } from './run-manifest.js';
import { summaryToCsv } from './summary-csv.js';
import { TimelineWriter } from './timeline-writer.js';

/** Another file of a run directory, written after summary.csv (verdict.json, say). */
export interface RunFile {
  readonly name: string;
  readonly data: string;
}

/**
 * The files of `sim run --out DIR` written as one unit (run-manifest.ts): the timeline streams
 * to a temporary file during the run; `finish` removes the old manifest, renames the timeline
 * into place, writes summary.csv and any other files, and writes the new manifest last.
 */
export class RunDirectory {
  readonly timeline: TimelineWriter;

  private constructor(readonly dir: string) {
    this.timeline = new TimelineWriter(join(dir, 'timeline.csv'));
  }

  /** Checks the directory (output-path.ts: before any work) and opens the timeline's temp file. */
  static async open(dir: string, flag = '--out'): Promise<RunDirectory> {
    await prepareOutputDir(dir, flag);
    return new RunDirectory(dir);
  }

  /** `identity`: what makes the run's output (resolved scenario, seed, timeline step), for its fingerprint. */
  async finish(records: readonly SummaryRecord[], identity: unknown, extra: readonly RunFile[] = []): Promise<void> {
    await removeRunManifest(this.dir);
    await this.timeline.close();
    await writeFileAtomic(join(this.dir, 'summary.csv'), summaryToCsv(records));
    for (const file of extra) await writeFileAtomic(join(this.dir, file.name), file.data);
    const version = packageVersion();
    await writeRunManifest(this.dir, version, runFingerprint({ version, identity }), ['summary.csv', 'timeline.csv', ...extra.map((f) => f.name)]);
  }

  /** Drops the timeline's temp file; the directory is left as it was. */
  abort(): void {
    this.timeline.abort();
  }
}
