const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * `sim schema | head -1`: once `head` has what it wants it closes the pipe, and the next write
 * fails with EPIPE, emitted as an 'error' event on stdout that would otherwise end the process
 * with a stack trace. A reader that stops reading is not a failure of ours: end quietly with
 * exit 0, as `cat` and `yes` do. Other stdout errors (ENOSPC on a redirected file) end with one
 * line and exit 1. Installed once per stream however often `main` runs (tests call it many times).
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WritableStream, exit: (code: number) => void = (code) => process.exit(code)): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      exit(0);
      return;
    }
    process.stderr.write(`sim: stdout: ${error.message}\n`);
    exit(1);
  });
}
