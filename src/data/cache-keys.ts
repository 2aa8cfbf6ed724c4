/**
 * Keys for Astro's incremental builds (`experimental.incrementalBuild`, astro.config.mjs):
 * a page returned by `getStaticPaths()` with the same `cacheKey` and the same code as in
 * the previous build is copied from the cache instead of rendered again. So a key must
 * change whenever anything the page shows changes: each route's key lists exactly what its
 * template reads, with every article stood for by its stamp (permalink and file digest;
 * the page's code, site.config.ts included, is tracked by Astro itself).
 * `tests/build/incremental-build.test.ts` checks that an incremental build after adding,
 * editing and deleting articles is byte-identical to a cold build of the same content.
 */
import { createHash } from 'node:crypto';
import { contentWatched } from '../loaders/content-record.ts';
import type { ArticleEntry } from './articles.ts';

/** An article as far as a page showing it can tell: its permalink and its file's digest. */
export function articleStamp(article: ArticleEntry): string {
  // The loader stores the digest of the whole file (frontmatter and body); Astro's entry
  // type leaves it out.
  const { digest } = article as ArticleEntry & { digest?: string | number };
  return `${article.id}@${digest ?? JSON.stringify(article.data)}`;
}

/**
 * A short key for everything a page shows; `ArticleEntry` values become their stamps.
 * `astro dev` never reads the keys and asks for the paths again after every saved article,
 * when hashing every list page's articles cost a fifth of a second: there it is a constant.
 */
export function pageKey(...parts: unknown[]): string {
  if (contentWatched()) return 'astro-dev';
  const json = JSON.stringify(parts, (_key, value: unknown) => {
    if (value instanceof Map) return [...value];
    if (value && typeof value === 'object' && 'collection' in value && 'id' in value && 'data' in value) return articleStamp(value as ArticleEntry);
    return value;
  });
  return createHash('sha256').update(json).digest('base64url');
}
