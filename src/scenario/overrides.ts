/**
 * `--set <path>=<value>` on the file form of a scenario, before validation (so a set value is
 * checked like any other). The first segment is a top-level key (`duration`, `traffic`,
 * `requests`, ...) or a platform's name (`cloud-run.concurrency=40`); later segments are keys,
 * or indexes into arrays (`traffic.components.1.rps`, also written `components[1]`).
 *
 * A value is read as JSON when it parses (`40`, `true`, `null`, `{"dist": ...}`), else kept as
 * a string (`1d`, `20ms`), and a JSON value the field cannot take is also kept as text when the
 * text fits (`--set vm.machineType=123` stays the string "123" if that is what fits).
 *
 * Which keys exist at each level comes from the schema, not from the file, so a field the file
 * leaves to its preset can still be set, and an unknown one lists what is allowed there.
 */
import { tooDeepOffset } from './json-text.js';
import type { z } from 'zod';
import { InputError, inputError } from '../errors.js';
import { PLATFORMS, type PlatformRegistry } from '../platforms/registry.js';
import { formatPath } from './zod-issues.js';

type Segment = string | number;

interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  discriminator?: string;
  element?: z.ZodType;
  items?: z.ZodType[];
  values?: unknown[];
  in?: z.ZodType;
}

const defOf = (schema: z.ZodType): ZodDef => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** Strips optional, default, nullable and lazy wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType !== undefined && ['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) {
      current = def.innerType;
    } else if (def.type === 'lazy' && def.getter !== undefined) current = def.getter();
    else if (def.type === 'pipe' && def.in !== undefined) current = def.in;
    else return current;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The literal value an object schema fixes for `key`, if it does. */
function literalOf(objectSchema: z.ZodType, key: string): unknown {
  const field = defOf(objectSchema).shape?.[key];
  if (field === undefined) return undefined;
  return defOf(unwrap(field)).values?.[0];
}

/**
 * The container schema that describes `value`: an object or array schema, picking a union's
 * option by its discriminator (or by shape when there is none). Undefined: a leaf.
 */
function containerSchema(schema: z.ZodType, value: unknown): z.ZodType | undefined {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'object' || def.type === 'array' || def.type === 'tuple') return inner;
  if (def.type !== 'union' || def.options === undefined) return undefined;
  if (def.discriminator !== undefined) {
    const wanted = isObject(value) ? value[def.discriminator] : undefined;
    const option = def.options.find((o) => literalOf(unwrap(o), def.discriminator!) === wanted);
    return option === undefined ? undefined : containerSchema(option, value);
  }
  for (const option of def.options) {
    const candidate = containerSchema(option, value);
    if (candidate === undefined) continue;
    const type = defOf(candidate).type;
    if ((type === 'object') === isObject(value) || (type !== 'object' && Array.isArray(value))) return candidate;
  }
  return undefined;
}

interface Level {
  /** Schema of the container at this level. */
  readonly schema: z.ZodType;
  /** The container in the (copied) scenario. */
  readonly node: Record<string, unknown> | unknown[];
}

/** The schema of `key` inside `level`, or undefined when the key does not exist there. */
function fieldSchema(level: Level, key: Segment): z.ZodType | undefined {
  const def = defOf(level.schema);
  if (def.type === 'object') return typeof key === 'string' && def.shape !== undefined && Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
  const length = Array.isArray(level.node) ? level.node.length : 0;
  if (typeof key !== 'number' || key < 0 || key >= length) return undefined;
  if (def.type === 'array') return def.element;
  if (def.type === 'tuple') return def.items?.[key];
  return undefined;
}

function allowedAt(level: Level, extra: readonly string[] = []): string {
  const def = defOf(level.schema);
  if (def.type === 'object') return `a key known there: ${[...Object.keys(def.shape ?? {}), ...extra].join(', ')}`;
  const length = Array.isArray(level.node) ? level.node.length : 0;
  return length === 0 ? 'nothing: the array is empty' : `an index from 0 to ${length - 1}`;
}

/** `traffic.components[1].rps` -> ['traffic', 'components', 1, 'rps']. */
function splitPath(path: string): Segment[] | undefined {
  const segments: Segment[] = [];
  for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (part === '') return undefined;
    segments.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  return segments;
}

