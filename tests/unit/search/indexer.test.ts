import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { close, createIndex } from 'pagefind';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { importClosure, indexBuiltSite, SearchIndexError } from '../../../src/lib/search/indexer.ts';
import { pageIds, pageIdsByUrl } from '../../../src/lib/search/part-files.ts';
import { runPagefindCli } from '../../../src/lib/search/pagefind-cli.ts';
import { identityFolder } from '../../../src/lib/search/fold.ts';
import { SHARD_MANIFEST_FILE, type ShardManifest } from '../../../src/lib/search/shards.ts';
import { TitleLookupError, writeTitleLookup } from '../../../src/lib/search/title-lookup-files.ts';
import { pagesTitled, TITLE_FOLDER, titleBucket, titleKey } from '../../../src/lib/search/title-lookup.ts';
import { wordPartsProblems } from '../../../src/lib/search/word-parts-files.ts';
import { articlePage, MONTHS_SITE_PAGES, writeBuiltSite } from './built-site.ts';
import { trigramBucket, trigramHash, sliceMayHold, WORD_PARTS_FOLDER, wordBucket, type WordPartsFile } from '../../../src/lib/search/word-parts.ts';

const work = mkdtempSync(join(tmpdir(), 'annals-indexer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => {
  delete process.env['PAGEFIND_EXTENDED_BINARY_PATH'];
});

const builtSite = (name: string) => writeBuiltSite(join(work, name));

