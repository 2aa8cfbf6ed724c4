/**
 * Incremental builds (`experimental.incrementalBuild`, `src/data/cache-keys.ts`, and the
 * search index parts in `src/lib/search/indexer.ts`) must never publish a stale page: after
 * articles are added, edited and deleted, a build with the previous build's cache must be
 * byte-identical to a cold build of the same content outside the search index, while
 * restoring most pages from the cache (by hard link: `src/integrations/restore-links.ts`)
 * instead of rendering them; and a page rendered again must never be written through a
 * link into an earlier output. (The index may keep a part and carry its changes in the
 * recent-changes part; that it answers as a cold build's does is
 * tests/build/recent-changes-build.test.ts.)
 */
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, differingFiles, tempOutDir, treeDigest } from './build-helper.ts';

const work = tempOutDir('annals-incremental-');
afterAll(() => work.remove());
const content = join(work.parent, 'content');
cpSync('tests/fixtures/site', content, { recursive: true });
const cache = join(work.parent, 'cache');
// Two-page index parts, so a change reindexes one part and reuses the others.
const env = (cacheDir: string) => ({ ANNALS_CACHE_DIR: cacheDir, ANNALS_SEARCH_SHARD_PAGES: '2' });

/** Pages Astro copied from the incremental cache, from its build log. */
const restored = (output: string) => output.split('\n').filter((line) => /\((restored|cached)\)/.test(line)).length;

// Both cached builds publish to the same folder, as CI does: Astro keys its image module,
// and with it every page that shows a photo, by the output folder.
const site = join(work.parent, 'site');
const first = buildSite({ contentDir: content, outDir: site, env: env(cache) });
const firstFiles = treeDigest(site);

// The edits an editor's commit makes: one new article, one corrected, one removed.
mkdirSync(join(content, 'articles', '2018', '02'), { recursive: true });
writeFileSync(
  join(content, 'articles', '2018', '02', 'spring-market.mdx'),
  ['---', 'title: 春节前夕年货市场热闹非凡', 'date: 2018-02-10T09:30+08:00', 'source:', '  name: 邵阳新闻在线', 'authors:', '  - name: 刘飞', '    role: 通讯员', '---', '', '春节临近，县城年货市场人头攒动，资江两岸的商铺备足了货源。', ''].join('\n'),
);
const edited = join(content, 'articles', '2016', '10', 'flood-relief-2016.mdx');
writeFileSync(edited, readFileSync(edited, 'utf8').replace('防汛抢险工作有序开展。', '防汛抢险工作有序开展，险情得到控制。'));
rmSync(join(content, 'articles', '2015', '10', 'bridge-opens-2015.mdx'));

const incremental = buildSite({ contentDir: content, outDir: site, env: env(cache) });
const cold = buildSite({ contentDir: content, outDir: join(work.parent, 'cold'), env: env(join(work.parent, 'cold-cache')) });
const incrementalFiles = treeDigest(site);
/**
 * A built site's files but the search index's, and the search page without its preloads of
 * them: a rebuilt index may hold its changes in the recent-changes part, which a cold
 * build's does not (tests/build/recent-changes-build.test.ts compares their answers).
 */
function withoutIndex(dir: string): Map<string, string> {
  const digest = treeDigest(dir);
  for (const file of digest.keys()) if (file.startsWith('pagefind/')) digest.delete(file);
  digest.set('search/index.html', readFileSync(join(dir, 'search', 'index.html'), 'utf8').replace(/<link [^>]*data-annals-preload[^>]*>/g, ''));
  return digest;
}
const incrementalComparable = withoutIndex(site);
// The pages this build restored from the cache by link rather than rendered.
const linkedPages = [...incrementalFiles.keys()].filter((page) => inode(join(site, page)) === inode(join(cache, 'dist', page)));

// The published folder as a deploy tool or a backup holds it (rsync --link-dest, cp -al):
// the same files under other names. Restored pages are hard links of the cache's copies,
// so a later build that renders them again must not write through into these.
const published = join(work.parent, 'published');
linkTree(site, published);

// A second commit: an article is retitled, so the listings that show it, restored by link
// in the last build, are rendered again.
const retitled = join(content, 'articles', '2017', '10', 'county-meeting.mdx');
writeFileSync(retitled, readFileSync(retitled, 'utf8').replace(/^title: .*$/m, 'title: 县委召开全体会议部署冬季工作'));
const second = buildSite({ contentDir: content, outDir: site, env: env(cache) });
const secondCold = buildSite({ contentDir: content, outDir: join(work.parent, 'second-cold'), env: env(join(work.parent, 'second-cold-cache')) });

