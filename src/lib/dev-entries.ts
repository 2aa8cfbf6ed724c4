/**
 * `astro dev` keeps the articles' frontmatter out of Astro's content store (issue 16, item 2).
 *
 * Astro writes the whole store to `.astro/data-store.json` with devalue after every change
 * (half a second after the last one), and the pages read it back through a virtual module
 * that Vite parses as JavaScript: with 19,876 articles that file was 10.5 MB, and each saved
 * article cost about 0.5 s to serialise it and as much again to parse it back, on top of the
 * debounce. The content check has every article's validated frontmatter in memory anyway
 * (`content-record.ts`), so in dev the store holds only a stub per article (permalink, file,
 * digest: enough for Astro to notice a change, write the small store and reload the pages),
 * and the pages take the frontmatter from the check.
 *
 * An article that names a photo keeps its whole entry in the store: Astro resolves the
 * photo (`image()`) from the store's entry, which the check's path string cannot stand for.
 * A build never uses stubs.
 */
import { newestFirst, type ArticleLike } from './article-shape.ts';
import type { CheckedArticle } from './content-check.ts';

/** The data of an article's stub entry in the dev server's content store. */
export const DEV_STUB_DATA: Readonly<Record<string, never>> = Object.freeze({});

/** True when the article names a photo, so Astro must resolve it and the store keeps its whole entry. */
export function namesPhoto(article: { data: { figures: readonly { image?: unknown }[] } }): boolean {
  return article.data.figures.some((figure) => figure.image !== undefined);
}

/** True when a store entry's data is a stub (`DEV_STUB_DATA`), not the article's frontmatter. */
export function isDevStub(data: unknown): boolean {
  return typeof data === 'object' && data !== null && Object.keys(data).length === 0;
}

/** A collection entry made from the content check, as `getCollection` gives an entry without a photo. */
export interface CheckedEntry {
  id: string;
  collection: 'articles';
  data: CheckedArticle['data'];
  filePath: string;
  digest: string;
}

export function entryOfCheck(article: CheckedArticle): CheckedEntry {
  return { id: article.slug, collection: 'articles', data: article.data, filePath: article.file, digest: article.digest };
}

/**
 * The published articles of the dev server, newest first (the order and filter of a build's
 * `publishedArticles()`): each article the last content check passed, from the check, except
 * those naming a photo, which are the store's entries (`stored`). A photo article the store
 * does not hold yet (Astro writes it half a second after the check) is left out until it
 * does; its write reloads the pages.
 */
export function devArticleEntries<E extends ArticleLike & { data: { draft?: boolean } }>(
  articles: readonly CheckedArticle[],
  stored: (id: string) => E | undefined,
  fromCheck: (article: CheckedArticle) => E,
): E[] {
  const entries: E[] = [];
  for (const article of articles) {
    const entry = namesPhoto(article) ? stored(article.slug) : fromCheck(article);
    if (entry && entry.data.draft !== true) entries.push(entry);
  }
  return entries.sort(newestFirst);
}
