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
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const outdir = join(root, 'dist', 'cli');
rmSync(outdir, { recursive: true, force: true });

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
  logLevel: 'warning',
});
