/**
 * Writes changed frontmatter values into the text an editor wrote, touching only the lines
 * of what changed (issue 16: "nothing an editor wrote is rewritten"). A CMS hands back
 * whole files re-serialized by its own YAML writer: quoting, key order, flow lists and
 * comments would all change on every save. Here the original YAML is parsed with positions
 * (the same `yaml` package and settings as src/lib/frontmatter.ts) and the difference
 * between the old and the new data becomes text edits:
 *
 * - a changed scalar is replaced in place, in its original quoting style where it can hold
 *   the new value;
 * - a changed entry of a block mapping or list is patched the same way, one level down;
 * - added keys are inserted after their predecessor in the new data's key order, removed
 *   keys and list items lose their lines;
 * - anything else (a flow list `[a, b]`, a block scalar, a scalar that became a mapping)
 *   is written again as one unit, `key: value` in the `yaml` package's style.
 *
 * Comments and blank lines between entries stay where they are.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, stringify, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

interface Edit {
  start: number;
  end: number;
  text: string;
}

type Data = Record<string, unknown>;

const STRINGIFY = { version: '1.2', lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false } as const;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((key) => a[key] !== undefined);
    const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
    return keys.length === otherKeys.length && keys.every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}

function isPlainObject(value: unknown): value is Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const isScalarValue = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** Positions in one YAML text: the start of the line an offset is on, and the end of it (after its line break). */
class Lines {
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  start(offset: number): number {
    return this.#text.lastIndexOf('\n', offset - 1) + 1;
  }
  end(offset: number): number {
    const next = this.#text.indexOf('\n', offset);
    return next === -1 ? this.#text.length : next + 1;
  }
  column(offset: number): number {
    return offset - this.start(offset);
  }
}

const indentLines = (text: string, indent: number) =>
  text.split('\n').map((line) => (line === '' ? line : ' '.repeat(indent) + line)).join('\n');

/** `key: value` lines as the `yaml` package writes them, at `indent`, ending in a line break. */
function renderPair(key: string, value: unknown, indent: number): string {
  return indentLines(stringify({ [key]: value }, STRINGIFY), indent);
}

/** `- value` lines, at `indent`, ending in a line break. */
function renderItem(value: unknown, indent: number): string {
  return indentLines(stringify([value], STRINGIFY), indent);
}

/** A scalar in the style of the one it replaces when that style can hold it; one line, or undefined if it needs more. */
function renderScalar(value: unknown, like: Scalar): string | undefined {
  const scalar = new Scalar(value);
  if (typeof value === 'string' && (like.type === 'QUOTE_DOUBLE' || like.type === 'QUOTE_SINGLE' || like.type === 'PLAIN')) scalar.type = like.type;
  const text = new Document(scalar, { version: '1.2' }).toString(STRINGIFY).replace(/\n$/, '');
  return text.includes('\n') ? undefined : text;
}

/** The last offset that belongs to a node's own text (not a trailing comment or line break). */
function contentEnd(node: Node): number {
  const range = node.range ?? [0, 0, 0];
  return Math.max(range[0], range[1] - 1);
}

/** Start and end offsets of the whole lines a map entry occupies. */
function pairSpan(pair: Pair, lines: Lines): { start: number; end: number } {
  const key = pair.key as Node;
  const start = lines.start(key.range?.[0] ?? 0);
  const value = pair.value as Node | null;
  const last = value && value.range ? contentEnd(value) : contentEnd(key);
  return { start, end: lines.end(last) };
}

function itemSpan(item: Node, lines: Lines): { start: number; end: number } {
  // The item's `- ` precedes its node on the same line.
  return { start: lines.start(item.range?.[0] ?? 0), end: lines.end(contentEnd(item)) };
}

function isBlock(node: unknown): node is YAMLMap | YAMLSeq {
  return (isMap(node) || isSeq(node)) && !node.flow;
}

/** A flow collection (`[a, b]`, `{name: x}`) that the new value can stay one of: it is written again in flow style, in place. */
function isFlowLike(node: unknown, value: unknown): node is YAMLMap | YAMLSeq {
  if (isSeq(node) && node.flow) return Array.isArray(value) && value.length > 0;
  if (isMap(node) && node.flow) return isPlainObject(value) && Object.keys(value).length > 0;
  return false;
}

function flowText(value: unknown): string {
  const doc = new Document(value, { version: '1.2' });
  if (isSeq(doc.contents) || isMap(doc.contents)) doc.contents.flow = true;
  return doc.toString(STRINGIFY).replace(/\n$/, '');
}

/** Edits that turn the value of `pair` from `before` into `after`. */
function patchPairValue(pair: Pair, before: unknown, after: unknown, lines: Lines, indent: number, edits: Edit[]): void {
  const key = String((pair.key as Scalar).value);
  const value = pair.value as Node | null;
  if (isScalar(value) && isScalarValue(after) && value.type !== 'BLOCK_LITERAL' && value.type !== 'BLOCK_FOLDED' && value.range) {
    const text = renderScalar(after, value);
    if (text !== undefined) {
      edits.push({ start: value.range[0], end: value.range[1], text });
      return;
    }
  }
  if (isMap(value) && !value.flow && isPlainObject(before) && isPlainObject(after)) return patchMap(value, before, after, lines, edits);
  if (isSeq(value) && !value.flow && Array.isArray(before) && Array.isArray(after) && after.length > 0) return patchSeq(value, before, after, lines, edits);
  if (isFlowLike(value, after) && value?.range) {
    edits.push({ start: value.range[0], end: value.range[1], text: flowText(after) });
    return;
  }
  const span = pairSpan(pair, lines);
  edits.push({ start: span.start, end: span.end, text: renderPair(key, after, indent) });
}

