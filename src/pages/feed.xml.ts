import type { APIRoute } from 'astro';
import { publishedArticles } from '../data/articles.ts';
import { latestItems, siteChannel } from '../data/feeds.ts';
import { rssFeed } from '../lib/feeds.ts';

export const GET: APIRoute = async () =>
  new Response(rssFeed(siteChannel('/feed.xml'), latestItems(await publishedArticles())), {
    headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
  });
