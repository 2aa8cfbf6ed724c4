/**
 * Everything the pages derive from the published articles, computed once per build and
 * shared (STYLE.md habit 2): people, sources, sections and tags; related articles; the
 * neighbours in time; feed items.
 */
import { join } from 'node:path';
import { lastModified } from '../lib/article-shape.ts';
import { summaryOf } from '../lib/plain-text.ts';
import { articlePath, withBase } from '../lib/permalinks.ts';
import { codeIdentity } from '../lib/code-identity.ts';
import { RELATED_MODULE_URL } from '../lib/related.ts';
import { relatedArticlesCached, type RelatedCache } from '../lib/related-cache.ts';
import { collectTerms, type Term, type TermKind } from '../lib/terms.ts';
import type { FeedItem } from '../lib/feeds.ts';
import { siteConfig } from '../site.config.ts';
import { buildCacheDir } from '../integrations/build-cache.ts';
import { publishedArticles, type ArticleEntry } from './articles.ts';
import { articleStamp } from './cache-keys.ts';

export interface SiteIndex {
  /** Newest first. */
  articles: ArticleEntry[];
  terms: Record<TermKind, Term<ArticleEntry>[]>;
  related: Map<string, ArticleEntry[]>;
  /** The article published just before and just after each one. */
  neighbours: Map<string, { older?: ArticleEntry; newer?: ArticleEntry }>;
}

let index: Promise<SiteIndex> | undefined;

export function siteIndex(): Promise<SiteIndex> {
  index ??= publishedArticles().then((articles) => {
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
    const { related } = relatedArticlesCached(articles, siteConfig.relatedCount, articleStamp, relatedCache());
    return { articles, terms, related, neighbours };
  });
  return index;
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
