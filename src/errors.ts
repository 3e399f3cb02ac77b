/**
 * Bad input: a file, a JSON path, a flag or a value the user can fix. The CLI prints the
 * message alone (no stack) and exits with code 2. Messages name where (file and JSON path or
 * flag), the value found, and what is allowed, e.g.
 *   workloads/x.json: platforms[0].concurrency: 0 is not allowed: an integer from 1 to 1000
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(message: string) {
    super(message);
  }
}

/** Builds the standard message: `<where>: <path>: <value> is not allowed: <allowed>`. */
export function inputError(where: string, path: string, value: unknown, allowed: string): InputError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  const location = [where, path].filter((s) => s !== '').join(': ');
  return new InputError(`${location}: ${shown} is not allowed: ${allowed}`);
}
