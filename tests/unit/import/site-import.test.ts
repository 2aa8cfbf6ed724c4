/**
 * A whole saved site in one command (issue 17, items 3 and 4), on a self-written `wget
 * --mirror` copy in `fixtures/saved-site/copy/`: two CMS templates (a regional daily at
 * www.qcrb.cn, a county portal at news.lsxian.gov.cn), with front pages, a section list, a
 * tag page, a search page, an error page, a two-page article, the same article under a
 * tracking parameter, and a print version. The report's counts are exact, and a second run
 * imports nothing new. `fixtures/saved-site/lsxian.yaml` is the portal's site profile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContentRoot } from '../../../src/lib/content-check.ts';
import { planSiteImport } from '../../../src/lib/import/site-import.ts';
import type { SiteReport } from '../../../src/lib/import/site-report.ts';

const project = join(import.meta.dirname, '..', '..', '..');
const fixture = join(import.meta.dirname, 'fixtures', 'saved-site');
const copy = join(fixture, 'copy');
const outs: string[] = [];
afterAll(() => {
  for (const out of outs) rmSync(out, { recursive: true, force: true });
});

function runImport(out: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['scripts/import.ts', '--out', out, '--quiet', ...args], { cwd: project, encoding: 'utf8' });
  const reportFile = join(out, '_import', 'report.json');
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as SiteReport) : undefined;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, report };
}
const mdxFiles = (root: string) =>
  readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.mdx')).sort()
    .map((name) => ({ name, mtime: statSync(join(root, name)).mtimeMs }));
const inCopy = (path: string) => relative(copy, join(project, path)).split('\\').join('/');

const nodeRunsTypeScript = Number(process.versions.node.split('.')[0]) >= 24;

describe.skipIf(!nodeRunsTypeScript)('npm run import -- <saved site folder>', () => {
  const out = mkdtempSync(join(tmpdir(), 'annals-site-'));
  outs.push(out);
  const first = runImport(out, copy);

  it('reports exact counts: 14 pages, 5 articles (1 waiting for review), 6 skipped, 1 merged, 2 duplicates', () => {
    expect(first.code).toBe(0);
    expect(first.report?.counts).toEqual({
      pages: 14, imported: 5, published: 4, review: 1, unchanged: 0, changed: 0, exists: 0,
      skipped: 6, merged: 1, duplicates: 2, errors: 0, notPages: 2,
    });
  });

  it('skips the front pages, the section list, the tag page, the search page and the error page, each with its reason', () => {
    const skipped = Object.fromEntries(first.report!.skipped.map((skip) => [inCopy(skip.file), skip.reason]));
    expect(Object.keys(skipped).sort()).toEqual([
      'news.lsxian.gov.cn/index.html', 'news.lsxian.gov.cn/tag/chungeng.html', 'www.qcrb.cn/404.html',
      'www.qcrb.cn/index.html', 'www.qcrb.cn/news/list_1.html', 'www.qcrb.cn/search.php@q=chungeng.html',
    ]);
    expect(skipped['www.qcrb.cn/404.html']).toMatch(/^an error page: its title says "404 页面不存在/);
    expect(skipped['www.qcrb.cn/search.php@q=chungeng.html']).toMatch(/^a search page/);
    expect(skipped['news.lsxian.gov.cn/tag/chungeng.html']).toMatch(/^a tag or list page: its title says "春耕 - 标签/);
    expect(skipped['www.qcrb.cn/news/list_1.html']).toMatch(/^an index or list page: 8 links to other stories/);
  });

  it('merges the two-page article, and recognises the tracking-parameter address and the print version as duplicates', () => {
    expect(first.report!.merged.map((merge) => merge.files.map(inCopy))).toEqual([
      ['www.qcrb.cn/news/2024/03/content_1002.html', 'www.qcrb.cn/news/2024/03/content_1002_2.html'],
    ]);
    expect(first.report!.duplicates.map((duplicate) => [inCopy(duplicate.file), inCopy(duplicate.sameAs), duplicate.why.replace(/ .*/, '')]).sort()).toEqual([
      ['www.qcrb.cn/news/2024/03/content_1003.html@from=timeline.html', 'www.qcrb.cn/news/2024/03/content_1003.html', 'the'],
      ['news.lsxian.gov.cn/print.php@id=345.html', 'news.lsxian.gov.cn/show.php@id=345.html', 'the'],
    ].sort());
    const why = first.report!.duplicates.map((duplicate) => duplicate.why);
    expect(why.some((text) => text.startsWith('the same address as'))).toBe(true);
    expect(why.some((text) => text.startsWith('the print version of'))).toBe(true);
  });

  it('says why the portal\'s own report waits for review: it names no source', () => {
    const waiting = first.report!.imported.filter((entry) => entry.review.length > 0);
    expect(waiting.map((entry) => inCopy(entry.from[0]!))).toEqual(['news.lsxian.gov.cn/show.php@id=345.html']);
    expect(waiting[0]!.review[0]).toMatch(/^no source \(the page names no source/);
    expect(readFileSync(join(out, '_import', 'report.txt'), 'utf8')).toContain('## Waiting for review (1)');
  });

  it('writes the merged article as one file: page 2\'s text after page 1\'s, and page 2\'s 责任编辑', () => {
    const target = first.report!.imported.find((entry) => entry.from.length === 2)!.target;
    const text = readFileSync(join(out, target), 'utf8');
    expect(text).toContain('editor: 陈静');
    expect(text.indexOf('收集意见建议四百多条')).toBeLessThan(text.indexOf('在资金保障方面'));
    expect(text.indexOf('在资金保障方面')).toBeGreaterThan(0);
    expect(text).not.toContain('continues on');
    expect(text).not.toContain('青川县城区老旧小区改造今年再启动二十个(2)');
  });

  it('writes files the build accepts', () => {
    const { articles, problems } = checkContentRoot(out, out);
    expect(problems).toEqual([]);
    expect(articles).toHaveLength(4);
  });

  it('imports nothing new on a second run, writes no file, and says so in the report', () => {
    const before = mdxFiles(out);
    const second = runImport(out, copy);
    expect(second.code).toBe(0);
    expect(second.report?.counts).toMatchObject({ pages: 14, imported: 0, review: 0, unchanged: 5, changed: 0, exists: 0, skipped: 6, merged: 1, duplicates: 2 });
    expect(mdxFiles(out)).toEqual(before);
    expect(readFileSync(join(out, '_import', 'report.txt'), 'utf8')).toContain('Nothing new was imported');
  });

  it('with the portal\'s profile (the site itself is the source), nothing waits for review', () => {
    const withProfile = mkdtempSync(join(tmpdir(), 'annals-site-profile-'));
    outs.push(withProfile);
    const run = runImport(withProfile, '--profile', join(fixture, 'lsxian.yaml'), copy);
    expect(run.report?.counts).toMatchObject({ imported: 5, published: 5, review: 0, duplicates: 2, merged: 1, skipped: 6 });
    expect(run.report?.profiles).toEqual([{ file: relative(project, join(fixture, 'lsxian.yaml')), name: '林山县人民政府门户网站', pages: 3 }]);
    const own = run.report!.imported.find((entry) => entry.from[0]!.endsWith('show.php@id=345.html'))!;
    const text = readFileSync(join(withProfile, own.target), 'utf8');
    expect(text).toMatch(/^source: 林山县人民政府门户网站$/m);
    expect(text).toContain('editor: 赵敏');
    // The photo keeps its caption, named by the profile's captions: selector.
    expect(text).toContain('培训现场，专家为学员讲解育秧技术。');
    const other = run.report!.imported.find((entry) => entry.from[0]!.endsWith('show.php@id=346.html'))!;
    expect(readFileSync(join(withProfile, other.target), 'utf8')).toMatch(/^source: 林山县融媒体中心$/m);
  });

  it('refuses a bad profile before writing anything, naming the file, line, field and fix of every problem', () => {
    const target = mkdtempSync(join(tmpdir(), 'annals-site-bad-'));
    outs.push(target);
    const run = runImport(target, '--profile', join(import.meta.dirname, 'fixtures', 'site-profile', 'bad-fields.yaml'), copy);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad-fields\.yaml:5: title\.selector: "h1\[class=" is not a CSS selector .*; write one such as/);
    expect(run.stderr).toMatch(/bad-fields\.yaml:8: date\.pattern: "发布时间\[:：\]\\s\*\\S\+" has no group; put the value in parentheses/);
    expect(run.stderr).toMatch(/bad-fields\.yaml:9: bylines: unknown field; did you mean byline\? A profile's fields are name, match, title, date, source, byline, editor, body, captions, pagination/);
    expect(run.stderr).toMatch(/bad-fields\.yaml:11: source: source needs a selector: .* or site:/);
    expect(run.stderr).toMatch(/bad-fields\.yaml:11: source: source\.pattern needs a selector: to read from; add selector: or remove pattern:/);
    expect(readdirSync(target)).toEqual([]);
  });
});

