import type { APIRoute } from 'astro';
import { publishedArticles } from '../data/articles.ts';
import { latestItems, siteChannel } from '../data/feeds.ts';
import { jsonFeed } from '../lib/feeds.ts';

export const GET: APIRoute = async () =>
  new Response(jsonFeed(siteChannel('/feed.json'), latestItems(await publishedArticles())), {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
  });
