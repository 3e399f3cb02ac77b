/**
 * A scenario file's text to the plain object the schema checks: YAML when the file name ends
 * in .yaml or .yml, JSON otherwise. Both give the same object, so one schema (and one JSON
 * Schema for editors: `# yaml-language-server: $schema=...` in YAML) serves both.
 *
 * YAML is parsed with the `yaml` package's YAML 1.2 core schema: `yes`/`no` and dates stay
 * strings (as they would in JSON), and a syntax error names its line and column. When a
 * later check rejects a value, `locateInputError` adds the line and column of the value's
 * path to the message, so a YAML user is pointed at the line to fix as a JSON user is.
 */
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import { InputError } from '../errors.js';
import { parseJsonText } from './json-text.js';

// The yaml package is loaded on the first YAML file, not with this module: a JSON scenario
// (every packaged workload, most runs) does not pay for its 260 KB of code at start-up
// (issue 12). `require` of the same entry an import gave (yaml's Node build is CommonJS).
const require = createRequire(import.meta.url);
let yamlPackage: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlPackage ??= require('yaml') as typeof import('yaml'));

/** True for a file name that is read as YAML. */
export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** Parsed YAML and what is needed to find a path's line again. */
interface YamlParsed {
  readonly doc: Document;
  readonly lines: LineCounter;
}

const parsedYaml = new WeakMap<object, YamlParsed>();

/**
 * Parses `text` (JSON or YAML by `where`'s extension); an InputError names the file, line and
 * column of the first problem.
 */
export function parseScenarioText(text: string, where: string): unknown {
  if (!isYamlPath(where)) return parseJsonText(text, where);
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const at = lines.linePos(problem.pos[0]);
    const reason = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(`${where}: line ${at.line}, column ${at.col}: not valid YAML: ${reason}`);
  }
  // An alias bomb (`&a [*a, *a, ...]`) is refused rather than expanded: 100 is far above what
  // a scenario needs.
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (value !== null && typeof value === 'object') parsedYaml.set(value, { doc, lines });
  return value;
}

/**
 * A path at the start of a message (after `where: `), as zod-issues.ts and the resolvers
 * write it: `platforms[0].concurrency`, `traffic.points[2][0]`.
 */
const PATH = /^([A-Za-z_$][\w$-]*(?:\[\d+\]|\.[A-Za-z_$][\w$-]*)*)(?=[:\s])/;

/** ['platforms', 0, 'concurrency'] from 'platforms[0].concurrency'. */
function pathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const m of path.matchAll(/([A-Za-z_$][\w$-]*)|\[(\d+)\]/g)) keys.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return keys;
}

/**
 * The same error with `line L, column C` of the value it names, for a YAML file parsed by
 * parseScenarioText; any other error is returned as it is. The deepest part of the path that
 * exists in the file is used (a missing field points at its parent).
 */
export function locateInputError(error: unknown, raw: unknown, where: string): unknown {
  if (!(error instanceof InputError) || raw === null || typeof raw !== 'object') return error;
  const parsed = parsedYaml.get(raw);
  const prefix = `${where}: `;
  if (parsed === undefined || !error.message.startsWith(prefix)) return error;
  const rest = error.message.slice(prefix.length);
  const match = PATH.exec(rest);
  if (match === null) return error;
  const keys = pathKeys(match[1]!);
  for (let n = keys.length; n > 0; n--) {
    const node = parsed.doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range !== undefined) {
      const at = parsed.lines.linePos(node.range[0]);
      return new InputError(`${prefix}line ${at.line}, column ${at.col}: ${rest}`);
    }
  }
  return error;
}
