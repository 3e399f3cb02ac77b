import { createRequire } from 'node:module';

// csv-parse is loaded on the first CSV parsed, not with the modules that parse one: `sim run` of
// a scenario without a trace reads no CSV, and every command pays at start-up for what it
// loads (issue 12; test/cli/lazy-loading.test.ts checks it). `require` of the package's
// CommonJS build (dist/cjs/sync.cjs, one file) keeps parsing synchronous, as yaml is loaded in
// src/scenario/scenario-text.ts; the bundle (tools/bundle-cli.mjs) leaves such a require to
// node_modules at run time.
const require = createRequire(import.meta.url);
let csvParsePackage: typeof import('csv-parse/sync') | undefined;

/** csv-parse's synchronous API (`parse`, `CsvError`), loaded on the first call. */
export function csvParser(): typeof import('csv-parse/sync') {
  return (csvParsePackage ??= require('csv-parse/sync') as typeof import('csv-parse/sync'));
}
