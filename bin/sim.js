#!/usr/bin/env node
// Thin launcher: runs the compiled CLI (built by `npm ci` through the prepare script),
// so that `sim` starts without a TypeScript loader.
import { main } from '../dist/src/cli/main.js';
main(process.argv).then((code) => { process.exitCode = code; });
