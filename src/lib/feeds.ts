/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 from one list of items.
 *
 * Items carry a summary, not the full text: an article body is MDX with figure
 * placements that only render inside a page, a feed is for noticing new articles (the
 * archive page is the place to read them, with its captions, corrections and citation),
 * and summaries keep feeds small. Every date is the article's own moment written in the
 * site's time zone with its offset (`+08:00`); nothing depends on when the build ran.
 */
import { zonedParts } from './dates.ts';

export interface FeedItem {
  /** Absolute URL of the article; also its permanent id. */
  url: string;
  title: string;
  summary: string;
  publishedMs: number;
  modifiedMs: number;
  authors: string[];
  categories: string[];
}

export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute URL of the page the feed follows (the home page, a section page). */
  siteUrl: string;
  /** Absolute URL of this feed. */
  feedUrl: string;
  language: string;
  timeZone: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}${colon ? ':' : ''}${pad2(abs % 60)}`;
}

/** RFC 3339 in the site's zone with its offset: `2017-10-17T09:41:00+08:00`. */
export function rfc3339(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}${offsetText(p.offsetMinutes, true)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 822 as RSS 2.0 requires, in the site's zone: `Tue, 17 Oct 2017 09:41:00 +0800`. */
export function rfc822(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()];
  return `${weekday}, ${pad2(p.day)} ${MONTHS[p.month - 1]} ${p.year} ${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)} ${offsetText(p.offsetMinutes, false)}`;
}

/** Text safe in XML content and attributes; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const latest = (items: readonly FeedItem[]) => Math.max(0, ...items.map((item) => item.modifiedMs));

export function rssFeed(channel: FeedChannel, items: readonly FeedItem[]): string {
  const x = escapeXml;
  const entries = items.map((item) => [
    '<item>',
    `<title>${x(item.title)}</title>`,
    `<link>${x(item.url)}</link>`,
    `<guid isPermaLink="true">${x(item.url)}</guid>`,
    `<pubDate>${rfc822(item.publishedMs, channel.timeZone)}</pubDate>`,
    ...item.authors.map((name) => `<dc:creator>${x(name)}</dc:creator>`),
    ...item.categories.map((name) => `<category>${x(name)}</category>`),
    `<description>${x(item.summary)}</description>`,
    '</item>',
  ].join(''));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${x(channel.title)}</title>`,
    `<link>${x(channel.siteUrl)}</link>`,
    `<description>${x(channel.description)}</description>`,
    `<language>${x(channel.language)}</language>`,
    `<atom:link href="${x(channel.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    ...(items.length > 0 ? [`<lastBuildDate>${rfc822(latest(items), channel.timeZone)}</lastBuildDate>`] : []),
    ...entries,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function atomFeed(channel: FeedChannel, items: readonly FeedItem[]): string {
  const x = escapeXml;
  const entries = items.map((item) => [
    '<entry>',
    `<title>${x(item.title)}</title>`,
    `<link rel="alternate" type="text/html" href="${x(item.url)}"/>`,
    `<id>${x(item.url)}</id>`,
    `<published>${rfc3339(item.publishedMs, channel.timeZone)}</published>`,
    `<updated>${rfc3339(item.modifiedMs, channel.timeZone)}</updated>`,
    ...item.authors.map((name) => `<author><name>${x(name)}</name></author>`),
    ...item.categories.map((name) => `<category term="${x(name)}"/>`),
    `<summary>${x(item.summary)}</summary>`,
    '</entry>',
  ].join(''));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(channel.language)}">`,
    `<title>${x(channel.title)}</title>`,
    `<subtitle>${x(channel.description)}</subtitle>`,
    `<link rel="alternate" type="text/html" href="${x(channel.siteUrl)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${x(channel.feedUrl)}"/>`,
    `<id>${x(channel.feedUrl)}</id>`,
    // Atom requires <updated>; the newest change among the items, never the build time.
    `<updated>${rfc3339(latest(items), channel.timeZone)}</updated>`,
    `<author><name>${x(channel.title)}</name></author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

export function jsonFeed(channel: FeedChannel, items: readonly FeedItem[]): string {
  return `${JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: channel.title,
      description: channel.description,
      home_page_url: channel.siteUrl,
      feed_url: channel.feedUrl,
      language: channel.language,
      items: items.map((item) => ({
        id: item.url,
        url: item.url,
        title: item.title,
        summary: item.summary,
        content_text: item.summary,
        date_published: rfc3339(item.publishedMs, channel.timeZone),
        date_modified: rfc3339(item.modifiedMs, channel.timeZone),
        ...(item.authors.length > 0 ? { authors: item.authors.map((name) => ({ name })) } : {}),
        ...(item.categories.length > 0 ? { tags: item.categories } : {}),
      })),
    },
    null,
    2,
  )}\n`;
}
