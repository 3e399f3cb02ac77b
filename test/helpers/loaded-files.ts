import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { runProcess } from './run-process.js';

const MARK = 'scalesim-loaded ';

/**
 * Every file a Node process loaded, for tests of what a command loads (issue 12: start-up).
 * CommonJS files are read from the module cache at exit; ES modules never enter that cache
 * (csv-parse, imported, would go unseen), so a module hook (`module.register`, Node >= 20.6)
 * appends each file URL it loads to a log the exit handler reads back. Main thread only: a
 * worker runs the preload too, and would print a second list.
 */
export class LoadedFiles {
  readonly preload: string;

  /** Writes the preload and its hook module into `dir`. */
  constructor(readonly dir: string) {
    const hooks = join(dir, 'loaded-hooks.mjs');
    writeFileSync(
      hooks,
      [
        "import { appendFileSync } from 'node:fs';",
        'let log = "";',
        'export function initialize(data) { log = data.log; }',
        "export async function load(url, context, next) { if (url.startsWith('file:')) appendFileSync(log, url + '\\n'); return next(url, context); }",
      ].join('\n'),
    );
    this.preload = join(dir, 'loaded.mjs');
    writeFileSync(
      this.preload,
      [
        "import { existsSync, readFileSync, rmSync } from 'node:fs';",
        "import { createRequire, register } from 'node:module';",
        "import { fileURLToPath } from 'node:url';",
        "import { isMainThread } from 'node:worker_threads';",
        'if (isMainThread) {',
        `  const log = ${JSON.stringify(dir)} + '/esm-' + process.pid + '.log';`,
        `  register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { log } });`,
        '  const cache = createRequire(import.meta.url).cache;',
        "  process.on('exit', () => {",
        "    const esm = existsSync(log) ? readFileSync(log, 'utf8').split('\\n').filter((u) => u !== '').map((u) => fileURLToPath(u)) : [];",
        '    rmSync(log, { force: true });',
        `    process.stderr.write('\\n${MARK}' + JSON.stringify([...new Set([...Object.keys(cache), ...esm])]) + '\\n');`,
        '  });',
        '}',
      ].join('\n'),
    );
  }

  /** Runs `node --import <preload> script ...args` (exit 0 expected); the files it loaded. */
  async run(script: string, args: readonly string[], cwd: string): Promise<string[]> {
    const r = await runProcess(process.execPath, ['--import', this.preload, script, ...args], { cwd, timeoutMs: 120_000 });
    expect(r.code, r.stderr.slice(0, 500)).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.startsWith(MARK));
    expect(line).toBeDefined();
    return JSON.parse(line!.slice(MARK.length)) as string[];
  }
}

/** The npm packages among `files`, by name ("yaml", "@stdlib/math-base-special-gamma"). */
export function packagesOf(files: readonly string[]): Set<string> {
  return new Set(files.flatMap((f) => /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(f)?.[1]?.replace('\\', '/') ?? []));
}
