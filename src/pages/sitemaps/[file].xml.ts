/** One sitemap file of at most `siteConfig.sitemapUrls` URLs (`data/sitemaps.ts`), listed by `/sitemap.xml`. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { sitemaps } from '../../data/sitemaps.ts';
import { sitemapXml, type SitemapFile } from '../../lib/sitemap.ts';

export const getStaticPaths = (async () => (await sitemaps()).map((file) => ({ params: { file: file.name }, props: { file } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ file: SitemapFile }> = ({ props }) =>
  new Response(sitemapXml(props.file.entries), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