/** The value of a `--set`: JSON if it parses and fits, else the text itself. */
function readValue(text: string, schema: z.ZodType | undefined): unknown {
  let parsed: unknown;
  // Nesting past the file's limit stays text, which the schema then refuses in one line.
  if (tooDeepOffset(text) >= 0) return text;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return text;
  }
  if (schema !== undefined && typeof parsed !== 'string') {
    if (!schema.safeParse(parsed).success && schema.safeParse(text).success) return text;
  }
  return parsed;
}

/** Applies one `--set path=value` in place on `root` (the file form, already a private copy). */
function applyOne(root: Record<string, unknown>, flag: string, where: string, registry: PlatformRegistry): unknown {
  const label = [where, `--set ${flag}`].filter((s) => s !== '').join(': ');
  const eq = flag.indexOf('=');
  const segments = eq > 0 ? splitPath(flag.slice(0, eq)) : undefined;
  if (segments === undefined) {
    throw new InputError(`${label}: not a valid override: expected <path>=<value>, e.g. cloud-run.concurrency=40 or duration=1d`);
  }
  const text = flag.slice(eq + 1);
  const platforms = Array.isArray(root.platforms) ? root.platforms : [];
  const names = platforms.flatMap((p) => (isObject(p) && typeof p.name === 'string' ? [p.name] : []));

  // First segment: a top-level key, else a platform by name.
  let level: Level = { schema: unwrap(registry.fileSchema), node: root };
  let rest = segments;
  const first = segments[0]!;
  const topKeys = Object.keys(defOf(level.schema).shape ?? {});
  if (typeof first === 'string' && !topKeys.includes(first) && names.includes(first)) {
    const matches = platforms.filter((p) => isObject(p) && p.name === first);
    if (matches.length > 1) {
      throw inputError(label, String(first), first, 'a platform name that is unique (several platforms have this name)');
    }
    const entry = matches[0] as Record<string, unknown>;
    const schema = containerSchema(registry.platformSchema, entry);
    if (schema === undefined) {
      throw inputError(label, String(first), entry.model, `a platform with model ${registry.modelsText()}`);
    }
    level = { schema, node: entry };
    rest = segments.slice(1);
    if (rest.length === 0) {
      throw inputError(label, String(first), first, `a field of the platform: ${allowedAt(level)}`);
    }
  }

  for (let i = 0; i < rest.length; i++) {
    const key = rest[i]!;
    const done = [...segments.slice(0, segments.length - rest.length), ...rest.slice(0, i)];
    const field = fieldSchema(level, key);
    if (field === undefined) {
      const extra = level.node === root ? names.map((n) => `${n} (platform)`) : [];
      throw inputError(label, formatPath([...done, key]), key, allowedAt(level, extra));
    }
    const container = level.node as Record<Segment, unknown>;
    if (i === rest.length - 1) {
      container[key] = readValue(text, field);
      return container[key];
    }
    let next = container[key];
    if (next === undefined || next === null) {
      next = {};
      container[key] = next;
    }
    const schema = containerSchema(field, next);
    if (schema === undefined || (typeof next !== 'object')) {
      throw inputError(
        label,
        formatPath([...done, key]),
        next,
        `an object or array to set a field in; to replace the whole value use --set ${formatPath([...done, key])}=<JSON>`,
      );
    }
    level = { schema, node: next as Record<string, unknown> };
  }
}

/**
 * Returns a copy of the file-form scenario `raw` with every `--set` applied in order. `where`
 * names the file for messages; `registry` gives the platforms' schemas.
 */
export function applyOverrides(raw: unknown, sets: readonly string[], where: string, registry: PlatformRegistry = PLATFORMS): unknown {
  if (sets.length === 0) return raw;
  if (!isObject(raw)) throw inputError(where, '', raw, 'a JSON object (the scenario)');
  const copy = structuredClone(raw);
  for (const flag of sets) applyOne(copy, flag, where, registry);
  return copy;
}

/**
 * The value one `--set path=value` stores in (a copy of) `raw`: a number, or text when the
 * field holds text (`name=5` stores "5"). `sim breakeven --vary` uses it to refuse a text field.
 */
export function valueSetBy(raw: unknown, flag: string, where: string, registry: PlatformRegistry = PLATFORMS): unknown {
  if (!isObject(raw)) throw inputError(where, '', raw, 'a JSON object (the scenario)');
  return applyOne(structuredClone(raw), flag, where, registry);
}
