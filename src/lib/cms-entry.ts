/**
 * Between an article file and the web editor (src/lib/cms-backend.ts).
 *
 * Opening: the editor gets a view of the file shaped like its form: `source` always as
 * `{ name, url }`, `slug` filled in from the file name when the file has none, every string
 * quoted (so the CMS's YAML reader cannot turn `2017-10-17T01:41:00Z` into a Date and
 * write it back in another form).
 *
 * Saving: the CMS sends the whole file as its YAML writer prints it. Each field is compared
 * with the file on disk as the schema means it (absent and empty are the same, a name alone
 * is the same as `{ name }`, a `slug` equal to the file name is the same as no `slug:`);
 * only fields that differ are written, into the original text (src/lib/frontmatter-patch.ts).
 * Opening and saving without a change leaves the file byte for byte as it was.
 */
import { stringify } from 'yaml';
import { ARTICLE_FIELDS } from '../schemas/article.ts';
import { PUBLISH_FIELD } from './cms-config.ts';
import { parseArticleFile } from './frontmatter.ts';
import { deepEqual, patchYaml } from './frontmatter-patch.ts';
import { slugFromFileName } from './permalinks.ts';

type Data = Record<string, unknown>;

const OPENING = /^---[ \t]*$/;

/** '', null, [], {} and false-for-draft mean "not written"; the schema's defaults make them the same. */
function prune(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Data).map(([key, item]) => [key, prune(item)] as const).filter(([, item]) => item !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** A field's value as the form shows it. */
function formValue(field: string, value: unknown, path: string): unknown {
  if (field === 'slug') return value ?? slugFromFileName(path);
  if (field === 'source' && typeof value === 'string') return { name: value };
  return value;
}

/** A field's meaning: what two values must share to count as the same. */
function meaning(field: string, value: unknown, path: string): unknown {
  const pruned = prune(formValue(field, value, path));
  if (field === 'draft' && pruned === false) return undefined;
  return pruned;
}

/** The form's data for a file's frontmatter. */
export function cmsView(data: Data, path: string): Data {
  const view: Data = {};
  for (const field of ARTICLE_FIELDS) {
    const value = formValue(field, data[field], path);
    if (value !== undefined) view[field] = value;
  }
  // Unknown fields are shown to nobody but kept, so the save's check can name them.
  for (const [field, value] of Object.entries(data)) if (!(field in view)) view[field] = value;
  return view;
}

/** The file text the CMS is given to open. A file whose frontmatter cannot be read goes as it is: the CMS shows what it can. */
export function toCmsText(fileText: string, path: string): string {
  const parsed = parseArticleFile(fileText);
  if (!parsed.data) return fileText;
  const yaml = stringify(cmsView(parsed.data, path), { version: '1.2', lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
  return `---\n${yaml}---\n${parsed.body}`;
}

export interface CmsSave {
  /** The text to write. */
  text: string;
  /** Frontmatter fields written (top-level names), and `body` when the body changed. */
  changed: string[];
  /** The review queue's "publish on save" box was ticked. */
  publish: boolean;
}

export class CmsSaveError extends Error {}

/** Frontmatter text (with its line breaks) and body of a file, split where frontmatter.ts splits it. */
function splitFile(text: string): { head: string; yaml: string; tail: string; body: string } | undefined {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const source = text.slice(bom.length);
  const firstBreak = source.indexOf('\n');
  if (firstBreak === -1 || !OPENING.test(source.slice(0, firstBreak).replace(/\r$/, ''))) return undefined;
  let at = firstBreak + 1;
  while (at <= source.length) {
    const next = source.indexOf('\n', at);
    const line = source.slice(at, next === -1 ? source.length : next).replace(/\r$/, '');
    if (OPENING.test(line)) {
      const closingEnd = next === -1 ? source.length : next + 1;
      return { head: bom + source.slice(0, firstBreak + 1), yaml: source.slice(firstBreak + 1, at), tail: source.slice(at, closingEnd), body: source.slice(closingEnd) };
    }
    if (next === -1) break;
    at = next + 1;
  }
  return undefined;
}

const leadingBreaks = (text: string) => /^\n*/.exec(text)?.[0] ?? '';
const trailingBreaks = (text: string) => /\n*$/.exec(text)?.[0] ?? '';
const trimBreaks = (text: string) => text.replace(/^\n+/, '').replace(/\n+$/, '');

/** What the CMS sent, as data and body, without the form's own fields. */
function readCmsText(cmsText: string): { data: Data; body: string; publish: boolean } {
  const parsed = parseArticleFile(cmsText.replace(/\r\n/g, '\n'));
  if (!parsed.data) {
    throw new CmsSaveError(`the editor sent a file whose frontmatter cannot be read (${parsed.problems.map((problem) => problem.message).join('; ')}); reload the page and try again`);
  }
  const { [PUBLISH_FIELD]: publish, body: bodyField, ...data } = parsed.data;
  // Decap puts the body after the frontmatter; some configurations send it as a field.
  const body = typeof bodyField === 'string' ? bodyField : parsed.body;
  return { data, body, publish: publish === true };
}

/** The value to write for a changed field, in the style of what it replaces. */
function written(field: string, value: unknown, before: unknown): unknown {
  const pruned = prune(value);
  if (field === 'source' && pruned !== null && typeof pruned === 'object') {
    const source = pruned as { name?: unknown; url?: unknown };
    // A name alone stays a name alone unless the file wrote it as a mapping.
    if (source.url === undefined && typeof source.name === 'string' && (before === undefined || typeof before === 'string')) return source.name;
  }
  if (field === 'draft' && pruned === false) return undefined;
  return pruned;
}

/**
 * The file text after a save from the CMS: `original` (the file on disk, or undefined for a
 * new article) with only the fields and body the editor changed. `path` is the file's path
 * (its name is the slug when the frontmatter has none).
 */
export function mergeCmsSave(original: string | undefined, path: string, cmsText: string): CmsSave {
  const incoming = readCmsText(cmsText);
  if (original === undefined) return { text: newFile(incoming.data, incoming.body, path), changed: ['new'], publish: incoming.publish };

  const crlf = original.includes('\r\n');
  const text = crlf ? original.replace(/\r\n/g, '\n') : original;
  const split = splitFile(text);
  const parsed = parseArticleFile(text);
  if (!split || !parsed.data) {
    const problem = parsed.problems[0];
    throw new CmsSaveError(`${path}${problem?.line ? `:${problem.line}` : ''}: the file on disk cannot be read (${problem?.message ?? 'no frontmatter'}); fix it in a text editor first, the web editor does not overwrite a file it cannot read`);
  }
  const before = parsed.data;
  const after: Data = { ...before };
  const changed: string[] = [];
  const fields = [...ARTICLE_FIELDS, ...Object.keys(before).filter((field) => !(ARTICLE_FIELDS as string[]).includes(field))];
  for (const field of fields) {
    if (deepEqual(meaning(field, before[field], path), meaning(field, incoming.data[field], path))) continue;
    changed.push(field);
    const value = written(field, incoming.data[field], before[field]);
    if (value === undefined) delete after[field];
    else after[field] = value;
  }
  // New fields go in the schema's order, which `after` must show for the patch to place them.
  const ordered: Data = {};
  for (const field of fields) if (after[field] !== undefined) ordered[field] = after[field];
  let yaml = patchYaml(split.yaml, before, ordered);

  let body = split.body;
  if (trimBreaks(incoming.body) !== trimBreaks(split.body)) {
    changed.push('body');
    body = `${leadingBreaks(split.body) || '\n'}${trimBreaks(incoming.body)}${trailingBreaks(split.body) || '\n'}`;
  }
  if (yaml !== '' && !yaml.endsWith('\n')) yaml += '\n';
  const result = changed.length === 0 ? text : `${split.head}${yaml}${split.tail}${body}`;
  return { text: crlf ? result.replace(/\n/g, '\r\n') : result, changed, publish: incoming.publish };
}

/** A new article as the tools write one (src/lib/import/write-mdx.ts): fields in the schema's order, a blank line, the body. */
function newFile(data: Data, body: string, path: string): string {
  const values: Data = { ...data, slug: prune(data['slug']) ?? slugFromFileName(path) };
  const ordered: Data = {};
  for (const field of ARTICLE_FIELDS) {
    const value = written(field, values[field], undefined);
    if (value !== undefined) ordered[field] = value;
  }
  // Fields the schema does not know are kept, so the check names them rather than losing them.
  for (const [field, value] of Object.entries(data)) if (!(ARTICLE_FIELDS as string[]).includes(field) && prune(value) !== undefined) ordered[field] = value;
  const yaml = stringify(ordered, { version: '1.2', lineWidth: 0 });
  const content = trimBreaks(body);
  return `---\n${yaml}---\n${content === '' ? '' : `\n${content}\n`}`;
}
