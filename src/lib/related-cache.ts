/**
 * Related articles kept between builds. Computing them reads every article's body and
 * compares bigram vectors (`related.ts`): seconds for every ten thousand articles, spent
 * again by each cached rebuild although, when no article changed, the answer is the same.
 *
 * The answer depends on every published article (the text weights are corpus-wide), so
 * it is kept whole under one key: the code that computes it (`code-identity.ts`), the
 * number asked for, and every article's stamp in order (permalink and file digest,
 * `src/data/cache-keys.ts`). Any change to any of them computes everything again; a file
 * that cannot be read or does not match is simply not used.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ArticleLike } from './article-shape.ts';
import { relatedArticles } from './related.ts';

/** The file's layout; a new layout changes the number and so every key. */
const FORMAT = 1;

interface StoredRelated {
  key: string;
  /** For each article, in the order of the key's stamps, the positions of its related articles. */
  related: number[][];
}

export interface RelatedCache {
  /** Where the answer is kept, e.g. `<cacheDir>/annals-related.json`. */
  file: string;
  /** The identity of the code that computes it (`codeIdentity`). */
  code: string;
}

export interface RelatedResult<T> {
  related: Map<string, T[]>;
  /** True when the answer came from the cache. */
  reused: boolean;
}

function keyFor(stamps: readonly string[], limit: number, code: string): string {
  const hash = createHash('sha256').update(`${FORMAT}\n${code}\n${limit}\n`);
  for (const stamp of stamps) hash.update(`${stamp}\n`);
  return hash.digest('base64url');
}

function readStored(file: string, key: string, count: number): number[][] | undefined {
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { key: storedKey, related } = stored as Partial<StoredRelated>;
  if (storedKey !== key || !Array.isArray(related) || related.length !== count) return undefined;
  const valid = related.every((list) => Array.isArray(list) && list.every((at) => Number.isInteger(at) && at >= 0 && at < count));
  return valid ? related : undefined;
}

/**
 * `relatedArticles(articles, limit)`, from `cache` when it holds the answer for exactly these
 * articles and this code, else computed and stored there. `stampOf` must change whenever
 * anything the computation reads of an article changes.
 */
export function relatedArticlesCached<T extends ArticleLike>(
  articles: readonly T[],
  limit: number,
  stampOf: (article: T) => string,
  cache: RelatedCache | undefined,
): RelatedResult<T> {
  if (!cache) return { related: relatedArticles(articles, limit), reused: false };
  const key = keyFor(articles.map(stampOf), limit, cache.code);
  const stored = readStored(cache.file, key, articles.length);
  if (stored) {
    const related = new Map<string, T[]>();
    articles.forEach((article, i) => related.set(article.id, (stored[i] ?? []).map((at) => articles[at] as T)));
    return { related, reused: true };
  }
  const related = relatedArticles(articles, limit);
  const position = new Map(articles.map((article, i) => [article.id, i]));
  const record: StoredRelated = { key, related: articles.map((article) => (related.get(article.id) ?? []).map((other) => position.get(other.id) ?? -1)) };
  // Written beside and renamed, so a build killed while writing leaves the old file or none.
  mkdirSync(dirname(cache.file), { recursive: true });
  const partial = `${cache.file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(record));
  renameSync(partial, cache.file);
  return { related, reused: false };
}
