/**
 * Renders a ScenarioDraft. YAML (a file name ending .yaml/.yml) carries every explanation as a
 * comment above the field it explains, with the `# yaml-language-server: $schema=` line that
 * gives editors the JSON Schema. JSON has no comments, and a "//" key would be refused by the
 * schema (strict objects), so a JSON file carries the same sentences in its `description`
 * field, one per line, each starting with the path it explains: the one field the schema keeps
 * for free text, so the explanation travels with the file and no sidecar can go stale.
 */
import { Document, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { isYamlPath } from '../scenario/scenario-text.js';
import { formatPath } from '../scenario/zod-issues.js';
import type { DraftNote, ScenarioDraft } from './scenario-draft.js';

export function renderDraft(draft: ScenarioDraft, fileName: string, schemaRef: string): string {
  return isYamlPath(fileName) ? renderYaml(draft, schemaRef) : renderJson(draft, schemaRef);
}

function renderJson(draft: ScenarioDraft, schemaRef: string): string {
  const lines = draft.notes.map((n) => (n.path.length === 0 ? n.text : `${formatPath(n.path)}: ${n.text}`));
  const { description, ...rest } = draft.scenario;
  const all = [...(typeof description === 'string' ? [description] : []), ...lines];
  return `${JSON.stringify({ $schema: schemaRef, ...rest, description: all.join('\n') }, null, 2)}\n`;
}

/** Objects that hold only scalars print on one line ({ dist: lognormal, mean: 30ms, cv: 1 }). */
function flowSmallMaps(node: unknown): void {
  if (isMap(node)) {
    if (node.items.every((p) => isScalar(p.value))) node.flow = true;
    else for (const p of node.items) flowSmallMaps(p.value);
  } else if (isSeq(node)) {
    if (node.items.every((item) => isScalar(item))) node.flow = true;
    else for (const item of node.items) flowSmallMaps(item);
  }
}

function wrap(text: string, width = 96): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    out.push(line);
  }
  return out.map((l) => ` ${l}`).join('\n');
}

function renderYaml(draft: ScenarioDraft, schemaRef: string): string {
  const doc = new Document(draft.scenario);
  flowSmallMaps(doc.contents);
  const header = draft.notes.filter((n) => n.path.length === 0).map((n) => n.text);
  doc.commentBefore = wrap([`yaml-language-server: $schema=${schemaRef}`, ...header].join('\n'));
  for (const note of draft.notes.filter((n) => n.path.length > 0)) attach(doc, note);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

/** Puts the note above the key of its field (or above the item of a list). */
function attach(doc: Document, note: DraftNote): void {
  const parentPath = note.path.slice(0, -1);
  const last = note.path[note.path.length - 1];
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  let target: Node | undefined;
  if (isMap(parent)) {
    const pair = (parent.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === last);
    target = pair?.key as Node | undefined;
    // A field inside a one-line map cannot hold a comment above it: comment the map's own key.
    if (parent.flow === true && target !== undefined) {
      attach(doc, { path: parentPath, text: `${String(last)}: ${note.text}` });
      return;
    }
  } else if (isSeq(parent) && typeof last === 'number') target = parent.items[last] as Node | undefined;
  if (target === undefined) throw new Error(`sim init: no field ${formatPath(note.path)} for its note`);
  const text = wrap(note.text);
  target.commentBefore = target.commentBefore === undefined || target.commentBefore === null ? text : `${target.commentBefore}\n${text}`;
}
