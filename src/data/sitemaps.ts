/**
 * What the sitemaps list, grouped (`lib/sitemap.ts` splits the groups into files): the
 * home page, the archive and every person, source, section and tag page in `pages`, then
 * each year's articles (lastmod = the latest correction or the publication), newest year
 * first. Day, month and paginated pages are reachable from those and left out to keep the
 * files small. Computed once per build: the index and every file read it.
 */
import { lastModified } from '../lib/article-shape.ts';
import { archivePath, dayOf, yearSummaries } from '../lib/archive.ts';
import { rfc3339 } from '../lib/feeds.ts';
import { articlePath } from '../lib/permalinks.ts';
import { sitemapFiles, type SitemapEntry, type SitemapFile } from '../lib/sitemap.ts';
import { TERM_KINDS, TERM_ROOTS, termPath } from '../lib/terms.ts';
import { siteConfig } from '../site.config.ts';
import { absoluteUrl, siteIndex, type SiteIndex } from './site-index.ts';

/** The files, and the index they were made of (`astro dev` makes a new index after each check). */
let files: { of: Promise<SiteIndex>; files: Promise<SitemapFile[]> } | undefined;

export function sitemaps(): Promise<SitemapFile[]> {
  const index = siteIndex();
  if (files?.of !== index) files = { of: index, files: index.then(filesOf) };
  return files.files;
}

function filesOf({ articles, terms }: SiteIndex): SitemapFile[] {
  const { timeZone } = siteConfig;
  const newest = articles[0];
  const pages: SitemapEntry[] = [
    { url: absoluteUrl('/'), ...(newest ? { lastmod: rfc3339(lastModified(newest).epochMs, timeZone) } : {}) },
    { url: absoluteUrl('/archive/') },
    ...yearSummaries(articles, timeZone).map((year) => ({ url: absoluteUrl(archivePath({ year: year.year })) })),
    ...TERM_KINDS.flatMap((kind) => [{ url: absoluteUrl(TERM_ROOTS[kind]) }, ...terms[kind].map((term) => ({ url: absoluteUrl(termPath(kind, term.name)) }))]),
  ];
  const byYear = new Map<number, SitemapEntry[]>();
  for (const article of articles) {
    const { year } = dayOf(article, timeZone);
    const entries = byYear.get(year) ?? [];
    entries.push({ url: absoluteUrl(articlePath(article.id)), lastmod: rfc3339(lastModified(article).epochMs, timeZone) });
    byYear.set(year, entries);
  }
  const years = [...byYear].sort(([a], [b]) => b - a).map(([year, entries]) => ({ name: `articles-${year}`, entries }));
  return sitemapFiles([{ name: 'pages', entries: pages }, ...years], siteConfig.sitemapUrls);
}

/** Where a sitemap file is published. */
export const sitemapFilePath = (file: Pick<SitemapFile, 'name'>) => `/sitemaps/${file.name}.xml`;
