import type { APIRoute } from 'astro';
import { publishedArticles } from '../data/articles.ts';
import { latestItems, siteChannel } from '../data/feeds.ts';
import { atomFeed } from '../lib/feeds.ts';

export const GET: APIRoute = async () =>
  new Response(atomFeed(siteChannel('/atom.xml'), latestItems(await publishedArticles())), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });
