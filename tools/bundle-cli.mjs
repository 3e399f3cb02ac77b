// Bundles the compiled CLI (dist/src, tsc's output: the sources stay the truth) into
// dist/cli/ for start-up (issue 12 item 1). Run by `npm run build` and `prepare` after tsc.
//
// Why: a command loaded some 300 files (95 of them zod's, hundreds of tiny @stdlib packages
// behind Student's t) and Node resolves, reads and compiles each one; in one process on this
// project's 2-core machine, `sim validate workloads/diurnal.json` spent about 0.11 s CPU of
// 0.68 s on that alone. One file per command costs a fraction of that.
//
// Layout: main.js (bin/sim.js imports it) and sweep-worker.js are the entry points; code
// splitting keeps each command's `await import(...)` a chunk of its own, so `sim --version`
// still loads no simulator. Chunks sit beside the entries: the job pool starts its worker from
// `new URL('./sweep-worker.js', import.meta.url)`, which must resolve from any chunk.
// packageRoot() (src/scenario/catalog-file.ts) walks up from the chunk to package.json as it
// does from dist/src, and chart-library.ts resolves d3 and Plot from node_modules as before.
//
// Usage: node tools/bundle-cli.mjs [root]   (root: the package folder holding dist/src; default
// the folder above this script).
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const outdir = join(root, 'dist', 'cli');
rmSync(outdir, { recursive: true, force: true });

/**
 * zod's error messages in English only. zod re-exports every locale (`z.locales`, 67 of them)
 * and sets English as the default; a bundle takes each locale's module body into the top-level
 * code of the chunk, which V8 compiles whole on load: about 30 ms CPU of each command that
 * validates (profiles of `sim validate`, 6 runs each: compile 103 -> 70 ms). scalesim writes
 * its own messages from zod's issues (src/scenario/zod-issues.ts) and never picks a locale;
 * the check below keeps it so.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: resolve(dirname(args.importer), args.path), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: "export { default as en } from './en.js';\n", resolveDir: dirname(args.path) }));
  },
};
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
for (const file of walk(join(root, 'dist', 'src'))) {
  if (/\blocales\b/.test(readFileSync(file, 'utf8'))) throw new Error(`tools/bundle-cli.mjs: ${file} names zod's locales, which the bundle leaves out (zodEnglishOnly)`);
}

await build({
  absWorkingDir: root,
  entryPoints: [join(root, 'dist/src/cli/main.js'), join(root, 'dist/src/experiment/sweep-worker.js')],
  outdir,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // @datadog/sketches-js requires protobufjs only to serialise sketches, which scalesim never does.
  external: ['protobufjs/minimal'],
  // CommonJS dependencies (yaml, @stdlib, commander's `require('node:events')`) call require:
  // an ES module has none, so each output file makes one.
  banner: { js: "import { createRequire as __scalesimCreateRequire } from 'node:module';\nconst require = __scalesimCreateRequire(import.meta.url);" },
  legalComments: 'none',
  // Whitespace and syntax only: about 30 % fewer bytes for Node to read, decode and pre-parse
  // at each start (a tiny one-platform `sim run`: 0.447 s CPU against 0.48, 6 runs each in
  // turn). Names are kept: renaming them (with keepNames so that class names survive) cost more
  // than it saved, and profiles of dist/cli still name every function.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
});
