/**
 * The sitemap: the home page, the archive, every article (lastmod = its latest correction
 * or its publication), and every person, source, section and tag page. Day, month and
 * paginated pages are reachable from those and left out to keep the file small.
 */
import type { APIRoute } from 'astro';
import { absoluteUrl, siteIndex } from '../data/site-index.ts';
import { lastModified } from '../lib/article-shape.ts';
import { archivePath, yearSummaries } from '../lib/archive.ts';
import { rfc3339 } from '../lib/feeds.ts';
import { articlePath } from '../lib/permalinks.ts';
import { sitemapXml, type SitemapEntry } from '../lib/sitemap.ts';
import { TERM_KINDS, TERM_ROOTS, termPath } from '../lib/terms.ts';
import { siteConfig } from '../site.config.ts';

export const GET: APIRoute = async () => {
  const { articles, terms } = await siteIndex();
  const { timeZone } = siteConfig;
  const newest = articles[0];
  const entries: SitemapEntry[] = [
    { url: absoluteUrl('/'), ...(newest ? { lastmod: rfc3339(lastModified(newest).epochMs, timeZone) } : {}) },
    { url: absoluteUrl('/archive/') },
    ...yearSummaries(articles, timeZone).map((year) => ({ url: absoluteUrl(archivePath({ year: year.year })) })),
    ...articles.map((article) => ({ url: absoluteUrl(articlePath(article.id)), lastmod: rfc3339(lastModified(article).epochMs, timeZone) })),
    ...TERM_KINDS.flatMap((kind) => [
      { url: absoluteUrl(TERM_ROOTS[kind]) },
      ...terms[kind].map((term) => ({ url: absoluteUrl(termPath(kind, term.name)) })),
    ]),
  ];
  return new Response(sitemapXml(entries), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
