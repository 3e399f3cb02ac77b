import { expect } from 'vitest';
import { InputError } from '../../src/errors.js';

/** A small valid scenario in file form, one platform of each model. */
export function baseScenario(): Record<string, unknown> {
  return {
    name: 'base',
    duration: '1h',
    traffic: { type: 'poisson', rps: 10 },
    requests: { cpu: { dist: 'exponential', mean: '20ms' }, io: 0.05, responseBytes: '16KiB' },
    platforms: [
      { name: 'cloud-run', model: 'cloud-run' },
      { name: 'vm', model: 'compute-engine' },
    ],
  };
}

/** Runs `fn`, expects an InputError whose message contains every one of `parts`; returns it. */
export function expectInputError(fn: () => unknown, parts: readonly string[]): string {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InputError);
  const message = (caught as InputError).message;
  for (const part of parts) expect(message).toContain(part);
  // Nothing of zod's own wording or a stack leaks into the message.
  expect(message).not.toMatch(/Invalid input|ZodError|\n\s+at /);
  return message;
}
