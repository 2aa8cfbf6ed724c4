import { describe, expect, it } from 'vitest';
import { SITEMAP_URL_LIMIT, sitemapFiles, sitemapIndexXml, sitemapXml, type SitemapEntry } from '../../src/lib/sitemap.ts';

const entries = (count: number, prefix = 'a'): SitemapEntry[] => Array.from({ length: count }, (_, index) => ({ url: `https://example.org/${prefix}/${index}/` }));

describe('sitemapFiles', () => {
  it('splits a group larger than sitemaps.org allows into files of at most 50,000 URLs, each URL once and in order', () => {
    const files = sitemapFiles([{ name: 'articles-2017', entries: entries(120_001) }]);
    expect(files.map((file) => [file.name, file.entries.length])).toEqual([
      ['articles-2017-1', 50_000],
      ['articles-2017-2', 50_000],
      ['articles-2017-3', 20_001],
    ]);
    expect(files.flatMap((file) => file.entries)).toEqual(entries(120_001));
  });

  it('keeps a group that fits as one file under its own name, and makes no file for an empty group', () => {
    const files = sitemapFiles([
      { name: 'pages', entries: entries(SITEMAP_URL_LIMIT, 'p') },
      { name: 'articles-2016', entries: [] },
      { name: 'articles-2015', entries: entries(2) },
    ]);
    expect(files.map((file) => file.name)).toEqual(['pages', 'articles-2015']);
  });

  it('splits at a lower limit when the site asks for one', () => {
    expect(sitemapFiles([{ name: 'pages', entries: entries(7) }], 3).map((file) => file.entries.length)).toEqual([3, 3, 1]);
  });

  it("gives each file the newest lastmod of its URLs by instant, whatever each one's offset", () => {
    const [file] = sitemapFiles([
      {
        name: 'articles-2017',
        entries: [
          { url: 'https://example.org/a/', lastmod: '2017-10-18T10:00:00+08:00' },
          { url: 'https://example.org/b/', lastmod: '2017-10-18T03:00:00Z' },
          { url: 'https://example.org/c/' },
        ],
      },
    ]);
    expect(file?.lastmod).toBe('2017-10-18T03:00:00Z');
    expect(sitemapFiles([{ name: 'pages', entries: entries(1) }])[0]).not.toHaveProperty('lastmod');
  });

  it('refuses a limit above 50,000 or below 1, naming the setting', () => {
    expect(() => sitemapFiles([], 50_001)).toThrow(/ANNALS_SITEMAP_URLS.*50000, got 50001/);
    expect(() => sitemapFiles([], 0)).toThrow(/got 0/);
  });
});

describe('sitemap XML', () => {
  it('writes an index of sitemap files with their lastmod, escaping URLs', () => {
    expect(sitemapIndexXml([{ url: 'https://example.org/sitemaps/pages.xml?a=1&b=2' }, { url: 'https://example.org/sitemaps/articles-2017.xml', lastmod: '2017-10-18T10:00:00+08:00' }])).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        '<sitemap><loc>https://example.org/sitemaps/pages.xml?a=1&amp;b=2</loc></sitemap>',
        '<sitemap><loc>https://example.org/sitemaps/articles-2017.xml</loc><lastmod>2017-10-18T10:00:00+08:00</lastmod></sitemap>',
        '</sitemapindex>',
        '',
      ].join('\n'),
    );
  });

  it('writes a urlset of the entries', () => {
    expect(sitemapXml([{ url: 'https://example.org/', lastmod: '2018-01-01T00:10:00+08:00' }])).toContain('<url><loc>https://example.org/</loc><lastmod>2018-01-01T00:10:00+08:00</lastmod></url>');
  });
});
