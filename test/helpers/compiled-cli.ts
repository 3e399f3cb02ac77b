import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transpileTree } from '../experiment/transpile-tree.js';

/**
 * The CLI compiled to JavaScript for tests that run it as a user does, in a child process, so
 * that --workers 2 loads the compiled worker script: src/ transpiled into
 * test/artifacts/<name>-<pid>/ (about a second, no type check), a launcher `sim.mjs`, and a
 * `work` directory for the test's files. `create` in beforeAll, `remove` in afterAll.
 */
export class CompiledCli {
  readonly root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  readonly build: string;
  readonly work: string;
  readonly launcher: string;

  constructor(name: string) {
    this.build = join(this.root, 'test', 'artifacts', `${name}-${process.pid}`);
    this.work = join(this.build, 'work');
    this.launcher = join(this.build, 'sim.mjs');
  }

  create(): void {
    transpileTree(this.root, this.build);
    writeFileSync(this.launcher, "import { main } from './src/cli/main.js';\nprocess.exitCode = await main(process.argv);\n");
    mkdirSync(this.work, { recursive: true });
  }

  /** Writes a JSON file into the work directory; returns its path. */
  writeJson(name: string, value: unknown): string {
    const path = join(this.work, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  }

  remove(): void {
    rmSync(this.build, { recursive: true, force: true });
  }
}
