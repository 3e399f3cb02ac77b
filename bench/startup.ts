import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_SWEEP_SCENARIO } from './tiny-scenario.js';
import { measureNode, measureSim, median } from './whole-process.js';

/**
 * Start-up (issue 12 item 1): CPU seconds of whole processes, `sim --version`, `sim validate`
 * and `sim run` of a tiny scenario, against `node -e ''` (the floor: Node itself). Runs in turn,
 * `repeat` times each, median reported: on a shared machine a single figure drifts.
 */
export interface StartupCase {
  readonly name: string;
  readonly command: string;
  /** Goal: at most this many times the CPU of `node -e ''`. */
  readonly goal: number;
  readonly cpuSeconds: readonly number[];
  readonly medianCpuSeconds: number;
  readonly ratio: number;
}

export interface StartupResult {
  readonly nodeCpuSeconds: readonly number[];
  readonly nodeMedianCpuSeconds: number;
  readonly cases: readonly StartupCase[];
}

export const TINY_SCENARIO = TINY_SWEEP_SCENARIO;

export function measureStartup(repeat: number): StartupResult {
  const dir = mkdtempSync(join(tmpdir(), 'scalesim-startup-'));
  try {
    const tiny = join(dir, 'tiny.json');
    writeFileSync(tiny, JSON.stringify(TINY_SCENARIO));
    // One platform: no break-even search in the verdict (it needs two), so this is start-up,
    // loading, one short simulation, the verdict's check of the assumptions (a run this short
    // runs `sim sensitivity`'s 1 + 2 x 16 short simulations itself: src/verdict/sensitivity-hint.ts)
    // and the output.
    const single = join(dir, 'tiny-one.json');
    writeFileSync(single, JSON.stringify({ ...TINY_SCENARIO, name: 'tiny-one', platforms: TINY_SCENARIO.platforms.slice(0, 1) }));
    const specs = [
      { name: 'version', command: 'sim --version', args: ['--version'], goal: 3 },
      { name: 'validate', command: 'sim validate workloads/diurnal.json', args: ['validate', 'workloads/diurnal.json'], goal: 3 },
      { name: 'run', command: 'sim run <tiny: 10 min, 5 req/s, 2 platforms; the verdict searches the break-even traffic and checks the assumptions>', args: ['run', tiny], goal: 4 },
      { name: 'run-one', command: 'sim run <the same tiny scenario, Cloud Run only: no break-even search; the assumptions checked>', args: ['run', single], goal: 4 },
    ];
    const node: number[] = [];
    const each = specs.map(() => [] as number[]);
    for (let k = 0; k < repeat; k++) {
      node.push(measureNode(['-e', '']).cpuSeconds);
      specs.forEach((spec, i) => each[i]!.push(measureSim(spec.args).cpuSeconds));
    }
    const nodeMedian = median(node);
    return {
      nodeCpuSeconds: node,
      nodeMedianCpuSeconds: nodeMedian,
      cases: specs.map((spec, i) => {
        const m = median(each[i]!);
        return { name: spec.name, command: spec.command, goal: spec.goal, cpuSeconds: each[i]!, medianCpuSeconds: m, ratio: m / nodeMedian };
      }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
