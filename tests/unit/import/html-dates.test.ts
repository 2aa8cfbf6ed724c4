import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { chooseDate, dateInHeaderLine, headerDate, structuredDate, urlDate } from '../../../src/lib/import/html-dates.ts';
import { metaTags } from '../../../src/lib/import/html-meta.ts';

const zone = 'Asia/Shanghai';

describe('dateInHeaderLine', () => {
  it.each([
    ['2017-10-17 09:41　来源：邵阳日报', '2017-10-17T09:41+08:00'],
    ['发布时间：2017年10月17日 09:41', '2017-10-17T09:41+08:00'],
    ['2017/10/17', '2017-10-17'],
    ['来源: | 发布时间: 2018-05-17 | 浏览次数: 2168', '2018-05-17'],
    ['2019年06月15日08:18 来源：人民网-文化频道', '2019-06-15T08:18+08:00'],
    ['发布于 2019-09-26 07:19:52', '2019-09-26T07:19:52+08:00'],
  ])('reads %s', (line, date) => {
    expect(dateInHeaderLine(line, zone)).toBe(date);
  });

  it.each([
    '最后更新: 2019-09-07 15:14:21', // an update, not the publication
    '2019年9月7日，华为在柏林发布了新一代芯片，这是该公司今年发布的第三款芯片产品。', // prose that starts with a date
    '2017-02-30 09:41 来源：示例日报', // not a real day
  ])('takes no publication date from %s', (line) => {
    expect(dateInHeaderLine(line, zone)).toBeUndefined();
  });

  it('skips dates inside links (other stories) unless the link is the date alone', () => {
    expect(headerDate([{ text: '县政府召开常务会议 2017-10-09', outsideLinks: '' }], zone)).toBeUndefined();
    expect(headerDate([{ text: '2019年10月22日', outsideLinks: '' }], zone)?.date).toBe('2019-10-22');
  });
});

describe('structuredDate', () => {
  it('reads JSON-LD datePublished before the meta tags, without an offset as the site zone', () => {
    const $ = cheerio.load(`<head><meta property="article:published_time" content="2020-03-01T08:00:00+08:00">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2017-10-17T09:41:00"}</script></head>`);
    expect(structuredDate($, metaTags($), zone)).toEqual({ date: '2017-10-17T09:41:00+08:00', from: 'JSON-LD datePublished' });
  });

  it('reads pubdate and publishdate meta tags', () => {
    for (const name of ['pubdate', 'publishdate']) {
      const $ = cheerio.load(`<head><meta name="${name}" content="2016-11-22 09:53"></head>`);
      expect(structuredDate($, metaTags($), zone)?.date).toBe('2016-11-22T09:53+08:00');
    }
  });
});

describe('urlDate', () => {
  it.each([
    ['http://www.example.cn/news/2017-10/17/content_1.htm', '2017-10-17'],
    ['http://www.example.cn/a/20171017/123.shtml', '2017-10-17'],
    ['http://www.example.cn/jrxw/201710/t20171017_123456.html', '2017-10-17'],
    ['https://news.example.com/c/2019-09-07/doc-abc.shtml', '2019-09-07'],
    ['http://www.example.cn/politics/2019_09_09_517162.shtml', '2019-09-09'],
    ['http://fgw.example.gov.cn/art/2016/11/22/art_1621004_30332664.html', '2016-11-22'],
  ])('reads the day in %s', (url, day) => {
    expect(urlDate(url, zone)?.date).toBe(day);
  });

  it('finds none in an address without a day', () => {
    expect(urlDate('http://www.example.cn/post/2740.html', zone)).toBeUndefined();
    expect(urlDate('http://www.example.cn/news/201909/1220000.shtml', zone)).toBeUndefined();
  });
});

describe('chooseDate', () => {
  const header = { date: '2018-12-28T19:55+08:00', from: 'the header line "2018年12月28日 19:55"' };

  it('keeps the header time when a structured time is minutes away, without a note', () => {
    expect(chooseDate({ header, structured: { date: '2018-12-28T19:56:29+08:00', from: 'meta article:published_time' } }, zone)).toEqual({ date: header.date, notes: [] });
  });

  it('takes the seconds of a structured time in the header minute, and the time of a structured date on a header day', () => {
    expect(chooseDate({ header, structured: { date: '2018-12-28T19:55:38+08:00', from: 'meta' } }, zone).date).toBe('2018-12-28T19:55:38+08:00');
    expect(chooseDate({ header: { date: '2016-11-22', from: 'h' }, structured: { date: '2016-11-22T09:53+08:00', from: 'meta pubdate' } }, zone).date).toBe('2016-11-22T09:53+08:00');
  });

  it('uses the structured date when the header has none, and the address day last, with a note', () => {
    expect(chooseDate({ structured: { date: '2019-09-05T11:10:52+08:00', from: 'JSON-LD pubDate' } }, zone)).toEqual({ date: '2019-09-05T11:10:52+08:00', notes: [] });
    const fromUrl = chooseDate({ url: { date: '2017-10-17', from: "the page's address (http://www.example.cn/a/20171017/1.html)" } }, zone);
    expect(fromUrl.date).toBe('2017-10-17');
    expect(fromUrl.notes[0]?.message).toMatch(/prints no date; the day 2017-10-17 was taken from the page's address/);
  });

  it('notes that no date was found', () => {
    expect(chooseDate({}, zone)).toEqual({ notes: [{ field: 'date', message: expect.stringMatching(/^no publication date found/) }] });
  });
});