describe('planSiteImport', () => {
  const page = (file: string) => ({ file, bytes: new Uint8Array(readFileSync(join(copy, file))) });

  it('merges pages in page order whichever file comes first, and takes the later page\'s 责任编辑', () => {
    const plan = planSiteImport([page('www.qcrb.cn/news/2024/03/content_1002_2.html'), page('www.qcrb.cn/news/2024/03/content_1002.html')]);
    expect(plan.articles).toHaveLength(1);
    const [article] = plan.articles;
    expect(article!.files).toEqual(['www.qcrb.cn/news/2024/03/content_1002.html', 'www.qcrb.cn/news/2024/03/content_1002_2.html']);
    expect(article!.article.editor).toBe('陈静');
    expect(article!.article.notes.filter((note) => note.field === 'editor' || /continues/.test(note.message))).toEqual([]);
  });

  it('keeps a continuation page\'s note when the page it continues on is not in the copy', () => {
    const plan = planSiteImport([page('www.qcrb.cn/news/2024/03/content_1002.html')]);
    expect(plan.articles[0]!.article.notes.some((note) => /continues on/.test(note.message))).toBe(true);
  });

  it('keeps the article page over its print version, whichever is read first', () => {
    const plan = planSiteImport([page('news.lsxian.gov.cn/print.php@id=345.html'), page('news.lsxian.gov.cn/show.php@id=345.html')]);
    expect(plan.articles.map((entry) => entry.files[0])).toEqual(['news.lsxian.gov.cn/show.php@id=345.html']);
    expect(plan.duplicates).toEqual([{ file: 'news.lsxian.gov.cn/print.php@id=345.html', sameAs: 'news.lsxian.gov.cn/show.php@id=345.html', why: 'the print version of news.lsxian.gov.cn/show.php@id=345.html' }]);
  });

  it('does not merge two articles that only share a numbered file name', () => {
    const one = readFileSync(join(copy, 'www.qcrb.cn/news/2024/03/content_1001.html'));
    const other = readFileSync(join(copy, 'www.qcrb.cn/news/2024/03/content_1003.html'));
    const plan = planSiteImport([{ file: 'x.cn/a/photo_1.html', bytes: new Uint8Array(one) }, { file: 'x.cn/a/photo_2.html', bytes: new Uint8Array(other) }]);
    expect(plan.articles).toHaveLength(2);
    expect(plan.merged).toEqual([]);
  });
});
