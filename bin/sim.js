#!/usr/bin/env node
// Thin launcher: runs the compiled CLI (built by `npm ci` through the prepare script), so that
// `sim` starts without a TypeScript loader. dist/cli/ is that CLI bundled into one file per
// command (tools/bundle-cli.mjs: about 80 files to read where dist/src has some 300); a dist/
// compiled without it (a bare `tsc`) runs as it is.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/cli/main.js', import.meta.url);
const { main } = await import(existsSync(bundled) ? bundled.href : '../dist/src/cli/main.js');
main(process.argv).then((code) => { process.exitCode = code; });
