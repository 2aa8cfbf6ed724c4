import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyOutput } from '../../src/integrations/verify-output.ts';
import { checkContentRoot } from '../../src/lib/content-check.ts';
import { recordedArticle } from '../../src/loaders/content-record.ts';
import type { TitleEntryWire } from '../../src/lib/search/title-lookup.ts';

const work = mkdtempSync(join(tmpdir(), 'annals-verify-output-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const root = join(work, 'content');
mkdirSync(join(root, 'articles', '2017', '10'), { recursive: true });
writeFileSync(
  join(root, 'articles', '2017', '10', 'county-meeting.mdx'),
  ['---', 'title: 县委召开全体会议', 'date: 2017-10-17T08:00+08:00', 'source: 邵阳日报', '---', '', '会议部署秋冬生产工作。', '', '会议结束。', ''].join('\n'),
);
const checked = checkContentRoot(root, work);
const record = { root, cwd: work, articles: checked.articles.map(recordedArticle), entries: checked.articles.map((article) => ({ id: article.slug, draft: false })) };

/** A built site with the article's page as `html` and a search index of `indexed` pages. */
function site(name: string, html: string, indexed: number): string {
  const outDir = join(work, name);
  mkdirSync(join(outDir, 'articles', 'county-meeting'), { recursive: true });
  mkdirSync(join(outDir, 'pagefind'), { recursive: true });
  writeFileSync(join(outDir, 'articles', 'county-meeting', 'index.html'), html);
  writeFileSync(join(outDir, 'index.html'), '<html><body><a href="/articles/county-meeting/">县委召开全体会议</a></body></html>');
  writeFileSync(join(outDir, 'pagefind', 'pagefind-entry.json'), JSON.stringify({ languages: { 'zh-cn-x-2017': { page_count: indexed } } }));
  // The index's one page, and the title lookup naming it.
  mkdirSync(join(outDir, 'pagefind', 'fragment'), { recursive: true });
  writeFileSync(join(outDir, 'pagefind', 'fragment', `${PAGE_ID}.pf_fragment`), '');
  writeFileSync(join(outDir, 'pagefind', 'annals-shards.json'), JSON.stringify({ merge: [], shards: [{ name: '2017', years: [2017], pages: 1 }], titles: { buckets: 1 }, words: { buckets: 1 } }));
  // The word-parts lookup: the page's words, all in the one part.
  mkdirSync(join(outDir, 'pagefind', 'words'), { recursive: true });
  writeFileSync(join(outDir, 'pagefind', 'words', '0.json'), JSON.stringify({ words: { 县委: 1, 会议: 1 }, trigrams: ['AA'] }));
  writeTitles(outDir, [['县委召开全体会议', PAGE_ID, '/articles/county-meeting/', '县委召开全体会议', '2017-10-17', '邵阳日报', '会议部署秋冬生产工作。']]);
  return outDir;
}

const PAGE_ID = 'zh-cn-x-2017_a1b2c3d';

function writeTitles(outDir: string, entries: TitleEntryWire[]): void {
  mkdirSync(join(outDir, 'pagefind', 'titles'), { recursive: true });
  writeFileSync(join(outDir, 'pagefind', 'titles', '0.json'), JSON.stringify(entries));
}

const page = (body: string, marked = true) => `<html><body><main${marked ? ' data-pagefind-body' : ''}><h1>县委召开全体会议</h1>${body}</main></body></html>`;

describe('the output check', () => {
  it('passes a site whose article page shows its text and is in the index', () => {
    expect(checked.problems).toEqual([]);
    expect(verifyOutput(site('good', page('<p>会议部署秋冬生产工作。</p><p>会议结束。</p>'), 1), record, { timeZone: 'Asia/Shanghai' })).toEqual([]);
  });

  it('names an article page that lost its text', () => {
    expect(verifyOutput(site('cut', page('<p>会议部署秋冬生产工作。</p>'), 1), record, { timeZone: 'Asia/Shanghai' })).toEqual([
      'content/articles/2017/10/county-meeting.mdx: the page /articles/county-meeting/ does not show "会议结束。" from the article: it rendered empty or cut short',
    ]);
  });

  it('names an article page that is not marked for the index, and the count that no longer agrees', () => {
    expect(verifyOutput(site('unmarked', page('<p>会议部署秋冬生产工作。</p><p>会议结束。</p>', false), 1), record, { timeZone: 'Asia/Shanghai' })).toEqual([
      'content/articles/2017/10/county-meeting.mdx: the page /articles/county-meeting/ is not marked for the search index (data-pagefind-body)',
      'Pagefind indexed 1 pages but 0 pages are marked data-pagefind-body',
    ]);
  });

  it('reports a title lookup entry that names a page the index lacks, or names one twice', () => {
    const outDir = site('stale-titles', page('<p>会议部署秋冬生产工作。</p><p>会议结束。</p>'), 1);
    const entry: TitleEntryWire = ['县委召开全体会议', PAGE_ID, '/articles/county-meeting/', '县委召开全体会议', '2017-10-17', '邵阳日报', ''];
    writeTitles(outDir, [entry, entry, ['旧标题', 'zh-cn-x-2017_0000000', '/articles/old/', '旧标题', '2017-01-01', '', '']]);
    expect(verifyOutput(outDir, record, { timeZone: 'Asia/Shanghai' })).toEqual([
      `pagefind/titles/0.json lists the page id ${PAGE_ID} (/articles/county-meeting/) a second time`,
      'pagefind/titles/0.json lists "旧标题" (/articles/old/) under the page id zh-cn-x-2017_0000000, which no index part has or which is stale: readers would be shown a page search then drops',
    ]);
  });

  it('reports a word-parts bucket that names a part the index lacks', () => {
    const outDir = site('bad-words', page('<p>会议部署秋冬生产工作。</p><p>会议结束。</p>'), 1);
    writeFileSync(join(outDir, 'pagefind', 'words', '0.json'), JSON.stringify({ words: { 县委: 2 }, trigrams: ['AA'] }));
    expect(verifyOutput(outDir, record, { timeZone: 'Asia/Shanghai' })).toEqual([`pagefind/words/0.json gives "县委" the parts 2, not a mask over the index's 1 parts`]);
  });

  it('reports a missing title lookup', () => {
    const outDir = site('no-titles', page('<p>会议部署秋冬生产工作。</p><p>会议结束。</p>'), 1);
    rmSync(join(outDir, 'pagefind', 'titles'), { recursive: true });
    expect(verifyOutput(outDir, record, { timeZone: 'Asia/Shanghai' })).toEqual(['pagefind/titles/0.json is missing: the manifest names 1 title buckets', "the title lookup lists none of the index's 1 pages"]);
  });
});

describe('the output check of an index with a recent-changes part', () => {
  /** The site above, its one page corrected: the kept 2017 part still holds the old version (stale), the recent part the new. */
  function withRecent(name: string, manifest: object, fragments: { kept: string[]; recent: string[] }): string {
    const outDir = site(name, page('<p>会议部署秋冬生产工作。</p><p>会议结束。</p>'), 1);
    mkdirSync(join(outDir, 'pagefind', 'fragment'), { recursive: true });
    mkdirSync(join(outDir, 'pagefind', 'shards', 'recent', 'fragment'), { recursive: true });
    for (const id of fragments.kept) writeFileSync(join(outDir, 'pagefind', 'fragment', `${id}.pf_fragment`), '');
    for (const id of fragments.recent) writeFileSync(join(outDir, 'pagefind', 'shards', 'recent', 'fragment', `${id}.pf_fragment`), '');
    writeFileSync(join(outDir, 'pagefind', 'shards', 'recent', 'pagefind-entry.json'), JSON.stringify({ languages: { 'zh-cn-x-recent': { page_count: fragments.recent.length } } }));
    writeFileSync(join(outDir, 'pagefind', 'annals-shards.json'), JSON.stringify({ ...manifest, titles: { buckets: 1 }, words: { buckets: 1 } }));
    return outDir;
  }
  const shards = [{ name: '2017', years: [2017], pages: 1 }];

  it('counts the pages a reader can find: Pagefind’s pages less the stale ones', () => {
    const manifest = { merge: [], shards, recent: { path: 'shards/recent/', stale: ['zh-cn-x-2017_old'], pages: { 'zh-cn-x-recent_new': ['2017', 0.5] } } };
    expect(verifyOutput(withRecent('recent', manifest, { kept: ['zh-cn-x-2017_old'], recent: ['zh-cn-x-recent_new'] }), record, { timeZone: 'Asia/Shanghai' })).toEqual([]);
  });

  it('names a stale id no part has, and a recent part whose pages the manifest does not list', () => {
    const manifest = { merge: [], shards, recent: { path: 'shards/recent/', stale: ['zh-cn-x-2017_gone'], pages: {} } };
    expect(verifyOutput(withRecent('bad-recent', manifest, { kept: ['zh-cn-x-2017_old'], recent: ['zh-cn-x-recent_new'] }), record, { timeZone: 'Asia/Shanghai' })).toEqual([
      'pagefind/annals-shards.json lists the stale page zh-cn-x-2017_gone, which no index part has (src/lib/search/indexer.ts writes the list)',
      'pagefind/annals-shards.json does not list exactly the pages of the recent-changes part (0 listed, 1 in the part)',
    ]);
  });

  it('names a recent page said to belong to a part the index does not have', () => {
    const manifest = { merge: [], shards, recent: { path: 'shards/recent/', stale: ['zh-cn-x-2017_old'], pages: { 'zh-cn-x-recent_new': ['2017m05', 0.5] } } };
    expect(verifyOutput(withRecent('recent-no-part', manifest, { kept: ['zh-cn-x-2017_old'], recent: ['zh-cn-x-recent_new'] }), record, { timeZone: 'Asia/Shanghai' })).toEqual([
      'pagefind/annals-shards.json says the recent page zh-cn-x-recent_new belongs to the part 2017m05, which the index does not have (src/lib/search/indexer.ts writes the list)',
    ]);
  });

  it('reports a title lookup entry that names a stale page', () => {
    const manifest = { merge: [], shards, recent: { path: 'shards/recent/', stale: [PAGE_ID], pages: { 'zh-cn-x-recent_new': ['2017', 0.5] } } };
    const outDir = withRecent('stale-title', manifest, { kept: [], recent: ['zh-cn-x-recent_new'] });
    expect(verifyOutput(outDir, record, { timeZone: 'Asia/Shanghai' })).toEqual([
      `pagefind/titles/0.json lists "县委召开全体会议" (/articles/county-meeting/) under the page id ${PAGE_ID}, which no index part has or which is stale: readers would be shown a page search then drops`,
    ]);
  });
});
