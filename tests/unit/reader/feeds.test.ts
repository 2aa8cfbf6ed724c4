import { describe, expect, test } from 'vitest';
import { atomFeed, escapeXml, jsonFeed, rfc3339, rfc822, rssFeed, type FeedChannel, type FeedItem } from '../../../src/lib/feeds.ts';
import { date } from './helpers.ts';

const channel: FeedChannel = {
  title: '邵阳新闻档案',
  description: '县域新闻',
  siteUrl: 'https://annals.example.org/',
  feedUrl: 'https://annals.example.org/feed.xml',
  language: 'zh-CN',
  timeZone: 'Asia/Shanghai',
};
const item: FeedItem = {
  url: 'https://annals.example.org/articles/a/',
  title: '甲 & 乙 <丙>',
  summary: '摘要',
  publishedMs: date('2017-10-17T09:41+08:00').epochMs,
  modifiedMs: date('2017-10-18T10:00+08:00').epochMs,
  authors: ['艾哲'],
  categories: ['党建'],
};

describe('feeds', () => {
  test('write dates in the site time zone with +08:00, whatever zone the build runs in', () => {
    expect(rfc3339(item.publishedMs, 'Asia/Shanghai')).toBe('2017-10-17T09:41:00+08:00');
    expect(rfc822(item.publishedMs, 'Asia/Shanghai')).toBe('Tue, 17 Oct 2017 09:41:00 +0800');
    // A date-only article is midnight of its day in the site zone.
    expect(rfc3339(date('2017-10-17').epochMs, 'Asia/Shanghai')).toBe('2017-10-17T00:00:00+08:00');
  });

  test('escape text for XML and drop characters XML forbids', () => {
    expect(escapeXml('a & <b> "c" \u0001')).toBe('a &amp; &lt;b&gt; &quot;c&quot; ');
  });

  test('RSS carries pubDate, guid and escaped title', () => {
    const xml = rssFeed(channel, [item]);
    expect(xml).toContain('<pubDate>Tue, 17 Oct 2017 09:41:00 +0800</pubDate>');
    expect(xml).toContain('<title>甲 &amp; 乙 &lt;丙&gt;</title>');
    expect(xml).toContain('<lastBuildDate>Wed, 18 Oct 2017 10:00:00 +0800</lastBuildDate>');
  });

  test('Atom has published and updated (the correction) per entry and the newest change as feed updated', () => {
    const xml = atomFeed(channel, [item]);
    expect(xml).toContain('<published>2017-10-17T09:41:00+08:00</published>');
    expect(xml).toContain('<updated>2017-10-18T10:00:00+08:00</updated>');
  });

  test('JSON Feed 1.1 parses and holds the dates', () => {
    const feed = JSON.parse(jsonFeed(channel, [item]));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items[0]).toMatchObject({ id: item.url, title: item.title, date_published: '2017-10-17T09:41:00+08:00', date_modified: '2017-10-18T10:00:00+08:00' });
  });
});
