/** sitemap.xml (sitemaps.org 0.9): every page a reader or crawler should find, articles with `lastmod`. */
import { escapeXml } from './feeds.ts';

export interface SitemapEntry {
  /** Absolute URL. */
  url: string;
  /** W3C datetime with offset, when the page's content has a date. */
  lastmod?: string;
}

export function sitemapXml(entries: readonly SitemapEntry[]): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map((entry) => `<url><loc>${escapeXml(entry.url)}</loc>${entry.lastmod ? `<lastmod>${entry.lastmod}</lastmod>` : ''}</url>`),
    '</urlset>',
    '',
  ].join('\n');
}
