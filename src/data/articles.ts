/**
 * The published articles, loaded once per build and shared by every page (STYLE.md habit 2).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { bodyOfArticleFile } from '../lib/frontmatter.ts';

export type ArticleEntry = CollectionEntry<'articles'>;

/**
 * An entry whose `body` is read from its file when asked for. The content store keeps the
 * frontmatter only (src/loaders/articles.ts): Astro bundles the whole store into one module,
 * and with 100,000 seed-length bodies that module passed the largest string V8 can hold.
 * Bodies are needed three times per build at most (related articles, the page, a summary),
 * so they are not kept either.
 */
function withBodyFromFile(entry: ArticleEntry): ArticleEntry {
  const file = entry.filePath;
  return Object.defineProperty(entry, 'body', {
    get: () => (file ? bodyOfArticleFile(readFileSync(resolve(file), 'utf8')) : ''),
    enumerable: false,
    configurable: true,
  });
}

let published: Promise<ArticleEntry[]> | undefined;

/** Every article that is not a draft, newest first; ties keep a stable order by permalink. */
export function publishedArticles(): Promise<ArticleEntry[]> {
  published ??= getCollection('articles', (entry) => !entry.data.draft).then((entries) =>
    entries.map(withBodyFromFile).sort((a, b) => b.data.date.epochMs - a.data.date.epochMs || a.id.localeCompare(b.id)),
  );
  return published;
}
