/**
 * The recent-changes part of the search index (`src/lib/search/recent-changes.ts`): after
 * an article is added, an old one corrected and one removed, a rebuild with the cache
 * keeps the index parts it had and indexes only those pages into the recent part; its
 * search must then answer every query as a cold build of the same content does (same
 * pages, same newest-first order, same facets), and every file outside the index must be
 * the same.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateArticle, generateCorpus } from '../../scripts/lib/generate-corpus.ts';
import type { ShardManifest } from '../../src/lib/search/shards.ts';
import type { SearchState } from '../../src/lib/search/url-state.ts';
import { buildSite, differingFiles, projectRoot, tempOutDir, treeDigest } from './build-helper.ts';

const work = tempOutDir('annals-recent-');
afterAll(() => work.remove());
const content = join(work.parent, 'content');
const articles = generateCorpus({ root: content, count: 150 });
// Parts of at most 60 pages: three or so, each allowed one changed page (2%, at least 1).
const env = (cacheDir: string) => ({ ANNALS_CACHE_DIR: cacheDir, ANNALS_SEARCH_SHARD_PAGES: '60' });
const site = join(work.parent, 'site');
const first = buildSite({ contentDir: content, outDir: site, env: env(join(work.parent, 'cache')) });
const firstManifest = JSON.parse(readFileSync(join(site, 'pagefind', 'annals-shards.json'), 'utf8')) as ShardManifest;

// An article newer than all (newest part), a correction to an article of the oldest
// year (oldest part), and an article of a middle part removed.
const byYear = (year: number) => articles.filter((path) => path.startsWith(`articles/${year}/`)).sort();
const years = firstManifest.shards.flatMap((shard) => shard.years);
const newestYear = Math.max(...years);
const added = generateArticle(9_999_999);
const addedPath = join(content, 'articles', String(newestYear), '12', 'just-published.mdx');
mkdirSync(join(addedPath, '..'), { recursive: true });
const addedTitle = '资江新区今晨开通首条无人驾驶公交线路';
writeFileSync(addedPath, added.text.replace(/^title: .*$/m, `title: ${addedTitle}`).replace(/^date: .*$/m, `date: ${newestYear}-12-31T23:30+08:00`).replace(/^slug: .*$/m, 'slug: just-published'));
const correctedPath = join(content, byYear(Math.min(...years))[0] ?? '');
const correctionText = '原文所载水库库容有误，已更正为一点二亿立方米。';
writeFileSync(correctedPath, readFileSync(correctedPath, 'utf8').replace(/\n---\n/, `\ncorrections:\n  - date: ${newestYear}-12-31T23:40+08:00\n    text: ${correctionText}\n---\n`));
const middle = firstManifest.shards[1]?.years ?? [];
const removedPath = byYear(middle[0] ?? 0)[0] ?? '';
const removedTitle = /^title: (.*)$/m.exec(readFileSync(join(content, removedPath), 'utf8'))?.[1]?.replace(/^"|"$/g, '') ?? '';
rmSync(join(content, removedPath));

const rebuilt = buildSite({ contentDir: content, outDir: site, env: env(join(work.parent, 'cache')) });
const coldSite = join(work.parent, 'cold');
const cold = buildSite({ contentDir: content, outDir: coldSite, env: env(join(work.parent, 'cold-cache')) });

/** The answers of the search page's engine over a built site, from a fresh process each. */
function answers(dist: string, states: SearchState[]): unknown[] {
  const run = spawnSync(join(projectRoot, 'node_modules', '.bin', 'node'), [join(projectRoot, 'tests', 'build', 'search-answers.ts'), dist, JSON.stringify(states)], { encoding: 'utf8', cwd: projectRoot });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as unknown[];
}

describe('a rebuild that keeps its index parts and indexes the changes into the recent part', () => {
  it('builds, keeping every part and indexing three pages at most', () => {
    for (const build of [first, rebuilt, cold]) expect(build.status, build.output.slice(-3000)).toBe(0);
    expect(removedTitle).not.toBe('');
    expect(rebuilt.output).not.toMatch(/\d: \d+ pages? indexed/);
    expect(rebuilt.output).toMatch(/recent changes: 2 pages indexed in \d+ ms, 2 stale pages left out of answers/);
    expect(cold.output).not.toMatch(/recent changes/);
  });

  it('writes the same files as a cold build outside the search index (the search page’s preloads aside)', () => {
    const withoutIndex = (dir: string) => {
      const digest = treeDigest(dir);
      for (const file of digest.keys()) if (file.startsWith('pagefind/')) digest.delete(file);
      const searchPage = readFileSync(join(dir, 'search', 'index.html'), 'utf8').replace(/<link [^>]*data-annals-preload[^>]*>/g, '');
      digest.set('search/index.html', searchPage);
      return digest;
    };
    expect(differingFiles(withoutIndex(site), withoutIndex(coldSite))).toEqual([]);
  });

  it('answers every query as the cold build does: the new, corrected and removed articles, newest first and by facet', () => {
    const states: SearchState[] = [
      { q: '无人驾驶公交', filters: {}, sort: 'relevance' },
      { q: '水库库容有误', filters: {}, sort: 'relevance' },
      { q: removedTitle, filters: {}, sort: 'relevance' },
      { q: '发展', filters: {}, sort: 'newest' },
      { q: '建设', filters: {}, sort: 'newest' },
      { q: '发展', filters: { year: String(newestYear) }, sort: 'newest' },
      { q: '工作', filters: {}, sort: 'relevance' },
    ];
    const fromRebuild = answers(site, states);
    const fromCold = answers(coldSite, states);
    // Relevance ranks depend on each part's own statistics: compare those as sets.
    const comparable = (list: unknown[]) =>
      (list as { state: SearchState; first?: string[]; urls: string[] }[]).map((answer) => ({ ...answer, urls: answer.state.sort === 'newest' ? answer.urls : [...answer.urls].sort() }));
    expect(comparable(fromRebuild)).toEqual(comparable(fromCold));
    const [published, corrected, removed, newest] = comparable(fromRebuild) as { first?: string[]; urls: string[] }[];
    // The new article is in the very first answer, before the older parts load.
    expect(published?.first).toEqual(['/articles/just-published/']);
    expect(corrected?.urls).toHaveLength(1);
    expect(removed?.urls.every((url) => !url.includes(removedPath.split('/').pop()?.replace('.mdx', '') ?? '-'))).toBe(true);
    expect(newest?.urls.length).toBeGreaterThan(20);
  });
});
