/**
 * Reads a built page the way Pagefind does (the `data-pagefind-body` element, minus
 * `data-pagefind-ignore` subtrees, scripts and controls) and writes the document our index
 * is built from: the same title, text, metadata, filters and sort key, with Han text as
 * bigram tokens (`cjk.ts`). Plain Pagefind indexes the very same pages in the baseline.
 */
import { Parser } from 'htmlparser2';
import { toIndexText } from './cjk.ts';
import type { CharFolder } from './fold.ts';
import { parseAttributePairs } from './page-attributes.ts';

export interface PageRecord {
  title: string;
  /** Text blocks in reading order (paragraphs, headings, captions, list items). */
  blocks: string[];
  meta: Map<string, string[]>;
  filters: Map<string, string[]>;
  sort: Map<string, string[]>;
}

/** Elements whose text is never searchable content. */
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'svg', 'button', 'select', 'nav', 'form']);
/** Elements that end a block of text: runs of Han characters never continue across them. */
const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dt', 'dd', 'figcaption', 'blockquote',
  'section', 'header', 'footer', 'aside', 'table', 'tr', 'td', 'th', 'pre', 'figure', 'br', 'ul', 'ol', 'dl',
]);
const VOID = new Set(['br', 'img', 'hr', 'input', 'meta', 'link', 'source', 'wbr', 'area', 'col', 'embed', 'track']);

/**
 * The part of a built page its record can depend on: everything from the first mention of
 * `data-pagefind-body` (at or before the element's own tag) to the end. `readPageRecord`
 * reads nothing before that element, so a change to the page's head alone (a stylesheet's
 * hashed name after a style change) leaves this text, and so the record, as it was. Empty
 * for a page without the attribute, which has no record.
 */
export function searchableSource(html: string): string {
  const mention = html.indexOf('data-pagefind-body');
  return mention < 0 ? '' : html.slice(html.lastIndexOf('<', mention) + 1);
}

/** The record of a page with a `data-pagefind-body` element, or undefined for other pages. */
export function readPageRecord(html: string): PageRecord | undefined {
  let depth = 0;
  let bodyDepth = -1;
  let skipDepth = -1;
  let inTitle = false;
  let title = '';
  let current = '';
  const blocks: string[] = [];
  let attributes: Record<string, string> | undefined;
  const endBlock = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) blocks.push(text);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (!VOID.has(name)) depth++;
        if (bodyDepth === -1 && 'data-pagefind-body' in attrs) {
          bodyDepth = depth;
          attributes = attrs;
          return;
        }
        if (bodyDepth < 0 || skipDepth >= 0) return;
        if (!VOID.has(name) && (SKIPPED.has(name) || 'data-pagefind-ignore' in attrs)) {
          skipDepth = depth;
          return;
        }
        if (BLOCKS.has(name)) endBlock();
        if (name === 'h1' && !title) inTitle = true;
      },
      ontext(text) {
        if (bodyDepth < 0 || skipDepth >= 0) return;
        if (inTitle) title += text;
        else current += text;
      },
      onclosetag(name) {
        if (VOID.has(name)) {
          if (name === 'br' && bodyDepth >= 0 && skipDepth < 0) endBlock();
          return;
        }
        if (skipDepth === depth) skipDepth = -1;
        else if (bodyDepth >= 0 && skipDepth < 0) {
          if (name === 'h1' && inTitle) inTitle = false;
          if (BLOCKS.has(name)) endBlock();
        }
        if (bodyDepth === depth) {
          endBlock();
          bodyDepth = -2; // done: only the first body element counts, as in Pagefind
        }
        depth--;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  if (!attributes) return undefined;
  return {
    title: title.replace(/\s+/g, ' ').trim(),
    blocks,
    meta: parseAttributePairs(attributes['data-pagefind-meta']),
    filters: parseAttributePairs(attributes['data-pagefind-filter']),
    sort: parseAttributePairs(attributes['data-pagefind-sort']),
  };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const documentStart = (lang: string) => `<!doctype html><html lang="${escapeHtml(lang)}">`;

/**
 * The document Pagefind indexes for a page: the title as the h1 (Pagefind weights it),
 * every block as a paragraph, all as tokens; metadata, filters and sort keys as Pagefind's
 * element forms, outside the body so they are not searched; the readable title as `title`.
 */
export function indexDocument(record: PageRecord, fold: CharFolder, lang: string): string {
  const element = (attribute: string, entries: Map<string, string[]>) =>
    [...entries].flatMap(([key, values]) => values.map((value) => `<span ${attribute}="${escapeHtml(key)}">${escapeHtml(value)}</span>`));
  const body = [
    `<h1>${escapeHtml(toIndexText(record.title, fold))}</h1>`,
    ...record.blocks.map((block) => `<p>${escapeHtml(toIndexText(block, fold))}</p>`),
  ];
  return [
    `${documentStart(lang)}<head><title>${escapeHtml(record.title)}</title></head><body>`,
    `<main data-pagefind-body>${body.join('')}</main>`,
    `<div><span data-pagefind-meta="title">${escapeHtml(record.title)}</span>`,
    ...element('data-pagefind-meta', record.meta),
    ...element('data-pagefind-filter', record.filters),
    ...element('data-pagefind-sort', record.sort),
    '</div></body></html>',
  ].join('');
}


/**
 * `document`, made by `indexDocument` under `from`, as `indexDocument` would have made it
 * under `to`: the language tag is its only use of the language. A page's document is
 * fingerprinted under the site's language and indexed under its part's (`partLanguage`).
 */
export function relabelDocument(document: string, from: string, to: string): string {
  const start = documentStart(from);
  if (!document.startsWith(start)) throw new RangeError(`not a document made under ${from}: it starts ${JSON.stringify(document.slice(0, start.length))}`);
  return `${documentStart(to)}${document.slice(start.length)}`;
}
