#!/usr/bin/env node
// Thin launcher: runs the compiled CLI (built by `npm ci` through the prepare script), so that
// `sim` starts without a TypeScript loader. dist/cli/ is that CLI bundled into one file per
// command (tools/bundle-cli.mjs: about 80 files to read where dist/src has some 300); a dist/
// compiled without it, or recompiled since (a bare `tsc` after `npm run build`), runs as it is,
// so a stale bundle never runs in place of newer code.
import { existsSync, statSync } from 'node:fs';

const bundled = new URL('../dist/cli/main.js', import.meta.url);
const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
const fresh = existsSync(bundled) && (!existsSync(compiled) || statSync(bundled).mtimeMs >= statSync(compiled).mtimeMs);
const { main } = await import(fresh ? bundled.href : compiled.href);
main(process.argv).then((code) => { process.exitCode = code; });
