/**
 * Sharded builds (docs/sharded-builds.md), proved on the fixture: two machines each build
 * one part of the years (ANNALS_BUILD_YEARS, own cache), `assemble:shards` merges their
 * caches, and the assembling build publishes a site identical, file for file, to one
 * machine's build: same pages, same search index (so the same results for any query),
 * having rendered no article page and indexed no part itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, differingFiles, projectRoot, tempOutDir, treeDigest } from './build-helper.ts';

const CONTENT = 'tests/fixtures/site';
// Parts of at most 4 pages: 2017–2018 (4 articles) and 2015–2016 (2).
const PARTS = { ANNALS_SEARCH_SHARD_PAGES: '4' };
const work = tempOutDir('annals-sharded-');
afterAll(() => work.remove());
const at = (name: string) => join(work.parent, name);

const articlePages = (dir: string) => (existsSync(join(dir, 'articles')) ? readdirSync(join(dir, 'articles')).sort() : []);

const single = buildSite({ contentDir: CONTENT, outDir: at('single'), env: { ...PARTS, ANNALS_CACHE_DIR: at('single-cache') } });
const singleFiles = treeDigest(at('single'));

// Every shard and the assembly publish to the same folder, as each CI job's checkout does.
const site = at('site');
const newer = buildSite({ contentDir: CONTENT, outDir: site, env: { ...PARTS, ANNALS_CACHE_DIR: at('cache-newer'), ANNALS_BUILD_YEARS: '2017-2018' } });
const newerPages = articlePages(site);
const older = buildSite({ contentDir: CONTENT, outDir: site, env: { ...PARTS, ANNALS_CACHE_DIR: at('cache-older'), ANNALS_BUILD_YEARS: '2015-2016' } });
const olderPages = articlePages(site);
const assemble = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'assemble-shards.ts'), '--into', at('cache-assembled'), at('cache-newer'), at('cache-older')], { encoding: 'utf8' });
const assembled = buildSite({ contentDir: CONTENT, outDir: site, env: { ...PARTS, ANNALS_CACHE_DIR: at('cache-assembled') } });
const wrongYears = buildSite({ contentDir: CONTENT, outDir: at('wrong'), env: { ...PARTS, ANNALS_CACHE_DIR: at('cache-wrong'), ANNALS_BUILD_YEARS: '2017' } });

describe('a site built in two shards and assembled', () => {
  it('builds each shard, assembles their caches and builds the site', () => {
    for (const build of [single, newer, older, assembled]) expect(build.status, build.output.slice(-3000)).toBe(0);
    expect(assemble.status, assemble.stderr).toBe(0);
    expect(assemble.stdout).toMatch(/2 shard caches .*: 6 pages, 2 search parts/);
  });

  it('renders in each shard only the article pages of its years', () => {
    expect(newerPages).toEqual(['county-meeting', 'harvest-cooperative', 'new-year-2018', 'script-title']);
    expect(olderPages).toEqual(['bridge-opens-2015', 'flood-relief-2016']);
  });

  it('equals the single-machine build, file for file', () => {
    const files = treeDigest(site);
    expect(files.size).toBeGreaterThan(400);
    expect(differingFiles(files, singleFiles)).toEqual([]);
  });

  it('copies every article page and search part from the shards in the assembling build', () => {
    const rendered = assembled.output.split('\n').filter((line) => /\/articles\/[^/]+\/index\.html/.test(line) && !/\((restored|cached)\)/.test(line));
    expect(rendered).toEqual([]);
    expect(assembled.output).toMatch(/2017-2018: 4 pages reused/);
    expect(assembled.output).toMatch(/2015-2016: 2 pages reused/);
  });

  it('refuses years that are not whole parts of the search index, naming the ranges', () => {
    expect(wrongYears.status).not.toBe(0);
    expect(wrongYears.output).toMatch(/ANNALS_BUILD_YEARS=2017 is not a range of whole parts of the search index.*the ranges are 2017-2018, 2015-2016/);
    expect(existsSync(at('wrong'))).toBe(false);
  });
});
