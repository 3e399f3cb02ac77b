import { join } from 'node:path';
import type { SensitivityResult } from '../sensitivity/types.js';
import { writeFileAtomic } from './atomic-write.js';
import { sensitivityToCsv } from './sensitivity-csv.js';
import { sensitivityToJson } from './sensitivity-json.js';

/**
 * The tornado's files in `dir`, each written atomically: sensitivity.json (what `sim report DIR`
 * draws) and sensitivity.csv. Written by `sim sensitivity --out DIR` and by a `sim run --out DIR`
 * short enough to check its assumptions itself. Not part of a run's manifest: `sim sensitivity
 * --out DIR` may write them beside a run at any time.
 */
export async function writeSensitivityFiles(dir: string, result: SensitivityResult): Promise<void> {
  await writeFileAtomic(join(dir, 'sensitivity.json'), sensitivityToJson(result));
  await writeFileAtomic(join(dir, 'sensitivity.csv'), sensitivityToCsv(result));
}
