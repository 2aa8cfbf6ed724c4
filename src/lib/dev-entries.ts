/**
 * `astro dev` keeps the articles' frontmatter out of Astro's content store (issue 16, item 2).
 *
 * Astro writes the whole store to `.astro/data-store.json` with devalue after every change
 * (half a second after the last one), and the pages read it back through a virtual module
 * that Vite parses as JavaScript: with 19,876 articles that file was 10.5 MB, and each saved
 * article cost about 0.5 s to serialise it and as much again to parse it back, on top of the
 * debounce. The content check has every article's validated frontmatter in memory anyway
 * (`content-record.ts`), so in dev the pages take the frontmatter from the check, and the
 * store holds one entry for all those articles, whose digest changes with any of them:
 * enough for Astro to notice a change, write the small store and reload the pages.
 *
 * Astro reloads the pages, and asks for their paths again, only once it has written the
 * store, half a second after the last change; an article page takes its article from the
 * latest check at once (`src/pages/articles/[slug].astro`), so a saved article is on its
 * page as soon as it is checked.
 *
 * An article that names a photo keeps its whole entry in the store: Astro resolves the
 * photo (`image()`) from the store's entry, which the check's path string cannot stand for.
 * A build stores every article whole.
 */
import { createHash } from 'node:crypto';
import { newestFirst, type ArticleLike } from './article-shape.ts';
import type { CheckedArticle } from './content-check.ts';

/** The id of the dev store's entry for the articles the pages take from the check; no permalink can be it. */
export const DEV_CHECKED_ID = ':checked';

/**
 * The digest of that entry: of each article's permalink, file and file digest, in order, so
 * an article saved, added, removed or renamed changes it.
 */
export function checkedDigest(articles: readonly Pick<CheckedArticle, 'slug' | 'file' | 'digest'>[]): string {
  const hash = createHash('sha256');
  for (const article of articles) hash.update(`${article.slug}\0${article.file}\0${article.digest}\n`);
  return hash.digest('base64url');
}

/** True when the article names a photo, so Astro must resolve it and the store keeps its whole entry. */
export function namesPhoto(article: { data: { figures: readonly { image?: unknown }[] } }): boolean {
  return article.data.figures.some((figure) => figure.image !== undefined);
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
