/**
 * Builds the site's search index from its built pages (Node only): every page with a
 * `data-pagefind-body` element becomes one Pagefind record in the CJK layer's tokens, and
 * the Traditional → Simplified table the browser folds queries with is written beside it,
 * with the title lookup read from the finished index (`title-lookup-files.ts`). Used by the
 * Pagefind integration after `astro build`, by the dev server from the collection, and by
 * the benchmark.
 */
import { createHash } from 'node:crypto';
// Synchronous on purpose: one awaited call per file left the process idle for most of the
// time over 20,000 pages, and nothing else runs while the index is built.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIndex, type PagefindIndex } from 'pagefind';
import { linkTree } from '../link-tree.ts';
import { FOLD_TABLE_FILE } from './files.ts';
import { buildFoldTable } from './fold-table.ts';
import { createFolder, type CharFolder } from './fold.ts';
import { CHUNK_LOCATIONS, GROUP_LIMIT, IndexChunkError, splitIndexChunks } from './index-chunks.ts';
import { indexDocument, readPageRecord, searchableSource } from './page-record.ts';
import { PagefindCliError, runPagefindCli } from './pagefind-cli.ts';
import { pageIdsByUrl } from './part-files.ts';
import { planPart, recentLimit, sortedDates, sortScoreAmong, type IndexedPart, type PartPage } from './recent-changes.ts';
import { writeTitleLookup, type TitleLookupSummary } from './title-lookup-files.ts';
import { writeWordParts, type WordPartsSummary } from './word-parts-files.ts';
import {
  monthOfDateKey,
  partHolds,
  partLanguage,
  partName,
  planShards,
  RECENT_FOLDER,
  RECENT_PART,
  SHARD_FOLDER,
  SHARD_MANIFEST_FILE,
  shardManifest,
  type PeriodSize,
  type RecentManifest,
  type YearSize,
} from './shards.ts';

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}


export interface IndexSource {
  /** The page's URL path on the site, without the base: `/articles/slug/`. */
  url: string;
  html: string;
}

export interface IndexSummary {
  pages: number;
  ms: number;
}

async function openIndex(): Promise<PagefindIndex> {
  const created = await createIndex({});
  if (!created.index) throw new SearchIndexError(`Pagefind could not start: ${created.errors.join('; ')}`);
  return created.index;
}

/**
 * Hands documents to Pagefind with several in flight: its service indexes while the next
 * page is read and tokenised (one at a time spent most of its time waiting on round trips).
 */
