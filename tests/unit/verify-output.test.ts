import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyOutput } from '../../src/integrations/verify-output.ts';
import { checkContentRoot } from '../../src/lib/content-check.ts';

const work = mkdtempSync(join(tmpdir(), 'annals-verify-output-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const root = join(work, 'content');
mkdirSync(join(root, 'articles', '2017', '10'), { recursive: true });
writeFileSync(
  join(root, 'articles', '2017', '10', 'county-meeting.mdx'),
  ['---', 'title: 县委召开全体会议', 'date: 2017-10-17T08:00+08:00', 'source: 邵阳日报', '---', '', '会议部署秋冬生产工作。', '', '会议结束。', ''].join('\n'),
);
const checked = checkContentRoot(root, work);
const record = { root, cwd: work, articles: checked.articles, entries: checked.articles.map((article) => ({ id: article.slug, draft: false })) };

/** A built site with the article's page as `html` and a search index of `indexed` pages. */
function site(name: string, html: string, indexed: number): string {
  const outDir = join(work, name);
  mkdirSync(join(outDir, 'articles', 'county-meeting'), { recursive: true });
  mkdirSync(join(outDir, 'pagefind'), { recursive: true });
  writeFileSync(join(outDir, 'articles', 'county-meeting', 'index.html'), html);
  writeFileSync(join(outDir, 'index.html'), '<html><body><a href="/articles/county-meeting/">县委召开全体会议</a></body></html>');
  writeFileSync(join(outDir, 'pagefind', 'pagefind-entry.json'), JSON.stringify({ languages: { 'zh-cn-x-2017': { page_count: indexed } } }));
  return outDir;
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
    writeFileSync(join(outDir, 'pagefind', 'annals-shards.json'), JSON.stringify(manifest));
    return outDir;
  }
  const shards = [{ name: '2017', years: [2017], pages: 1 }];

  it('counts the pages a reader can find: Pagefind’s pages less the stale ones', () => {
    const manifest = { merge: [], shards, recent: { path: 'shards/recent/', stale: ['zh-cn-x-2017_old'], pages: { 'zh-cn-x-recent_new': [2017, 0.5] } } };
    expect(verifyOutput(withRecent('recent', manifest, { kept: ['zh-cn-x-2017_old'], recent: ['zh-cn-x-recent_new'] }), record, { timeZone: 'Asia/Shanghai' })).toEqual([]);
  });

  it('names a stale id no part has, and a recent part whose pages the manifest does not list', () => {
    const manifest = { merge: [], shards, recent: { path: 'shards/recent/', stale: ['zh-cn-x-2017_gone'], pages: {} } };
    expect(verifyOutput(withRecent('bad-recent', manifest, { kept: ['zh-cn-x-2017_old'], recent: ['zh-cn-x-recent_new'] }), record, { timeZone: 'Asia/Shanghai' })).toEqual([
      'pagefind/annals-shards.json lists the stale page zh-cn-x-2017_gone, which no index part has (src/lib/search/indexer.ts writes the list)',
      'pagefind/annals-shards.json does not list exactly the pages of the recent-changes part (0 listed, 1 in the part)',
    ]);
  });
});
