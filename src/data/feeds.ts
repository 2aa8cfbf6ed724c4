/** The feeds' channels and items, shared by the RSS, Atom, JSON Feed and section-feed endpoints. */
import type { FeedChannel, FeedItem } from '../lib/feeds.ts';
import { siteConfig } from '../site.config.ts';
import type { ArticleEntry } from './articles.ts';
import { absoluteUrl, feedItem } from './site-index.ts';

export function siteChannel(feedPath: string, sitePath = '/', title = siteConfig.name): FeedChannel {
  return {
    title,
    description: siteConfig.strings.tagline,
    siteUrl: absoluteUrl(sitePath),
    feedUrl: absoluteUrl(feedPath),
    language: siteConfig.locale,
    timeZone: siteConfig.timeZone,
  };
}

/** The newest `feedSize` articles (the list is newest first). */
export function latestItems(articles: readonly ArticleEntry[]): FeedItem[] {
  return articles.slice(0, siteConfig.feedSize).map(feedItem);
}
