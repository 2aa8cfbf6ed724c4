/**
 * The sitemap index (robots.txt points here): one entry per sitemap file under `/sitemaps/`
 * (`data/sitemaps.ts`), each with the newest `lastmod` of its URLs.
 */
import type { APIRoute } from 'astro';
import { absoluteUrl } from '../data/site-index.ts';
import { sitemapFilePath, sitemaps } from '../data/sitemaps.ts';
import { sitemapIndexXml } from '../lib/sitemap.ts';

export const GET: APIRoute = async () => {
  const entries = (await sitemaps()).map((file) => ({ url: absoluteUrl(sitemapFilePath(file)), ...(file.lastmod ? { lastmod: file.lastmod } : {}) }));
  return new Response(sitemapIndexXml(entries), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
