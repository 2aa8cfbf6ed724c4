/**
 * Sitemaps (sitemaps.org 0.9): `/sitemap.xml` is a sitemap index, and the URLs are in files
 * of at most 50,000 (the protocol's limit; search engines ignore a larger file) under
 * `/sitemaps/`. Articles are grouped by publication year, so a new article changes only its
 * year's file and the index, and a file's `lastmod` tells a crawler which ones to fetch again.
 */
import { escapeXml } from './feeds.ts';

/** sitemaps.org: at most 50,000 URLs in one sitemap file (and in one index). */
export const SITEMAP_URL_LIMIT = 50_000;

export interface SitemapEntry {
  /** Absolute URL. */
  url: string;
  /** W3C datetime with offset, when the page's content has a date. */
  lastmod?: string;
}

/** URLs that belong together (`pages`, `articles-2017`), split into files when too many. */
export interface SitemapGroup {
  name: string;
  entries: readonly SitemapEntry[];
}

export interface SitemapFile {
  /** File name without `.xml`: the group's name, or `<group>-<n>` (from 1) when the group is split. */
  name: string;
  entries: readonly SitemapEntry[];
  /** The newest `lastmod` of its entries, as written there; none when no entry has one. */
  lastmod?: string;
}

/**
 * The sitemap files for the groups, in order: a group with more than `limit` URLs becomes
 * `<name>-1`, `<name>-2` … of `limit` each; an empty group makes no file.
 */
export function sitemapFiles(groups: readonly SitemapGroup[], limit = SITEMAP_URL_LIMIT): SitemapFile[] {
  if (!Number.isInteger(limit) || limit < 1 || limit > SITEMAP_URL_LIMIT) {
    throw new Error(`the sitemap URL limit (ANNALS_SITEMAP_URLS) must be a whole number from 1 to ${SITEMAP_URL_LIMIT}, got ${limit}`);
  }
  return groups.flatMap((group) => {
    const parts = Math.ceil(group.entries.length / limit);
    return Array.from({ length: parts }, (_, index) => {
      const entries = group.entries.slice(index * limit, (index + 1) * limit);
      const lastmod = newestLastmod(entries);
      return { name: parts === 1 ? group.name : `${group.name}-${index + 1}`, entries, ...(lastmod ? { lastmod } : {}) };
    });
  });
}

/** The latest of the entries' `lastmod` values by instant (they may carry different offsets). */
function newestLastmod(entries: readonly SitemapEntry[]): string | undefined {
  let newest: { text: string; ms: number } | undefined;
  for (const { lastmod } of entries) {
    if (!lastmod) continue;
    const ms = Date.parse(lastmod);
    if (!newest || ms > newest.ms) newest = { text: lastmod, ms };
  }
  return newest?.text;
}

/** A sitemaps.org 0.9 document: `<urlset>` of `<url>`, or `<sitemapindex>` of `<sitemap>`. */
function sitemapDocument(root: 'urlset' | 'sitemapindex', element: 'url' | 'sitemap', entries: readonly SitemapEntry[]): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<${root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    ...entries.map((entry) => `<${element}><loc>${escapeXml(entry.url)}</loc>${entry.lastmod ? `<lastmod>${entry.lastmod}</lastmod>` : ''}</${element}>`),
    `</${root}>`,
    '',
  ].join('\n');
}

export const sitemapXml = (entries: readonly SitemapEntry[]): string => sitemapDocument('urlset', 'url', entries);

/** The sitemap index: one `<sitemap>` per file, with its absolute URL and newest `lastmod`. */
export function sitemapIndexXml(sitemaps: readonly SitemapEntry[]): string {
  if (sitemaps.length > SITEMAP_URL_LIMIT) throw new Error(`${sitemaps.length} sitemap files: one sitemap index lists at most ${SITEMAP_URL_LIMIT}`);
  return sitemapDocument('sitemapindex', 'sitemap', sitemaps);
}