async function addDocuments(index: PagefindIndex, documents: AsyncIterable<{ url: string; content: string }> | Iterable<{ url: string; content: string }>): Promise<number> {
  let added = 0;
  const inFlight = new Set<Promise<void>>();
  for await (const { url, content } of documents) {
    const adding = index.addHTMLFile({ url, content }).then((response) => {
      if (response.errors.length > 0) throw new SearchIndexError(`indexing ${url} failed: ${response.errors.join('; ')}`);
      added++;
    });
    inFlight.add(adding);
    void adding.finally(() => inFlight.delete(adding)).catch(() => {});
    if (inFlight.size >= 16) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return added;
}

/** Adds every page that has searchable content to a fresh index; the caller writes or reads it. */
export async function buildIndex(sources: AsyncIterable<IndexSource> | Iterable<IndexSource>, lang: string): Promise<{ index: PagefindIndex; pages: number; foldTable: string }> {
  const foldTable = await buildFoldTable();
  const fold = createFolder(foldTable);
  const index = await openIndex();
  async function* documents() {
    for await (const source of sources) {
      const record = readPageRecord(source.html);
      if (record) yield { url: source.url, content: indexDocument(record, fold, lang) };
    }
  }
  const pages = await addDocuments(index, documents());
  return { index, pages, foldTable };
}

export interface ShardSummary {
  name: string;
  pages: number;
  /** True when a cached build of the part was kept instead of indexing it (`recent-changes.ts`). */
  reused: boolean;
  /** True when the part was indexed while the pages were still rendering (`early-parts.ts`). */
  early: boolean;
  /** Of its pages, how many are in the recent-changes part (added or changed since the kept build). */
  recent: number;
  ms: number;
}

export interface RecentSummary {
  pages: number;
  /** Page ids of kept parts that the browser drops: changed or removed pages. */
  stale: number;
  /** True when the recent part itself came from the cache. */
  reused: boolean;
  ms: number;
}

export interface BuiltSiteSummary extends IndexSummary {
  shards: ShardSummary[];
  /** The recent-changes part, when a part was kept with changes. */
  recent: RecentSummary | undefined;
  /** Pages whose document fingerprint came from the cache: their searchable part (`searchableSource`) had not changed. */
  unchangedPages: number;
  /** The title lookup written beside the index (`title-lookup-files.ts`). */
  titles: TitleLookupSummary;
  /** The word-parts lookup written beside the index (`word-parts-files.ts`). */
  words: WordPartsSummary;
}

export interface BuiltSiteOptions {
  /** The most pages one index part holds (whole years, or months of a year too big for one; see `shards.ts`). */
  maxShardPages: number;
  /** The most characters of article text one part holds, with `contentSizes`; none: pages alone bound a part. */
  maxPartText?: number | undefined;
  /** Articles' text per year and month, from the content (`publishedPerYear`), for `maxPartText`. */
  contentSizes?: ReadonlyMap<number, YearSize> | undefined;
  /** Fingerprints taken and parts indexed while the pages were rendered (`early-parts.ts`). */
  early?: EarlyIndex | undefined;
  /** Where parts are kept between builds, keyed by their exact input; none: always index. */
  cacheDir?: string | undefined;
  /** How many changed pages a kept part may carry in the recent part, for its number of pages (default `recentLimit`). */
  recentLimit?: ((partPages: number) => number) | undefined;
}

/**
 * Files a later part needs; Pagefind's scripts and styles come from the first part. The
 * WebAssembly too, as any part may be the first a search loads (`word-parts.ts`), and
 * Pagefind loads it from beside that part's metadata.
 */
const MERGED_PART_FILES = /^(pagefind-entry\.json|[^/]+\.pf_meta|wasm\.[^/]+\.pagefind|index|fragment|filter)$/;

/** Beside the parts in the cache: every page's document fingerprint, by the hash of its HTML. */
export const DOCUMENTS_FILE = 'documents.json';

interface DocumentFingerprints {
  /** `documentCodeIdentity` when they were taken. */
  identity: string;
  /**
   * By page file: the SHA-1 of its HTML from the searchable element on (`searchableSource`),
   * then for an indexable page its year, the SHA-256 of its document and its `date` sort key ('' if none).
   */
  pages: Record<string, PageFingerprint>;
}

/** One page's entry in `DocumentFingerprints.pages`. */
export type PageFingerprint = [htmlHash: string] | [htmlHash: string, year: number, documentHash: string, date: string];

/** A part indexed before the index step, by its name, with the pages it holds (URL → document hash). */
export interface PrebuiltPart {
  language: string;
  /** The part as Pagefind wrote it, its chunks re-cut; moved into place when it is the part the index needs. */
  dir: string;
  pages: ReadonlyMap<string, string>;
  /**
   * Every page's Pagefind id by URL, read from the part's fragments while the next part was
   * being indexed (`EarlyParts.settle`); absent: the index step reads them. At 100,000
   * articles reading them took 8.5–11.3 s a part, after the last part.
   */
  ids?: ReadonlyMap<string, string> | undefined;
}

export interface EarlyIndex {
  /** By page file, taken from the HTML as it was rendered; used when the file still has that HTML. */
  fingerprints: ReadonlyMap<string, PageFingerprint>;
  parts: ReadonlyMap<string, PrebuiltPart>;
}

/**
 * What a page's document can depend on, hashed: its HTML from the searchable element on
 * (`searchableSource`), not the whole page. After a style change every page's head differs,
 * and re-reading 20,000 unchanged bodies took 20 s.
 */
export const searchableHash = (html: string): string => createHash('sha1').update(searchableSource(html)).digest('hex');

/** The URL the index step gives a page written to `file` (`articles/a/index.html` → `/articles/a/`). */
export function pageUrlOf(file: string): string {
  if (file === 'index.html') return '/';
  return file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`;
}

/**
 * A page's fingerprint and, when it has something to search, its document under `lang`;
 * throws for a searchable page without a year, which no part could hold.
 */
export function fingerprintPage(file: string, html: string, fold: CharFolder, lang: string, htmlHash = searchableHash(html)): { fingerprint: PageFingerprint; document?: string } {
  const record = readPageRecord(html);
  if (!record) return { fingerprint: [htmlHash] };
  const year = Number(record.filters.get('year')?.[0]);
  if (!Number.isInteger(year)) throw new SearchIndexError(`${file} has no year filter (data-pagefind-filter="year:…"); every indexed page needs one to be placed in an index part`);
  const document = indexDocument(record, fold, lang);
  return { fingerprint: [htmlHash, year, createHash('sha256').update(document).digest('hex'), record.sort.get('date')?.[0] ?? ''], document };
}

/**
 * Indexes the documents under `siteDir` (each at its page's path, so Pagefind derives the
 * page's URL) into `built` with one run of Pagefind's command line, checks that every one
 * of the `expected` pages is in it under `language`, and re-cuts its word index.
 */
export async function indexStagedPart(siteDir: string, built: string, workDir: string, language: string, expected: number, label: string): Promise<void> {
  rmSync(built, { recursive: true, force: true });
  try {
    const { pagesByLanguage } = await runPagefindCli(siteDir, built, workDir);
    const indexed = pagesByLanguage[language.toLowerCase()] ?? 0;
    if (indexed !== expected || Object.keys(pagesByLanguage).length !== 1) {
      rmSync(built, { recursive: true, force: true });
      throw new SearchIndexError(`Pagefind indexed ${JSON.stringify(pagesByLanguage)} for the index part ${label}, which has ${expected} pages in ${language}: no page may be left out of search`);
    }
    splitIndexChunks(built);
  } catch (cause) {
    throw cause instanceof PagefindCliError || cause instanceof IndexChunkError ? new SearchIndexError(`indexing the part ${label}: ${cause.message}`, { cause }) : cause;
  }
}

/**
 * Beside each cached build of a part (`<folder>.json`): its years (and months) and every page's
 * document hash, Pagefind id and date sort key, by URL; what `planPart` compares a
 * rebuild's pages with, and the stale ids it lists.
 */
interface CachedPartRecord {
  years: number[];
  months?: [first: number, last: number] | undefined;
  pages: Record<string, [hash: string, id: string, date: string]>;
}

/** Beside the cached recent-changes part (`<folder>.json`): its pages' ids by URL. */
interface CachedRecentRecord {
  ids: Record<string, string>;
}

const RECENT_CACHE_PREFIX = `${RECENT_PART}-`;

/** Where `indexBuiltSite` keeps parts under a cache folder. */
export const searchCacheRoot = (cacheDir: string): string => join(cacheDir, 'annals-search');

/** The cached builds of parts under `cacheRoot`, by folder, each with its span and pages. */
export function cachedParts(cacheRoot: string): Map<string, IndexedPart> {
  const parts = new Map<string, IndexedPart>();
  if (!existsSync(cacheRoot)) return parts;
  for (const entry of readdirSync(cacheRoot)) {
    if (!entry.endsWith('.json') || entry === DOCUMENTS_FILE || entry.startsWith(RECENT_CACHE_PREFIX)) continue;
    const folder = entry.slice(0, -'.json'.length);
    if (!existsSync(join(cacheRoot, folder, 'pagefind-entry.json'))) continue;
    const record = readCachedJson<CachedPartRecord>(join(cacheRoot, entry));
    if (!record) continue;
    const span = { years: record.years, ...(record.months ? { months: record.months } : {}) };
    parts.set(folder, { name: partName(span), ...span, pages: Object.fromEntries(Object.entries(record.pages).map(([url, [hash, id, date]]) => [url, { hash, id, date }])) });
  }
  return parts;
}

/** A record the cache holds, or undefined when it is missing or unreadable (a build stopped while writing it): the part is then indexed again. */
function readCachedJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * What a page's document depends on besides its HTML: the code the indexer runs (this
 * module and every project module it imports, however indirectly: the page reader, the
 * CJK layer, folding), the folding table, the language and the HTML parser's version.
 * Browser-only modules (the engine, the search page and panel) are not in it, so changing
 * how results are shown re-indexes nothing. Cached fingerprints are only used under the
 * same identity; undefined (nothing cached) when the code cannot be found, as in a bundle.
 */
function documentCodeIdentity(foldTable: string, lang: string): string | undefined {
  try {
    const self = new URL(import.meta.url);
    if (!self.pathname.endsWith('/indexer.ts')) return undefined;
    const hash = createHash('sha256').update(`${lang}\n${foldTable}\n`);
    // Paths relative to this folder: the same code checked out elsewhere has the same identity.
    const folder = dirname(fileURLToPath(self));
    for (const module of importClosure(self)) hash.update(`${relative(folder, fileURLToPath(module))}\n`).update(readFileSync(module));
    hash.update(readFileSync(new URL('../../package.json', import.meta.resolve('htmlparser2'))));
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

/** `entry` and every `.ts` module it imports by a relative path, transitively, sorted by path. */
export function importClosure(entry: URL): URL[] {
  const seen = new Map<string, URL>();
  const visit = (module: URL) => {
    if (seen.has(module.href)) return;
    seen.set(module.href, module);
    const source = readFileSync(module, 'utf8');
    for (const [, specifier] of source.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+'(\.{1,2}\/[^']+\.ts)'/gm)) {
      if (specifier) visit(new URL(specifier, module));
    }
  };
  visit(entry);
  return [...seen.values()].sort((a, b) => (a.pathname < b.pathname ? -1 : 1));
}

/** How parts' word indexes are cut (`index-chunks.ts`): a cached part cut otherwise is indexed again. */
const CHUNKING = `chunks ${CHUNK_LOCATIONS} ${GROUP_LIMIT}`;

const pagefindVersion = (() => {
  let version: string | undefined;
  return () => (version ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }).version);
})();

/**
 * Indexes the built site in `siteDir` (the `pages` Astro reports) into `outputDir`, in
 * parts of whole years or of months of a year too big for one (`shards.ts`): each part's documents are written to a scratch folder
 * and indexed by its own run of Pagefind's command line (`pagefind-cli.ts`), so memory stays
 * bounded by the largest part, then its word index is re-cut into smaller chunks
 * (`index-chunks.ts`); or, when `options.early` holds the same part indexed while the pages
 * rendered (`early-parts.ts`), that one is taken. A part whose pages differ from a cached build of it by a
 * few pages keeps that build from `cacheDir` (exactly, when none differ); its added and
 * changed pages are indexed into the small recent-changes part instead, and the ids of its
 * changed and removed pages are listed as stale (`recent-changes.ts`). The first (newest)
 * part is linked into `outputDir` itself, the others into `shards/<name>/`, the recent part
 * into `shards/recent/` (`link-tree.ts`), with the manifest the search page merges them by. Each part is
 * indexed under its own language tag (`partLanguage`), so page ids never repeat across parts.
 */
export async function indexBuiltSite(siteDir: string, pathnames: readonly string[], outputDir: string, lang: string, options: BuiltSiteOptions): Promise<BuiltSiteSummary> {
  const started = performance.now();
  const foldTable = await buildFoldTable();
  const fold = createFolder(foldTable);
  const cacheRoot = options.cacheDir ? searchCacheRoot(options.cacheDir) : undefined;
  const readHtml = (file: string): string | undefined => {
    try {
      return readFileSync(join(siteDir, file), 'utf8');
    } catch {
      return undefined; // endpoints and non-HTML routes
    }
  };
  // Documents are made twice for a part indexed here (fingerprint, then the file Pagefind
  // reads) rather than kept: at 100,000 articles they would not fit in memory, and most
  // pages of a rebuild are only fingerprinted from the cache. A part indexed while the pages
  // rendered (`early-parts.ts`) made each once, and its fingerprints are taken from there.
  const documentOf = (file: string, html: string, language: string): string | undefined => fingerprintPage(file, html, fold, language).document;
  // 1. Every indexable page, by year and month, with the fingerprint of its document; a page whose
  //    HTML is unchanged since the cached build keeps its fingerprint (under the same code).
  const identity = cacheRoot ? documentCodeIdentity(foldTable, lang) : undefined;
  const cachedFile = cacheRoot ? join(cacheRoot, DOCUMENTS_FILE) : undefined;
  const cached = identity && cachedFile && existsSync(cachedFile) ? (JSON.parse(readFileSync(cachedFile, 'utf8')) as DocumentFingerprints) : undefined;
  const known = cached?.identity === identity ? cached?.pages ?? {} : {};
  const fingerprints: DocumentFingerprints = { identity: identity ?? '', pages: {} };
  type SitePage = PartPage & { file: string; year: number; month: number };
  const byYear = new Map<number, SitePage[]>();
  let unchangedPages = 0;
  for (const pathname of pathnames) {
    const clean = pathname.replace(/^\/+/, '');
    const file = clean.endsWith('.html') ? clean : join(clean, 'index.html');
    const html = readHtml(file);
    if (html === undefined) continue;
    const htmlHash = searchableHash(html);
    let page = known[file];
    if (page?.[0] === htmlHash) unchangedPages++;
    else {
      const early = options.early?.fingerprints.get(file);
      page = early?.[0] === htmlHash ? early : fingerprintPage(file, html, fold, lang, htmlHash).fingerprint;
    }
    fingerprints.pages[file] = page;
    const [, year, hash, date] = page;
    if (year === undefined || hash === undefined || date === undefined) continue;
    let pages = byYear.get(year);
    if (!pages) byYear.set(year, (pages = []));
    pages.push({ file, url: pageUrlOf(file), hash, date, year, month: monthOfDateKey(date) });
  }
  // Pages as built, text as written in the content: what the build's start planned with.
  const sizes = new Map<number, YearSize>();
  for (const [year, pages] of byYear) {
    const content = options.contentSizes?.get(year);
    const months = new Map<number, PeriodSize>();
    for (const page of pages) {
      const month = months.get(page.month) ?? { pages: 0, text: content?.months?.get(page.month)?.text ?? 0 };
      month.pages += 1;
      months.set(page.month, month);
    }
    sizes.set(year, { pages: pages.length, text: content?.text ?? 0, months });
  }
  const shards = planShards(sizes, { pages: options.maxShardPages, text: options.maxPartText ?? Number.POSITIVE_INFINITY });
  /** Indexes `pages` under `language` into `built` with one run of Pagefind's command line. */
  const indexPages = async (pages: readonly SitePage[], language: string, built: string, label: string): Promise<void> => {
    const staging = mkdtempSync(join(tmpdir(), 'annals-search-part-'));
    try {
      for (const page of pages) {
        const html = readHtml(page.file);
        const document = html === undefined ? undefined : documentOf(page.file, html, language);
        if (!document) throw new SearchIndexError(`${page.file} changed while the index was being built`);
        const target = join(staging, 'site', page.file);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, document);
      }
      await indexStagedPart(join(staging, 'site'), built, staging, language, pages.length, label);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  };
  /** Moves a part indexed while the pages rendered into `built`, when it holds exactly `pages` under `language`; returns it, or undefined. */
  const takePrebuilt = (name: string, pages: readonly SitePage[], language: string, built: string): PrebuiltPart | undefined => {
    const part = options.early?.parts.get(name);
    if (!part || part.language !== language || part.pages.size !== pages.length || !pages.every((page) => part.pages.get(page.url) === page.hash)) return undefined;
    rmSync(built, { recursive: true, force: true });
    mkdirSync(dirname(built), { recursive: true });
    try {
      renameSync(part.dir, built);
    } catch (error) {
      // On another file system (no cache folder: the scratch folder is the system's): copied.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      cpSync(part.dir, built, { recursive: true });
    }
    return part;
  };
  /** Every page's id in a part just indexed (`known`, or read from its fragments), by URL; a page Pagefind wrote no fragment for is an error. */
  const idsOf = (built: string, pages: readonly SitePage[], label: string, known?: ReadonlyMap<string, string>): ReadonlyMap<string, string> => {
    const ids = known ?? pageIdsByUrl(built);
    for (const page of pages) if (!ids.has(page.url)) throw new SearchIndexError(`the index part ${label} has no fragment for ${page.url}`);
    return ids;
  };
  // The cached builds of parts, each with its record (`CachedPartRecord`): what a part may keep.
  const candidates = cacheRoot ? cachedParts(cacheRoot) : new Map<string, IndexedPart>();
  // 2. Each part: its cached build kept when few pages changed (`planPart`), else indexed alone.
  rmSync(outputDir, { recursive: true, force: true });
  const scratch = cacheRoot ? undefined : mkdtempSync(join(tmpdir(), 'annals-search-'));
  const cachePath = (entry: string) => join(cacheRoot ?? scratch ?? '', entry);
  try {
    const keep = new Set<string>();
    const summaries: ShardSummary[] = [];
    const recentPages: (SitePage & { part: string; sortScore: number })[] = [];
    const stale: string[] = [];
    for (const [position, shard] of shards.entries()) {
      const shardStarted = performance.now();
      const language = partLanguage(lang, shard);
      const pages = shard.years
        .flatMap((year) => byYear.get(year) ?? [])
        .filter((page) => partHolds(shard, page.year, page.month))
        .sort((a, b) => (a.url < b.url ? -1 : 1));
      const plan = planPart(shard, pages, candidates, options.recentLimit ?? recentLimit);
      let folder: string;
      let early = false;
      if (plan.kind === 'keep') {
        folder = plan.base;
        const base = candidates.get(plan.base);
        const dates = base ? sortedDates(base) : [];
        for (const page of plan.recent) recentPages.push({ ...page, part: shard.name, sortScore: sortScoreAmong(dates, page.date) });
        stale.push(...plan.stale);
      } else {
        // Documents were hashed under the site's language; the part's only adds its tag.
        const fingerprint = createHash('sha256').update(`${pagefindVersion()}\n${language}\n${CHUNKING}\n`);
        for (const page of pages) fingerprint.update(`${page.url} ${page.hash}\n`);
        folder = `${shard.name}-${fingerprint.digest('hex').slice(0, 20)}`;
        const built = cachePath(folder);
        const prebuilt = takePrebuilt(shard.name, pages, language, built);
        early = prebuilt !== undefined;
        if (!early) await indexPages(pages, language, built, shard.name);
        if (cacheRoot) {
          const ids = idsOf(built, pages, shard.name, prebuilt?.ids);
          const record: CachedPartRecord = { years: shard.years, ...(shard.months ? { months: shard.months } : {}), pages: Object.fromEntries(pages.map((page) => [page.url, [page.hash, ids.get(page.url) ?? '', page.date]])) };
          writeFileSync(cachePath(`${folder}.json`), JSON.stringify(record));
        }
      }
      keep.add(folder).add(`${folder}.json`);
      const built = cachePath(folder);
      const target = position === 0 ? outputDir : join(outputDir, SHARD_FOLDER, shard.name);
      linkTree(built, target, position === 0 ? () => true : (entry) => MERGED_PART_FILES.test(entry));
      summaries.push({ name: shard.name, pages: shard.pages, reused: plan.kind === 'keep', early, recent: plan.kind === 'keep' ? plan.recent.length : 0, ms: Math.round(performance.now() - shardStarted) });
    }
    // 3. The recent-changes part: every kept part's added and changed pages, in one index
    //    under its own language, from the cache when they are the same pages as before.
    let recent: RecentManifest | undefined;
    let recentSummary: RecentSummary | undefined;
    if (recentPages.length > 0 || stale.length > 0) {
      const recentStarted = performance.now();
      const language = partLanguage(lang, { name: RECENT_PART });
      recentPages.sort((a, b) => (a.url < b.url ? -1 : 1));
      const fingerprint = createHash('sha256').update(`${pagefindVersion()}\n${language}\n${CHUNKING}\n`);
      for (const page of recentPages) fingerprint.update(`${page.url} ${page.hash}\n`);
      const folder = `${RECENT_CACHE_PREFIX}${fingerprint.digest('hex').slice(0, 20)}`;
      const built = cachePath(folder);
      const recordFile = cachePath(`${folder}.json`);
      const cachedRecord = cacheRoot !== undefined && existsSync(join(built, 'pagefind-entry.json')) ? readCachedJson<CachedRecentRecord>(recordFile) : undefined;
      const reused = cachedRecord !== undefined;
      let ids: ReadonlyMap<string, string>;
      if (cachedRecord) ids = new Map(Object.entries(cachedRecord.ids));
      else if (recentPages.length > 0) {
        await indexPages(recentPages, language, built, RECENT_PART);
        ids = idsOf(built, recentPages, RECENT_PART);
        writeFileSync(recordFile, JSON.stringify({ ids: Object.fromEntries(ids) } satisfies CachedRecentRecord));
      } else ids = new Map();
      const pages: RecentManifest['pages'] = {};
      for (const page of recentPages) pages[ids.get(page.url) ?? ''] = [page.part, page.sortScore];
      if (recentPages.length > 0) {
        keep.add(folder).add(`${folder}.json`);
        linkTree(built, join(outputDir, RECENT_FOLDER), (entry) => MERGED_PART_FILES.test(entry));
      }
      // Only removals: no part to merge, the stale ids alone.
      recent = { ...(recentPages.length > 0 ? { path: RECENT_FOLDER } : {}), stale: [...stale].sort(), pages };
      recentSummary = { pages: recentPages.length, stale: stale.length, reused, ms: Math.round(performance.now() - recentStarted) };
    }
    if (cacheRoot) {
      if (cachedFile && identity) {
        writeFileSync(cachedFile, JSON.stringify(fingerprints));
        keep.add(DOCUMENTS_FILE);
      }
      for (const entry of readdirSync(cacheRoot)) if (!keep.has(entry)) rmSync(join(cacheRoot, entry), { recursive: true, force: true });
    }
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(join(outputDir, FOLD_TABLE_FILE), foldTable);
    writeFileSync(join(outputDir, SHARD_MANIFEST_FILE), `${JSON.stringify(shardManifest(shards, recent))}\n`);
    const titles = writeTitleLookup(outputDir, { cacheDir: options.cacheDir });
    const words = writeWordParts(outputDir, { cacheDir: options.cacheDir });
    return { pages: summaries.reduce((sum, shard) => sum + shard.pages, 0), ms: Math.round(performance.now() - started), shards: summaries, recent: recentSummary, unchangedPages, titles, words };
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