/** The file's inode number; -1 when a failed build left no file (the 'builds' test then says why). */
function inode(file: string): number {
  return existsSync(file) ? statSync(file).ino : -1;
}

/** `to` with every file of `from` hard-linked at the same path. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  if (!existsSync(from)) return;
  for (const name of readdirSync(from, { recursive: true, encoding: 'utf8' })) {
    const source = join(from, name);
    if (statSync(source).isDirectory()) mkdirSync(join(to, name), { recursive: true });
    else {
      mkdirSync(join(to, name, '..'), { recursive: true });
      linkSync(source, join(to, name));
    }
  }
}

describe('an incremental build after adding, editing and deleting articles', () => {
  it('builds', () => {
    for (const build of [first, incremental, cold, second, secondCold]) expect(build.status, build.output.slice(-3000)).toBe(0);
  });

  it('equals a cold build of the same content, file for file outside the search index (the search page’s preloads of its files aside)', () => {
    const b = withoutIndex(join(work.parent, 'cold'));
    expect(incrementalComparable.size).toBeGreaterThan(400);
    expect(differingFiles(incrementalComparable, b)).toEqual([]);
  });

  it('differs from the first build where the edits show, and nowhere it should not', () => {
    const changed = differingFiles(firstFiles, incrementalFiles);
    expect(changed).toContain('articles/spring-market/index.html');
    expect(changed).toContain('articles/flood-relief-2016/index.html');
    expect(changed).toContain('articles/bridge-opens-2015/index.html');
    // Unrelated days of the calendar are untouched.
    expect(changed).not.toContain('archive/on-this-day/03-15/index.html');
  });

  it('no longer has the removed article\'s page, nor its folder', () => {
    expect(firstFiles.has('articles/bridge-opens-2015/index.html')).toBe(true);
    expect(incrementalFiles.has('articles/bridge-opens-2015/index.html')).toBe(false);
    expect(existsSync(join(work.parent, 'cold', 'articles', 'bridge-opens-2015'))).toBe(false);
  });

  it('restores unchanged pages as hard links of the cache\'s copies', () => {
    expect(incremental.output).toMatch(/\d+ pages restored by link, \d+ rendered again, [1-9]\d* no longer in the site removed/);
    expect(linkedPages.length).toBeGreaterThan(300);
  });

  it('renders a restored page again as a new file, leaving the earlier published files as they were', () => {
    const rerendered = differingFiles(incrementalFiles, treeDigest(site)).filter((page) => linkedPages.includes(page));
    expect(rerendered.length).toBeGreaterThan(0);
    expect(second.output).toMatch(/[1-9]\d* rendered again/);
    // The earlier output, held under other names, is byte for byte what that build published.
    expect(differingFiles(incrementalFiles, treeDigest(published))).toEqual([]);
    for (const page of rerendered) expect(inode(join(site, page))).not.toBe(inode(join(published, page)));
  });

  it('after that second change still equals a cold build of the same content', () => {
    expect(differingFiles(withoutIndex(site), withoutIndex(join(work.parent, 'second-cold')))).toEqual([]);
  });

  it('copies most pages from the cache and reuses unchanged parts of the search index', () => {
    expect(restored(first.output)).toBe(0);
    expect(restored(incremental.output)).toBeGreaterThan(300);
    expect(restored(cold.output)).toBe(0);
    // 2017 holds none of the edits: its three pages, one more than a part may hold, are in
    // parts of months (October's two, September's one), both kept; 2018 gained an article,
    // which goes to the recent part (one change, as many as a part this small may carry);
    // 2015–2016 lost one and changed one, and what is left of it, 2016, has no cached part of its own.
    expect(incremental.output).toMatch(/2017m10: 2 pages reused in \d+ ms; 2017m09: 1 page reused in/);
    expect(incremental.output).toMatch(/2018: 2 pages reused \(1 in the recent part\)/);
    expect(incremental.output).toMatch(/2016: 1 page indexed while the pages rendered, taken/);
    expect(incremental.output).toMatch(/recent changes: 1 page indexed/);
    // A cold build indexes every part as soon as its pages have rendered (early-parts.ts),
    // and the cold build these outputs are compared with file for file is one.
    for (const build of [first, cold]) {
      expect(build.output).toMatch(/pages indexed while the pages rendered, taken/);
      expect(build.output).not.toMatch(/pages? indexed in/);
    }
    // Pages whose HTML did not change keep the fingerprint of their search document.
    expect(first.output).toMatch(/ 0 pages' searchable part unchanged since the cached build/);
    expect(Number(/ (\d+) pages' searchable part unchanged since the cached build/.exec(incremental.output)?.[1])).toBeGreaterThan(300);
  });
});
