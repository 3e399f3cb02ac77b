import { CommanderError } from 'commander';
import { InputError, shortenMessage } from '../errors.js';

/** Exit codes: 0 success, 1 simulation or I/O failure, 2 bad input (file, flag, value). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/**
 * The one place that turns an error into what the user reads and an exit code. Bad input
 * gets its message alone; anything else gets a one-line message, and the stack only when
 * SCALESIM_DEBUG is set.
 */
export function handleError(error: unknown, stderr: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (unknown option, missing argument...).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return EXIT_OK;
    }
    return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  }
  if (error instanceof InputError) {
    stderr(`sim: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const io = (err as NodeJS.ErrnoException).code;
  // Node's own messages already start with the code ("ENOSPC: no space left on device, ...").
  const prefix = typeof io === 'string' && !err.message.startsWith(io) ? `${io}: ` : '';
  stderr(`sim: ${prefix}${shortenMessage(err.message).split('\n')[0]}\n`);
  if (process.env.SCALESIM_DEBUG) stderr(`${err.stack ?? ''}\n`);
  return EXIT_FAILURE;
}
