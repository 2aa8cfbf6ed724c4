/**
 * Where a saved page was on the web (issue 17, item 4): `wget --mirror` file names back to
 * addresses, so one article reached through two addresses is one page, and a continuation
 * page finds the page before it. Also: no page of the 67 real pages in `../shared/pages/gne`
 * is taken for an index, search or error page (skipped when they are absent).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../src/lib/import/decode.ts';
import { classifyPage } from '../../../src/lib/import/page-kind.ts';
import { addressKey, addressOfSavedFile, addressOfUrl, isPrintVersion, linkTarget, previousPageAddresses } from '../../../src/lib/import/site-pages.ts';

const key = (file: string, host?: string) => addressKey(addressOfSavedFile(file, host));

describe('addressOfSavedFile', () => {
  it('reads the host from the copy\'s first folder, without www.', () => {
    expect(key('www.qcrb.cn/news/a.html')).toBe('qcrb.cn/news/a.html');
    expect(key('qcrb.cn/news/a.html')).toBe('qcrb.cn/news/a.html');
    expect(key('news/a.html', 'www.qcrb.cn')).toBe('qcrb.cn/news/a.html');
  });

  it('makes a folder\'s index page the folder', () => {
    expect(key('www.qcrb.cn/news/index.html')).toBe('qcrb.cn/news/');
    expect(key('www.qcrb.cn/news/default.aspx')).toBe('qcrb.cn/news/');
    expect(addressKey(addressOfUrl('https://www.qcrb.cn/news/')!)).toBe('qcrb.cn/news/');
  });

  it('reads query strings as wget saves them (?, or @ on Windows, .html appended), dropping tracking parameters and sorting the rest', () => {
    expect(key('x.cn/show.php?id=3')).toBe('x.cn/show.php?id=3');
    expect(key('x.cn/show.php@id=3.html')).toBe('x.cn/show.php?id=3');
    expect(key('x.cn/show.php?page=2&id=3&utm_source=wx&from=timeline.html')).toBe('x.cn/show.php?id=3&page=2');
    expect(key('x.cn/a.html@from=timeline.html')).toBe(key('x.cn/a.html'));
    expect(addressKey(addressOfUrl('http://www.x.cn/show.php?id=3&spm=a1')!)).toBe(key('x.cn/show.php@id=3.html'));
  });

  it('recognises print versions by their address', () => {
    expect(isPrintVersion(addressOfSavedFile('x.cn/print.php@id=345.html'))).toBe(true);
    expect(isPrintVersion(addressOfSavedFile('x.cn/print/2024/a.html'))).toBe(true);
    expect(isPrintVersion(addressOfSavedFile('x.cn/a_print.html'))).toBe(true);
    expect(isPrintVersion(addressOfSavedFile('x.cn/show.php?id=3&print=1'))).toBe(true);
    expect(isPrintVersion(addressOfSavedFile('x.cn/blueprint/a.html'))).toBe(false);
  });

  it('resolves links relative to the saved file, root-relative and absolute', () => {
    const from = addressOfSavedFile('www.qcrb.cn/news/2024/03/a.html');
    expect(addressKey(linkTarget('a_2.html', 'www.qcrb.cn/news/2024/03/a.html', from)!)).toBe('qcrb.cn/news/2024/03/a_2.html');
    expect(addressKey(linkTarget('../../list_1.html#top', 'www.qcrb.cn/news/2024/03/a.html', from)!)).toBe('qcrb.cn/news/list_1.html');
    expect(addressKey(linkTarget('/news/2024/03/a.html?page=2', 'www.qcrb.cn/news/2024/03/a.html', from)!)).toBe('qcrb.cn/news/2024/03/a.html?page=2');
    expect(addressKey(linkTarget('https://www.qcrb.cn/news/', 'www.qcrb.cn/news/2024/03/a.html', from)!)).toBe('qcrb.cn/news/');
    expect(linkTarget('javascript:void(0)', 'www.qcrb.cn/a.html', from)).toBeUndefined();
  });
});

describe('previousPageAddresses', () => {
  const previous = (file: string) => previousPageAddresses(addressOfSavedFile(file))?.previous.map(addressKey);

  it('numbers continuation pages by _N and by ?page=N', () => {
    expect(previous('x.cn/a_2.html')).toEqual(['x.cn/a_1.html', 'x.cn/a.html']);
    expect(previous('x.cn/a_3.html')).toEqual(['x.cn/a_2.html']);
    expect(previous('x.cn/14526474_1.shtml')).toEqual(['x.cn/14526474_0.shtml', 'x.cn/14526474.shtml']);
    expect(previous('x.cn/show.php?id=3&page=2')).toEqual(['x.cn/show.php?id=3&page=1', 'x.cn/show.php?id=3']);
    expect(previous('x.cn/show.php?id=3&page=1')).toBeUndefined();
    expect(previous('x.cn/art_1621004_30332664.html')).toBeUndefined();
  });
});

const pagesDir = fileURLToPath(new URL('../../../../shared/pages/gne/', import.meta.url));
const available = existsSync(pagesDir);

describe.skipIf(!available)('classifyPage over the real pages', () => {
  it('takes every one of the 67 shared pages for an article', () => {
    const pages = readdirSync(pagesDir).filter((name) => name.endsWith('.html')).sort();
    expect(pages).toHaveLength(67);
    const notArticles = pages
      .map((name) => ({ name, verdict: classifyPage(cheerio.load(decodeHtml(new Uint8Array(readFileSync(`${pagesDir}${name}`))).text), addressOfSavedFile(name)) }))
      .filter(({ verdict }) => verdict.kind !== 'article')
      .map(({ name, verdict }) => `${name}: ${verdict.reason}`);
    expect(notArticles).toEqual([]);
  });
});
