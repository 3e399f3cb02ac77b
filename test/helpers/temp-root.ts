import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temporary file the tests make (their own mkdtemp calls, and the
 * CLI processes they spawn) goes under one directory that is removed when the run ends, so a
 * test run leaves nothing in /tmp. os.tmpdir() reads TMPDIR at each call, and the test
 * processes (pool 'forks') and their children inherit it.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'scalesim-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
