/**
 * Everything the pages derive from the published articles, computed once per build and
 * shared (STYLE.md habit 2): people, sources, sections and tags; related articles; the
 * neighbours in time; feed items.
 *
 * In `astro dev` this module is evaluated again after every saved change, over the whole
 * archive; related articles are then computed only for the pages asked for, and each
 * article's bigrams are kept across those evaluations (on `globalThis`, the one thing they
 * share), so one saved article does not make the dev server split 20,000 texts again.
 */
import { join } from 'node:path';
import { lastModified } from '../lib/article-shape.ts';
import { summaryOf } from '../lib/plain-text.ts';
import { articlePath, withBase } from '../lib/permalinks.ts';
import { codeIdentity } from '../lib/code-identity.ts';
import { BigramCache, RELATED_MODULE_URL, relatedIndex, type RelatedIndex } from '../lib/related.ts';
import { relatedArticlesCached, type RelatedCache } from '../lib/related-cache.ts';
import { collectTerms, type Term, type TermKind } from '../lib/terms.ts';
import type { FeedItem } from '../lib/feeds.ts';
import { siteConfig } from '../site.config.ts';
import { buildCacheDir } from '../integrations/build-cache.ts';
import { publishedArticles, type ArticleEntry } from './articles.ts';
import { articleStamp } from './cache-keys.ts';
import { contentWatched, onContentRecorded } from '../loaders/content-record.ts';

export interface SiteIndex {
  /** Newest first. */
  articles: ArticleEntry[];
  /** The articles by permalink. */
  byId: Map<string, ArticleEntry>;
  terms: Record<TermKind, Term<ArticleEntry>[]>;
  /** Each article's related articles: in `astro dev` computed when first asked for, in a build all at once (or read back from the cache). */
  related: RelatedIndex<ArticleEntry>;
  /** The article published just before and just after each one. */
  neighbours: Map<string, { older?: ArticleEntry; newer?: ArticleEntry }>;
}

/** The index, and the articles it was made of: a new list (`astro dev`, after a check) makes a new index. */
let index: { of: Promise<ArticleEntry[]>; index: Promise<SiteIndex> } | undefined;

const BIGRAMS = Symbol.for('annals.dev-bigram-cache');

/** `astro dev` only: the bigram cache that outlives this module's evaluations. A build computes once and keeps nothing. */
function devBigramCache(): BigramCache | undefined {
  if (!contentWatched()) return undefined;
  const registry = globalThis as { [BIGRAMS]?: BigramCache };
  return (registry[BIGRAMS] ??= new BigramCache());
}

// `astro dev`: the index of a new check is made as soon as the loader has it, while Astro
// waits half a second to write its store and reload the pages (src/lib/dev-entries.ts); with
// a new or removed article, its related articles took a second to make again after that.
onContentRecorded('site-index', () => {
  if (contentWatched()) siteIndex().catch(() => undefined);
});

export function siteIndex(): Promise<SiteIndex> {
  const published = publishedArticles();
  if (index?.of !== published) index = { of: published, index: published.then(indexOf) };
  return index.index;
}

function indexOf(articles: ArticleEntry[]): SiteIndex {
  const editorRole = siteConfig.strings.editor;
  const terms = {
    person: collectTerms(articles, 'person', editorRole),
    source: collectTerms(articles, 'source', editorRole),
    section: collectTerms(articles, 'section', editorRole),
    tag: collectTerms(articles, 'tag', editorRole),
  };
  const neighbours = new Map<string, { older?: ArticleEntry; newer?: ArticleEntry }>();
  articles.forEach((article, i) => {
    const newer = articles[i - 1];
    const older = articles[i + 1];
    neighbours.set(article.id, { ...(older ? { older } : {}), ...(newer ? { newer } : {}) });
  });
  // `astro dev` asks for a few pages after each saved change: their lists alone, from kept
  // bigrams. A build asks for every list: all of them, kept whole between builds.
  const bigrams = devBigramCache();
  const related: RelatedIndex<ArticleEntry> = bigrams
    ? relatedIndex(articles, siteConfig.relatedCount, { bigrams, stampOf: articleStamp })
    : relatedArticlesCached(articles, siteConfig.relatedCount, articleStamp, relatedCache()).related;
  return { articles, byId: new Map(articles.map((article) => [article.id, article])), terms, related, neighbours };
}

/**
 * Where related articles are kept between builds: in Astro's cache folder, under the
 * identity of the code that computes them. None outside a build or dev server, or when the
 * code's files cannot be read; then they are computed every time.
 */
function relatedCache(): RelatedCache | undefined {
  const cacheDir = buildCacheDir();
  const code = codeIdentity(RELATED_MODULE_URL);
  return cacheDir && code ? { file: join(cacheDir, 'annals-related.json'), code } : undefined;
}

/** Absolute URL of a site path, with the deployment base. */
export function absoluteUrl(path: string): string {
  return new URL(withBase(siteConfig.base, path), siteConfig.url).href;
}

export function feedItem(article: ArticleEntry): FeedItem {
  return {
    url: absoluteUrl(articlePath(article.id)),
    title: article.data.title,
    summary: summaryOf(article),
    publishedMs: article.data.date.epochMs,
    modifiedMs: lastModified(article).epochMs,
    authors: [...new Set(article.data.authors.map((credit) => credit.name))],
    categories: [...(article.data.section ? [article.data.section] : []), ...article.data.tags],
  };
}
