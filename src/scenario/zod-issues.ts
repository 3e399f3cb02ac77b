/**
 * Turns zod's validation issues into one InputError in the project's words:
 *   workloads/x.json: platforms[0].concurrency: 0 is not allowed: max concurrent requests ...
 * one line per issue. No zod message or stack reaches the user.
 */
import type { z } from 'zod';
import { InputError, inputError } from '../errors.js';

type Key = PropertyKey;

/** `platforms[1].concurrency` from ['platforms', 1, 'concurrency']. */
export function formatPath(path: readonly Key[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The value found at `path` in `data`, or undefined. */
export function valueAt(data: unknown, path: readonly Key[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<Key, unknown>)[key];
  }
  return current;
}

interface LooseIssue {
  code?: string;
  expected?: string;
  values?: readonly unknown[];
  options?: readonly unknown[];
  discriminator?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  inst?: unknown;
  schema?: unknown;
}

function descriptionOf(schema: unknown): string | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const description = (schema as { description?: unknown }).description;
  return typeof description === 'string' ? description : undefined;
}

function shapeKeys(schema: unknown): string[] | undefined {
  const def = (schema as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def;
  return def?.shape === undefined ? undefined : Object.keys(def.shape);
}

const oneOf = (values: readonly unknown[]): string => `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;

/**
 * The "allowed" text of an issue: the schema's own description where it has one, else words
 * built from the issue. Passed to zod as the per-parse error map.
 */
export function allowedText(raw: unknown): string {
  const issue = raw as LooseIssue;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = shapeKeys(issue.inst) ?? shapeKeys(issue.schema);
      return keys === undefined ? 'no other keys' : `a known key: ${keys.join(', ')}`;
    }
    case 'invalid_union':
      if (issue.discriminator !== undefined && issue.options !== undefined) {
        return `${issue.discriminator} ${oneOf(issue.options)}`;
      }
      break;
    case 'invalid_value':
      if (issue.values !== undefined) return oneOf(issue.values);
      break;
  }
  const described = descriptionOf(issue.schema) ?? descriptionOf(issue.inst);
  if (described !== undefined) return described;
  switch (issue.code) {
    case 'invalid_type':
      return `a value of type ${issue.expected ?? 'unknown'}`;
    case 'too_small':
      return `at least ${String(issue.minimum)}${issue.inclusive === false ? ' (exclusive)' : ''}`;
    case 'too_big':
      return `at most ${String(issue.maximum)}${issue.inclusive === false ? ' (exclusive)' : ''}`;
    default:
      return 'a value matching the scenario schema (see schema/scenario.schema.json)';
  }
}

/** A branch's issues say only "wrong type here" (it was not the branch the user meant). */
function isTypeMismatch(branch: readonly z.core.$ZodIssue[]): boolean {
  return branch.every(
    (issue) =>
      issue.path.length === 0 &&
      (issue.code === 'invalid_type' ||
        issue.code === 'invalid_value' ||
        (issue.code === 'invalid_union' && !('discriminator' in issue))),
  );
}

/**
 * A union of a plain value and an object (a distribution: `0.03` or `{"dist": ...}`) fails as
 * a whole; when exactly one branch got past the type check, its own issues are the useful
 * ones (`requests.cpu.dist` rather than `requests.cpu`).
 */
function expandUnions(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && !('discriminator' in issue) && issue.errors.length > 0) {
      const meant = issue.errors.filter((branch) => !isTypeMismatch(branch));
      if (meant.length === 1) {
        const prefixed = meant[0]!.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as z.core.$ZodIssue);
        out.push(...expandUnions(prefixed));
        continue;
      }
    }
    out.push(issue);
  }
  return out;
}

/** One line per problem, in the standard `where: path: value is not allowed: allowed` form. */
export function issueLines(issues: readonly z.core.$ZodIssue[], data: unknown, where: string): string[] {
  const lines: string[] = [];
  for (const issue of expandUnions(issues)) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        lines.push(
          inputError(where, formatPath(path), valueAt(data, path), `unknown key "${key}"; ${issue.message}`).message,
        );
      }
      continue;
    }
    const value = valueAt(data, issue.path);
    if (value === undefined) {
      const location = [where, formatPath(issue.path)].filter((s) => s !== '').join(': ');
      lines.push(`${location}: missing, required: ${issue.message}`);
    } else {
      lines.push(inputError(where, formatPath(issue.path), value, issue.message).message);
    }
  }
  return lines;
}

/** Parses `data` with `schema`, or throws one InputError listing every issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, where: string): z.output<S> {
  // jitless: zod's interpreted object parser, which gives the same result as its compiled fast
  // path. A process parses each schema a few times (a scenario, its catalogs, a breakeven's
  // points), and compiling the fast path on the first parse (new Function per object schema)
  // cost about 70 ms CPU of `sim validate workloads/diurnal.json` (start-up, issue 12).
  const result = schema.safeParse(data, { error: allowedText, jitless: true });
  if (result.success) return result.data;
  throw new InputError(issueLines(result.error.issues, data, where).join('\n'));
}