const entryOf = (partDir: string) => JSON.parse(readFileSync(join(partDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };

describe('indexBuiltSite', () => {
  it('indexes each part of whole years under its own language, every page with a search body and only those', async () => {
    const site = builtSite('parts');
    const output = join(site.dir, 'pagefind');
    const summary = await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', { maxShardPages: 2 });
    expect(summary.shards.map(({ name, pages, reused }) => ({ name, pages, reused }))).toEqual([
      { name: '2024', pages: 2, reused: false },
      { name: '2023', pages: 1, reused: false },
      { name: '2022', pages: 2, reused: false },
    ]);
    const manifest = JSON.parse(readFileSync(join(output, SHARD_MANIFEST_FILE), 'utf8')) as ShardManifest;
    expect(manifest.merge).toEqual(['shards/2023/', 'shards/2022/']);
    expect(entryOf(output).languages).toEqual({ 'zh-cn-x-2024': expect.objectContaining({ page_count: 2 }) });
    expect(entryOf(join(output, 'shards/2022')).languages).toEqual({ 'zh-cn-x-2022': expect.objectContaining({ page_count: 2 }) });
    const urls = pageIds(join(output, 'shards/2022')).map((id) => (JSON.parse(gunzipSync(readFileSync(join(output, 'shards/2022/fragment', `${id}.pf_fragment`))).toString('utf8').replace(/^[^{]*/, '')) as { url: string }).url);
    expect(urls.sort()).toEqual(['/articles/d/', '/articles/e/']);
  }, 60_000);

  it('splits a year bigger than a part into parts of its months, each page in the part of its month', async () => {
    const site = writeBuiltSite(join(work, 'months'), MONTHS_SITE_PAGES);
    const output = join(site.dir, 'pagefind');
    const cacheDir = join(work, 'months-cache');
    const summary = await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', { maxShardPages: 2, cacheDir });
    expect(summary.shards.map(({ name, pages }) => [name, pages])).toEqual([['2024m05', 2], ['2024m03', 1], ['2023', 1]]);
    const manifest = JSON.parse(readFileSync(join(output, SHARD_MANIFEST_FILE), 'utf8')) as ShardManifest;
    expect(manifest.shards[0]).toEqual({ name: '2024m05', years: [2024], months: [5, 5], pages: 2 });
    expect(manifest.merge).toEqual(['shards/2024m03/', 'shards/2023/']);
    expect(entryOf(join(output, 'shards/2024m03')).languages).toEqual({ 'zh-cn-x-2024m03': expect.objectContaining({ page_count: 1 }) });
    expect([...pageIdsByUrl(output).keys()].sort()).toEqual(['/articles/boats/', '/articles/holiday/']);
    expect([...pageIdsByUrl(join(output, 'shards/2024m03')).keys()]).toEqual(['/articles/spring/']);
    // A correction in March keeps May's part and March's, and goes to the recent part under March's name.
    writeFileSync(join(site.dir, 'articles/spring/index.html'), articlePage('春耕备耕', 2024, '农机全部下田。', '2024-03-02'));
    const again = await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', { maxShardPages: 2, cacheDir });
    expect(again.shards.map(({ name, reused, recent }) => [name, reused, recent])).toEqual([['2024m05', true, 0], ['2024m03', true, 1], ['2023', true, 0]]);
    const recent = (JSON.parse(readFileSync(join(output, SHARD_MANIFEST_FILE), 'utf8')) as ShardManifest).recent;
    expect(Object.values(recent?.pages ?? {})).toEqual([['2024m03', 0.5]]);
  }, 60_000);

  it('with no recent changes allowed, reuses a cached part whose documents are unchanged and indexes the one that changed', async () => {
    const site = builtSite('cached');
    const cacheDir = join(work, 'cache');
    const options = { maxShardPages: 2, cacheDir, recentLimit: () => 0 };
    await indexBuiltSite(site.dir, site.pathnames, join(site.dir, 'pagefind'), 'zh-CN', options);
    writeFileSync(join(site.dir, 'articles/c/index.html'), articlePage('养老服务中心启用', 2023, '中心可容纳两百名老人。'));
    const again = await indexBuiltSite(site.dir, site.pathnames, join(site.dir, 'pagefind'), 'zh-CN', options);
    expect(again.shards.map(({ name, reused }) => [name, reused])).toEqual([['2024', true], ['2023', false], ['2022', true]]);
    expect(again.unchangedPages).toBe(site.pathnames.length - 2); // the changed page and the feed, which is no HTML file read
    expect(again.recent).toBeUndefined();
  }, 60_000);

  it('keeps a part with a few changes as it was, indexes its added and changed pages into the recent part and lists the stale ids', async () => {
    const site = builtSite('recent');
    const output = join(site.dir, 'pagefind');
    const options = { maxShardPages: 2, cacheDir: join(work, 'recent-cache'), recentLimit: () => 2 };
    await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', options);
    const before = new Map((['', 'shards/2023/', 'shards/2022/'] as const).map((part) => [part, pageIdsByUrl(join(output, part))]));
    // A new 2024 article and one of 2024 removed, and a corrected one of 2022.
    mkdirSync(join(site.dir, 'articles/f'));
    writeFileSync(join(site.dir, 'articles/f/index.html'), articlePage('新闻发布会举行', 2024, '发布会介绍了今年的重点工作。'));
    writeFileSync(join(site.dir, 'articles/d/index.html'), articlePage('粮食安全检查', 2022, '检查组抽查了四个粮库。'));
    const pathnames = [...site.pathnames.filter((path) => path !== 'articles/b/'), 'articles/f/'];
    const again = await indexBuiltSite(site.dir, pathnames, output, 'zh-CN', options);
    expect(again.shards.map(({ name, pages, reused, recent }) => ({ name, pages, reused, recent }))).toEqual([
      { name: '2024', pages: 2, reused: true, recent: 1 },
      { name: '2023', pages: 1, reused: true, recent: 0 },
      { name: '2022', pages: 2, reused: true, recent: 1 },
    ]);
    expect(again.recent).toEqual(expect.objectContaining({ pages: 2, stale: 2, reused: false }));
    // The kept parts are the very files of the first build.
    expect(pageIdsByUrl(output)).toEqual(before.get(''));
    expect(pageIdsByUrl(join(output, 'shards/2022/'))).toEqual(before.get('shards/2022/'));
    const manifest = JSON.parse(readFileSync(join(output, SHARD_MANIFEST_FILE), 'utf8')) as ShardManifest;
    expect(manifest.merge).toEqual(['shards/2023/', 'shards/2022/']);
    const recentIds = pageIdsByUrl(join(output, 'shards/recent/'));
    expect([...recentIds.keys()].sort()).toEqual(['/articles/d/', '/articles/f/']);
    expect(entryOf(join(output, 'shards/recent/')).languages).toEqual({ 'zh-cn-x-recent': expect.objectContaining({ page_count: 2 }) });
    expect(manifest.recent?.path).toBe('shards/recent/');
    expect(manifest.recent?.stale).toEqual([before.get('')?.get('/articles/b/'), before.get('shards/2022/')?.get('/articles/d/')].sort());
    // Sort scores: f (2024-05-01) after both 2024 pages of the kept part (positions 0, 1);
    // d after the kept 2022 pages dated the same (its old version and e, positions 0, 1).
    // (Both parts' removed and old pages still count: Pagefind's positions include them.)
    expect(manifest.recent?.pages).toEqual({ [recentIds.get('/articles/f/') ?? '']: ['2024', 1.5], [recentIds.get('/articles/d/') ?? '']: ['2022', 1.5] });
    // The same pages again: the recent part comes from the cache.
    const same = await indexBuiltSite(site.dir, pathnames, output, 'zh-CN', options);
    expect(same.recent).toEqual(expect.objectContaining({ pages: 2, stale: 2, reused: true }));
  }, 60_000);

  it('indexes a part whole when it has more changes than it may carry, and its pages leave the recent part', async () => {
    const site = builtSite('fold-back');
    const output = join(site.dir, 'pagefind');
    const cacheDir = join(work, 'fold-back-cache');
    await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', { maxShardPages: 2, cacheDir });
    writeFileSync(join(site.dir, 'articles/d/index.html'), articlePage('粮食安全检查', 2022, '检查组抽查了四个粮库。'));
    const kept = await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', { maxShardPages: 2, cacheDir });
    expect(kept.recent?.pages).toBe(1);
    writeFileSync(join(site.dir, 'articles/e/index.html'), articlePage('数字经济论坛', 2022, '论坛吸引了五百名嘉宾。'));
    const folded = await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', { maxShardPages: 2, cacheDir, recentLimit: () => 1 });
    expect(folded.shards.map(({ name, reused }) => [name, reused])).toEqual([['2024', true], ['2023', true], ['2022', false]]);
    expect(folded.recent).toBeUndefined();
    const manifest = JSON.parse(readFileSync(join(output, SHARD_MANIFEST_FILE), 'utf8')) as ShardManifest;
    expect(manifest.recent).toBeUndefined();
    expect(existsSync(join(output, 'shards/recent'))).toBe(false);
    // The cache keeps what this build used, nothing more: three parts and their records, the fingerprints.
    expect(readdirSync(join(cacheDir, 'annals-search')).filter((entry) => entry.startsWith('recent-'))).toEqual([]);
  }, 60_000);

  it('indexes a part whole when its cached record cannot be read, as after a build stopped while writing it', async () => {
    const site = builtSite('torn-record');
    const cacheDir = join(work, 'torn-record-cache');
    await indexBuiltSite(site.dir, site.pathnames, join(site.dir, 'pagefind'), 'zh-CN', { maxShardPages: 2, cacheDir });
    const record = readdirSync(join(cacheDir, 'annals-search')).find((entry) => entry.startsWith('2022-') && entry.endsWith('.json'));
    writeFileSync(join(cacheDir, 'annals-search', record ?? 'missing'), '{"years":[20');
    const again = await indexBuiltSite(site.dir, site.pathnames, join(site.dir, 'pagefind'), 'zh-CN', { maxShardPages: 2, cacheDir });
    expect(again.shards.map(({ name, reused }) => [name, reused])).toEqual([['2024', true], ['2023', true], ['2022', false]]);
  }, 60_000);

  it('after a change to every page’s head alone (a new stylesheet), reads no document again and re-indexes no part', async () => {
    const site = builtSite('restyled');
    const options = { maxShardPages: 2, cacheDir: join(work, 'restyled-cache') };
    await indexBuiltSite(site.dir, site.pathnames, join(site.dir, 'pagefind'), 'zh-CN', options);
    for (const pathname of site.pathnames.filter((path) => path.endsWith('/'))) {
      const file = join(site.dir, pathname, 'index.html');
      writeFileSync(file, readFileSync(file, 'utf8').replace('<head>', '<head><link rel="stylesheet" href="/_astro/Base.N3wHash.css">'));
    }
    const again = await indexBuiltSite(site.dir, site.pathnames, join(site.dir, 'pagefind'), 'zh-CN', options);
    expect(again.shards.every((shard) => shard.reused && shard.recent === 0)).toBe(true);
    expect(again.recent).toBeUndefined();
    expect(again.unchangedPages).toBe(site.pathnames.length - 1); // all but the feed, which is no HTML file read
    // A change inside the search body is still seen.
    writeFileSync(join(site.dir, 'articles/d/index.html'), articlePage('粮食安全检查', 2022, '检查组抽查了四个粮库。'));
    const edited = await indexBuiltSite(site.dir, site.pathnames, join(site.dir, 'pagefind'), 'zh-CN', options);
    expect(edited.shards.map(({ name, recent }) => [name, recent])).toEqual([['2024', 0], ['2023', 0], ['2022', 1]]);
  }, 60_000);

  it('fails naming the part and with Pagefind’s own output when Pagefind fails', async () => {
    const site = builtSite('failing');
    const fake = join(work, 'fake-pagefind');
    writeFileSync(fake, '#!/bin/sh\necho "Error: the disk is full" >&2\nexit 3\n', { mode: 0o755 });
    process.env['PAGEFIND_EXTENDED_BINARY_PATH'] = fake;
    const indexing = indexBuiltSite(site.dir, site.pathnames, join(site.dir, 'pagefind'), 'zh-CN', { maxShardPages: 10 });
    await expect(indexing).rejects.toThrow(SearchIndexError);
    await expect(indexing).rejects.toThrow(/part 2022-2024: Pagefind exited with code 3 .*\n.*the disk is full/);
  });
});

describe('runPagefindCli', () => {
  it('writes the fragments the Node API writes for the same documents', async () => {
    const site = builtSite('cli-and-api');
    const documents = readdirSync(join(site.dir, 'articles')).map((slug) => ({ url: `/articles/${slug}/`, content: readFileSync(join(site.dir, 'articles', slug, 'index.html'), 'utf8') }));
    const { index } = await createIndex({});
    for (const document of documents) await index?.addHTMLFile(document);
    await index?.writeFiles({ outputPath: join(work, 'api') });
    await close();
    const cliSite = join(work, 'cli-site');
    cpSync(join(site.dir, 'articles'), join(cliSite, 'articles'), { recursive: true });
    const result = await runPagefindCli(cliSite, join(work, 'cli'), work);
    expect(result.pagesByLanguage).toEqual({ 'zh-cn': 5 });
    // Pagefind names a fragment by the hash of its data, URL included: same names, same fragments.
    expect(pageIds(join(work, 'cli')).sort()).toEqual(pageIds(join(work, 'api')).sort());
  }, 60_000);
});

describe('the code a cached search document depends on', () => {
  it('is the indexer and what it imports, not the browser’s search code', () => {
    const modules = importClosure(new URL('../../../src/lib/search/indexer.ts', import.meta.url)).map((module) => module.pathname.replace(/^.*\/src\//, 'src/'));
    expect(modules).toEqual(expect.arrayContaining(['src/lib/search/indexer.ts', 'src/lib/search/cjk.ts', 'src/lib/search/page-record.ts', 'src/lib/search/fold.ts', 'src/lib/dates.ts']));
    for (const browserOnly of ['engine.ts', 'page.ts', 'panel.ts', 'query.ts', 'excerpt.ts']) expect(modules).not.toContain(`src/lib/search/${browserOnly}`);
  });
});

describe('the title lookup written with the index', () => {
  const bucketOf = (output: string, title: string) => {
    const manifest = JSON.parse(readFileSync(join(output, SHARD_MANIFEST_FILE), 'utf8')) as ShardManifest;
    const buckets = manifest.titles?.buckets ?? 0;
    return pagesTitled(JSON.parse(readFileSync(join(output, TITLE_FOLDER, `${titleBucket(titleKey(title, identityFolder), buckets)}.json`), 'utf8')), titleKey(title, identityFolder));
  };

  it('names each article by its Pagefind page id, in whichever part holds it, with what a result shows', async () => {
    const site = builtSite('titles');
    const output = join(site.dir, 'pagefind');
    const summary = await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', { maxShardPages: 2 });
    expect(summary.titles).toMatchObject({ titles: 5, buckets: 1, read: 5 });
    const [newest] = bucketOf(output, '两会召开');
    expect(newest).toEqual({ key: '两会召开', id: expect.any(String), url: '/articles/b/', title: '两会召开', date: '2024-05-01', source: undefined, lead: '代表们审议政府工作报告。' });
    expect(pageIds(output)).toContain(newest?.id);
    const [older] = bucketOf(output, '粮食安全检查');
    expect(pageIds(join(output, 'shards/2022'))).toContain(older?.id);
    expect(readdirSync(join(output, TITLE_FOLDER))).toEqual(['0.json']);
  }, 60_000);

  it('reads only the fragments that are new since the cached build', async () => {
    const site = builtSite('titles-cached');
    const options = { maxShardPages: 2, cacheDir: join(work, 'titles-cache') };
    const output = join(site.dir, 'pagefind');
    await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', options);
    expect((await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', options)).titles.read).toBe(0);
    writeFileSync(join(site.dir, 'articles/c/index.html'), articlePage('养老服务中心正式启用', 2023, '中心可容纳两百名老人。'));
    const edited = await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', options);
    expect(edited.titles).toMatchObject({ titles: 5, read: 1 });
    expect(bucketOf(output, '养老服务中心启用')).toEqual([]);
    expect(bucketOf(output, '养老服务中心正式启用')).toMatchObject([{ url: '/articles/c/', lead: '中心可容纳两百名老人。' }]);
  }, 60_000);

  it('fails naming a fragment it cannot read', async () => {
    const site = builtSite('titles-broken');
    const output = join(site.dir, 'pagefind');
    await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', { maxShardPages: 10 });
    const [id] = pageIds(output);
    writeFileSync(join(output, 'fragment', `${id}.pf_fragment`), gzipSync('pagefind_dcd{"unexpected":true}'));
    expect(() => writeTitleLookup(output)).toThrow(TitleLookupError);
    expect(() => writeTitleLookup(output)).toThrow(new RegExp(`${id}\\.pf_fragment is not one page's Pagefind fragment`));
  }, 60_000);
});

describe('the word-parts lookup written with the index', () => {
  const lookup = (output: string) => {
    const manifest = JSON.parse(readFileSync(join(output, SHARD_MANIFEST_FILE), 'utf8')) as ShardManifest;
    const buckets = manifest.words?.buckets ?? 0;
    return (key: string) => (JSON.parse(readFileSync(join(output, WORD_PARTS_FOLDER, `${wordBucket(key, buckets)}.json`), 'utf8')) as WordPartsFile).words[key];
  };

  it('gives each word the parts that hold it, newest first as bits, and every part the WebAssembly it may be opened with', async () => {
    const site = builtSite('word-parts');
    const output = join(site.dir, 'pagefind');
    const summary = await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', { maxShardPages: 2 });
    expect(summary.words).toMatchObject({ read: 3 });
    const partsOf = lookup(output);
    // Parts: 2024 (bit 1), 2023 (bit 2), 2022 (bit 4).
    expect(partsOf('两会')).toBe(1);
    expect(partsOf('粮食')).toBe(4);
    // A character alone stands for every word that starts with it: 名 ends 一百名 (2023) and starts 名嘉 (2022).
    expect(partsOf('名')).toBe(2 + 4);
    expect(partsOf('会议')).toBeUndefined();
    // Trigrams, from the fragments' text: 粮食安 only in 2022 (the third part).
    const { words } = JSON.parse(readFileSync(join(output, SHARD_MANIFEST_FILE), 'utf8')) as ShardManifest;
    const file = JSON.parse(readFileSync(join(output, WORD_PARTS_FOLDER, `${trigramBucket('粮食安', words?.buckets ?? 0)}.json`), 'utf8')) as WordPartsFile;
    expect(file.trigrams.map((slice) => sliceMayHold(slice, trigramHash('粮食安')))).toEqual([false, false, true]);
    expect(wordPartsProblems(output)).toEqual([]);
    for (const part of ['shards/2023', 'shards/2022']) expect(readdirSync(join(output, part)).filter((name) => name.startsWith('wasm.'))).toEqual(['wasm.unknown.pagefind']);
  }, 60_000);

  it('reads only the parts indexed since the cached build, and counts a recent page’s words for its year’s part', async () => {
    const site = builtSite('word-parts-cached');
    const options = { maxShardPages: 2, cacheDir: join(work, 'word-parts-cache') };
    const output = join(site.dir, 'pagefind');
    await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', options);
    expect((await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', options)).words.read).toBe(0);
    writeFileSync(join(site.dir, 'articles/c/index.html'), articlePage('养老服务中心启用', 2023, '中心可容纳两会代表。'));
    expect((await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', options)).words.read).toBe(1);
    expect(lookup(output)('两会')).toBe(1 + 2);
  }, 60_000);

  it('is checked: a missing bucket, a mask naming a part the index lacks, and an index without one are reported', async () => {
    const site = builtSite('word-parts-checked');
    const output = join(site.dir, 'pagefind');
    await indexBuiltSite(site.dir, site.pathnames, output, 'zh-CN', { maxShardPages: 2 });
    const { words } = JSON.parse(readFileSync(join(output, SHARD_MANIFEST_FILE), 'utf8')) as ShardManifest;
    const name = `${wordBucket('两会', words?.buckets ?? 0)}.json`;
    const bucketFile = join(output, WORD_PARTS_FOLDER, name);
    const bucket = JSON.parse(readFileSync(bucketFile, 'utf8')) as WordPartsFile;
    writeFileSync(bucketFile, JSON.stringify({ ...bucket, words: { ...bucket.words, 两会: 8 } }));
    expect(wordPartsProblems(output)).toEqual([expect.stringContaining('gives "两会" the parts 8, not a mask over the index\'s 3 parts')]);
    rmSync(bucketFile);
    expect(wordPartsProblems(output)).toEqual([expect.stringContaining(`${WORD_PARTS_FOLDER}/${name} is missing`)]);
    const manifestFile = join(output, SHARD_MANIFEST_FILE);
    const { words: _words, ...withoutLookup } = JSON.parse(readFileSync(manifestFile, 'utf8')) as ShardManifest;
    writeFileSync(manifestFile, JSON.stringify(withoutLookup));
    expect(wordPartsProblems(output)).toEqual([expect.stringContaining('names no word-parts lookup')]);
  }, 60_000);
});
