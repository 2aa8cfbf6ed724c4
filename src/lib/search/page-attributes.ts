/**
 * What an article page tells the search index about itself, in Pagefind's own attributes on
 * the `data-pagefind-body` element (so plain Pagefind reads them too): metadata shown in
 * results (`date`, `source`), filters (`year`, `source`, `section`, `person`) and the
 * `date` sort key. One definition of their names for the page, the indexer and the search page.
 */
import { machineDate, yearMonth, type PublishedDate } from '../dates.ts';

export const FILTER_KEYS = ['year', 'source', 'section', 'person'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface ArticleSearchFields {
  /** ISO 8601 publication date or moment, as in `<time datetime>`. */
  date: string;
  year: number;
  source: string;
  section?: string | undefined;
  /** Bylined people and the 责任编辑. */
  people: readonly string[];
}

/** Pagefind's attribute syntax is `key:value, key:value`; a comma inside a value is escaped. */
const escapeValue = (value: string) => value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').trim();

function pairs(entries: readonly (readonly [string, string])[]): string {
  return entries.map(([key, value]) => `${key}:${escapeValue(value)}`).join(', ');
}

export function articleSearchAttributes(fields: ArticleSearchFields): Record<string, string> {
  const filters: [string, string][] = [
    ['year', String(fields.year)],
    ['source', fields.source],
  ];
  if (fields.section) filters.push(['section', fields.section]);
  for (const person of new Set(fields.people)) filters.push(['person', person]);
  return {
    'data-pagefind-meta': pairs([
      ['date', fields.date],
      ['source', fields.source],
    ]),
    'data-pagefind-filter': pairs(filters),
    'data-pagefind-sort': pairs([['date', fields.date]]),
  };
}

/** Reads `key:value, key:value` back (the indexer's side); repeated keys collect their values. */
export function parseAttributePairs(text: string | undefined): Map<string, string[]> {
  const result = new Map<string, string[]>();
  if (!text) return result;
  let current = '';
  const items: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (char === ',') {
      items.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  items.push(current);
  for (const item of items) {
    const colon = item.indexOf(':');
    if (colon <= 0) continue;
    const key = item.slice(0, colon).trim();
    const value = item.slice(colon + 1).trim();
    if (!key || !value) continue;
    result.set(key, [...(result.get(key) ?? []), value]);
  }
  return result;
}

/** The fields of an article's frontmatter the search uses (structurally, so this stays framework-free). */
export interface ArticleLike {
  date: PublishedDate;
  source: { name: string };
  section?: string | undefined;
  authors: readonly { name: string }[];
  editor?: string | undefined;
}

/** The attributes for an article page's `data-pagefind-body` element. */
export function searchAttributesFor(article: ArticleLike, timeZone: string): Record<string, string> {
  return articleSearchAttributes({
    date: machineDate(article.date, timeZone),
    year: yearMonth(article.date, timeZone).year,
    source: article.source.name,
    section: article.section,
    people: [...article.authors.map((author) => author.name), ...(article.editor ? [article.editor] : [])],
  });
}
