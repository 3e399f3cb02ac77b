/**
 * Bad input: a file, a JSON path, a flag or a value the user can fix. The CLI prints the
 * message alone (no stack) and exits with code 2. Messages name where (file and JSON path or
 * flag), the value found, and what is allowed, e.g.
 *   workloads/x.json: platforms[0].concurrency: 0 is not allowed: an integer from 1 to 1000
 * A long value is cut (see `shortenMessage`): a 17 MB `--set` value must not come back whole.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(message: string) {
    super(shortenMessage(message));
  }
}

/**
 * A simulation whose result cannot be trusted (a cost that overflowed to infinity, say): the
 * run fails with exit 1 and its figures are never printed or ranked.
 */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
}

/** Characters of one value kept in a message; longer values keep their start and their length. */
export const MAX_SHOWN_VALUE = 120;
/** A run of non-space characters longer than this is a pasted value, not a path or a word. */
const MAX_WORD = 240;
/** A message longer than this keeps its start and its end (where "allowed: ..." is). */
const MAX_MESSAGE = 1200;

/** `value` as JSON, cut to MAX_SHOWN_VALUE characters with its full length named. */
export function showValue(value: unknown): string {
  const shown = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return shown.length <= MAX_SHOWN_VALUE ? shown : `${shown.slice(0, MAX_SHOWN_VALUE)}... (${shown.length} characters)`;
}

/**
 * Cuts what a message echoes: every run of more than MAX_WORD characters without a space (a
 * pasted value, a JSON array) keeps its first MAX_SHOWN_VALUE characters; a message
 * still longer than MAX_MESSAGE keeps its first 800 and last 300 characters. Short messages are
 * unchanged.
 */
export function shortenMessage(message: string): string {
  const cut = message.replace(new RegExp(`\\S{${MAX_WORD + 1},}`, 'g'), (word) => `${word.slice(0, MAX_SHOWN_VALUE)}... (${word.length} characters)`);
  if (cut.length <= MAX_MESSAGE) return cut;
  return `${cut.slice(0, 800)} ... (${cut.length - 1100} characters cut) ... ${cut.slice(-300)}`;
}

/** Builds the standard message: `<where>: <path>: <value> is not allowed: <allowed>`. */
export function inputError(where: string, path: string, value: unknown, allowed: string): InputError {
  const location = [where, path].filter((s) => s !== '').join(': ');
  return new InputError(`${location}: ${showValue(value)} is not allowed: ${allowed}`);
}