function patchMap(map: YAMLMap, before: Data, after: Data, lines: Lines, edits: Edit[]): void {
  const pairs = map.items as Pair[];
  const indent = lines.column((pairs[0]?.key as Node | undefined)?.range?.[0] ?? map.range?.[0] ?? 0);
  const byKey = new Map(pairs.map((pair) => [String((pair.key as Scalar).value), pair]));
  for (const pair of pairs) {
    const key = String((pair.key as Scalar).value);
    if (deepEqual(before[key], after[key])) continue;
    if (after[key] === undefined) {
      const span = pairSpan(pair, lines);
      edits.push({ start: span.start, end: span.end, text: '' });
    } else {
      patchPairValue(pair, before[key], after[key], lines, indent, edits);
    }
  }
  // New keys go after the nearest key before them (in the new data's order) that the text has.
  const order = Object.keys(after);
  order.forEach((key, index) => {
    if (byKey.has(key) || after[key] === undefined) return;
    let anchor: Pair | undefined;
    for (let i = index - 1; i >= 0 && !anchor; i--) anchor = byKey.get(order[i] ?? '');
    if (anchor) {
      const at = pairSpan(anchor, lines).end;
      edits.push({ start: at, end: at, text: renderPair(key, after[key], indent) });
      return;
    }
    // Before the first key, which in a list item stands after its `- ` on the same line.
    const at = (pairs[0]?.key as Node | undefined)?.range?.[0] ?? map.range?.[0] ?? 0;
    edits.push({ start: at, end: at, text: renderPair(key, after[key], indent).slice(indent) + ' '.repeat(indent) });
  });
}

function patchSeq(seq: YAMLSeq, before: unknown[], after: unknown[], lines: Lines, edits: Edit[]): void {
  const items = seq.items as Node[];
  const indent = lines.column(seq.range?.[0] ?? 0);
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && deepEqual(before[prefix], after[prefix])) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && deepEqual(before[before.length - 1 - suffix], after[after.length - 1 - suffix])) suffix++;
  const oldMiddle = before.length - prefix - suffix;
  const newMiddle = after.length - prefix - suffix;
  const paired = Math.min(oldMiddle, newMiddle);
  for (let i = 0; i < paired; i++) {
    const item = items[prefix + i];
    const was = before[prefix + i];
    const now = after[prefix + i];
    if (!item) continue;
    if (isMap(item) && !item.flow && isPlainObject(was) && isPlainObject(now)) patchMap(item, was, now, lines, edits);
    else if (isFlowLike(item, now) && item.range) edits.push({ start: item.range[0], end: item.range[1], text: flowText(now) });
    else if (isScalar(item) && isScalarValue(now) && item.range && renderScalar(now, item) !== undefined) edits.push({ start: item.range[0], end: item.range[1], text: renderScalar(now, item) ?? '' });
    else {
      const span = itemSpan(item, lines);
      edits.push({ start: span.start, end: span.end, text: renderItem(now, indent) });
    }
  }
  for (let i = paired; i < oldMiddle; i++) {
    const item = items[prefix + i];
    if (!item) continue;
    const span = itemSpan(item, lines);
    edits.push({ start: span.start, end: span.end, text: '' });
  }
  if (newMiddle > paired) {
    const previous = items[prefix + paired - 1];
    const next = items[prefix + paired];
    const at = previous ? itemSpan(previous, lines).end : next ? itemSpan(next, lines).start : lines.end(contentEnd(seq));
    const text = after.slice(prefix + paired, prefix + newMiddle).map((value) => renderItem(value, indent)).join('');
    edits.push({ start: at, end: at, text });
  }
}

function applyEdits(text: string, edits: Edit[]): string {
  // Insertions at one offset keep the order they were made in.
  const sorted = edits.map((edit, index) => ({ ...edit, index })).sort((a, b) => b.start - a.start || b.index - a.index);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/**
 * The YAML text with `before` (what it holds) changed into `after`, every unchanged line
 * kept byte for byte. `yamlText` is a block mapping whose lines end in line breaks.
 */
export function patchYaml(yamlText: string, before: Data, after: Data): string {
  if (deepEqual(before, after)) return yamlText;
  const doc = parseDocument(yamlText, { version: '1.2', schema: 'core', keepSourceTokens: false });
  const lines = new Lines(yamlText);
  if (doc.errors.length > 0 || !(isMap(doc.contents) && isBlock(doc.contents))) {
    // Nothing to keep lines of (empty or flow frontmatter): write it as the tools do.
    const written = Object.keys(after).length === 0 ? '' : stringify(after, STRINGIFY);
    return written;
  }
  const edits: Edit[] = [];
  patchMap(doc.contents, before, after, lines, edits);
  return applyEdits(yamlText, edits);
}
