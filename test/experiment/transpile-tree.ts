import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Compiles src/ to JavaScript under `outDir` (outDir/src/...), file by file with
 * `ts.transpileModule`: no type check (vitest runs `tsc --noEmit` first), so it takes about a
 * second where `tsc -p tsconfig.build.json` takes half a minute on a busy machine. The layout
 * is dist's, so the CLI finds `sweep-worker.js` beside the pool and, walking up to
 * package.json, the repository's models/. `outDir` must lie inside the repository.
 */
export function transpileTree(root: string, outDir: string): void {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
    });
  for (const file of walk(join(root, 'src'))) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true, verbatimModuleSyntax: false },
    });
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
}
