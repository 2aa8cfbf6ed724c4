/**
 * The published articles, loaded once per build and shared by every page (STYLE.md habit 2).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { bodyOfArticleFile } from '../lib/frontmatter.ts';
import { devArticleEntries, entryOfCheck, namesPhoto } from '../lib/dev-entries.ts';
import { contentWatched, recordedContent, type ContentRecord } from '../loaders/content-record.ts';

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
/** `astro dev`: the articles of the content check they were made from. */
let devPublished: { record: ContentRecord; articles: Promise<ArticleEntry[]> } | undefined;

/** Every article that is not a draft, newest first; ties keep a stable order by permalink. */
export function publishedArticles(): Promise<ArticleEntry[]> {
  if (contentWatched()) {
    // `astro dev`: the frontmatter comes from the loader's last check (src/lib/dev-entries.ts),
    // so the same promise stands until the loader checks again. There is always one once a
    // page renders: the dev server does not start when the first check fails.
    const record = recordedContent();
    if (!record) return Promise.resolve([]);
    if (devPublished?.record !== record) devPublished = { record, articles: devArticles(record) };
    return devPublished.articles;
  }
  published ??= getCollection('articles', (entry) => !entry.data.draft).then((entries) =>
    entries.map(withBodyFromFile).sort((a, b) => b.data.date.epochMs - a.data.date.epochMs || a.id.localeCompare(b.id)),
  );
  return published;
}

async function devArticles(record: ContentRecord): Promise<ArticleEntry[]> {
  const photos = new Map<string, ArticleEntry>();
  const checked = record.checked ?? [];
  for (const article of checked.filter(namesPhoto)) {
    const entry = await getEntry('articles', article.slug);
    if (entry) photos.set(article.slug, entry);
  }
  // No figure of an article taken from the check names a photo, so its path-typed figures
  // are the collection's figures.
  const fromCheck = (article: (typeof checked)[number]) => entryOfCheck(article) as unknown as ArticleEntry;
  return devArticleEntries(checked, (id) => photos.get(id), fromCheck).map(withBodyFromFile);
}
