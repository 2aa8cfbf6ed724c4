/**
 * Nothing vanishes: after the site and its search index are written, the article files
 * under the content root, the collection's entries, the article pages and Pagefind's
 * page count must agree (drafts and the documented `_`/`.` ignore rule aside), and every
 * article page must show its text. Otherwise the build fails listing each difference, and
 * `atomic-output.ts` publishes nothing.
 *
 * Why: a page whose render failed can still be written empty, an entry can be dropped by a
 * loader that only warns, and a page can miss the search index; none of that changes the
 * exit code of `astro build` on its own.
 *
 * Runs on `astro:build:done` after `annals:pagefind` (checked on `astro:config:done`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildYears, inYearRange, type YearRange } from '../lib/build-scope.ts';
import { ARTICLE_EXTENSION, isIgnoredName } from '../lib/content-check.ts';
import { zonedParts } from '../lib/dates.ts';
import { articlePath } from '../lib/permalinks.ts';
import { pageIds } from '../lib/search/part-files.ts';
import { titleLookupProblems } from '../lib/search/title-lookup-files.ts';
import { wordPartsProblems } from '../lib/search/word-parts-files.ts';
import { SHARD_MANIFEST_FILE, sharedPageIds, type ShardManifest } from '../lib/search/shards.ts';
import { recordedContent, type ContentRecord } from '../loaders/content-record.ts';
import { siteConfig } from '../site.config.ts';

export const VERIFY_OUTPUT = 'annals:verify-output';
const PAGEFIND = 'annals:pagefind';

export class OutputCheckError extends Error {
  override name = 'OutputCheckError';
}

function walk(dir: string, keep: (name: string) => boolean = () => true): string[] {
  const found: string[] = [];
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir).sort()) {
    if (!keep(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) found.push(...walk(full, keep));
    else found.push(full);
  }
  return found;
}

const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));

/** The text a reader sees in an HTML page, whitespace removed: tags, scripts and styles dropped, Astro's escapes decoded. */
export function pageText(html: string): string {
  return html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_whole, code: string) => {
      const lower = code.toLowerCase();
      if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
      if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
      return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[lower] ?? '';
    })
    .replace(/\s+/g, '');
}

function readManifest(outDir: string): ShardManifest | undefined {
  const manifestFile = join(outDir, 'pagefind', SHARD_MANIFEST_FILE);
  return existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as ShardManifest) : undefined;
}

/** The index parts' folders under `pagefind/`: `''` (the first part), each merged one and the recent-changes part, from the manifest. */
function indexPartFolders(outDir: string): string[] {
  const manifest = readManifest(outDir);
  return ['', ...(manifest?.merge ?? []), ...(manifest?.recent?.path ? [manifest.recent.path] : [])];
}

/** Page ids of every index part, by part. */
function pageIdsByPart(outDir: string): Map<string, string[]> {
  return new Map(indexPartFolders(outDir).map((part) => [`pagefind/${part}`, pageIds(join(outDir, 'pagefind', part))]));
}

function difference(a: Iterable<string>, b: Set<string>): string[] {
  return [...a].filter((item) => !b.has(item)).sort();
}

/**
 * Pages counted by Pagefind over every index part, from the `pagefind-entry.json` each
 * writes, less the stale pages of kept parts (changed or removed since), which the search
 * page never shows: what a reader can find.
 */
export function pagefindPageCount(outDir: string): number | undefined {
  const folder = join(outDir, 'pagefind');
  const count = (part: string) => {
    const entryFile = join(folder, part, 'pagefind-entry.json');
    if (!existsSync(entryFile)) return undefined;
    const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as { languages?: Record<string, { page_count?: number }> };
    return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
  };
  let total = 0;
  for (const part of indexPartFolders(outDir)) {
    const pages = count(part);
    if (pages === undefined) return undefined;
    total += pages;
  }
  return total - (readManifest(outDir)?.recent?.stale.length ?? 0);
}

/** Every difference between the content and the built site, as sentences; empty when they agree. */
export function verifyOutput(outDir: string, record: ContentRecord, options: { years?: YearRange | undefined; timeZone: string }): string[] {
  const problems: string[] = [];
  const rel = (path: string) => toPosix(relative(record.cwd, path));

  // 1. Files under the content root vs the articles the check passed.
  const files = new Set(walk(join(record.root, 'articles'), (name) => !isIgnoredName(name)).filter((file) => file.endsWith(ARTICLE_EXTENSION)).map(rel));
  const checked = new Set(record.articles.map((article) => article.file));
  for (const file of difference(files, checked)) problems.push(`${file}: the file is under the content root but no article came from it`);
  for (const file of difference(checked, files)) problems.push(`${file}: an article came from a file that is not under the content root`);

  // 2. Published articles vs collection entries.
  const published = record.articles.filter((article) => !article.data.draft);
  const drafts = record.articles.filter((article) => article.data.draft);
  const bySlug = new Map(published.map((article) => [article.slug, article]));
  const entries = new Set(record.entries.filter((entry) => !entry.draft).map((entry) => entry.id));
  for (const slug of difference(bySlug.keys(), entries)) problems.push(`${bySlug.get(slug)?.file}: the article ${slug} is missing from the collection`);
  for (const id of difference(entries, new Set(bySlug.keys()))) problems.push(`the collection has an entry ${id} that no article file gave`);

  // 3. Collection entries vs article pages, and what each page shows (in a sharded build,
  //    the pages of its years: src/lib/build-scope.ts).
  const scope = options.years;
  if (scope) {
    for (const [slug, article] of bySlug) if (!inYearRange(scope, zonedParts(article.data.date.epochMs, options.timeZone).year)) bySlug.delete(slug);
  }
  const articlesOut = join(outDir, 'articles');
  const pageSlugs = new Set(existsSync(articlesOut) ? readdirSync(articlesOut).filter((name) => existsSync(join(articlesOut, name, 'index.html'))) : []);
  for (const slug of difference(bySlug.keys(), pageSlugs)) problems.push(`${bySlug.get(slug)?.file}: no page was written at ${articlePath(slug)}`);
  for (const slug of difference(pageSlugs, new Set(bySlug.keys()))) problems.push(`${articlePath(slug)} was written but no published article has that permalink`);
  // 4. Pages marked for the index vs Pagefind's count; each HTML file is read once, and an
  //    article page is checked for its text while it is read.
  let indexable = 0;
  for (const file of walk(outDir, (name) => name !== 'pagefind')) {
    if (!file.endsWith('.html')) continue;
    const html = readFileSync(file, 'utf8');
    const marked = /\sdata-pagefind-body[\s>=]/.test(html);
    if (marked) indexable += 1;
    const [folder, slug, name, ...deeper] = toPosix(relative(outDir, file)).split('/');
    const article = folder === 'articles' && name === 'index.html' && deeper.length === 0 && slug ? bySlug.get(slug) : undefined;
    if (!article || !slug) continue;
    if (!marked) problems.push(`${article.file}: the page ${articlePath(slug)} is not marked for the search index (data-pagefind-body)`);
    const text = pageText(html);
    for (const sample of article.textSample) {
      if (!text.includes(sample)) problems.push(`${article.file}: the page ${articlePath(slug)} does not show "${sample}" from the article: it rendered empty or cut short`);
    }
  }
  const indexed = pagefindPageCount(outDir);
  if (indexed === undefined) problems.push('pagefind/pagefind-entry.json was not written: the site has no search index');
  else if (indexed !== indexable) problems.push(`Pagefind indexed ${indexed} pages but ${indexable} pages are marked data-pagefind-body`);
  //    The browser tells pages apart by id across parts, so no two parts may share one.
  const idsByPart = pageIdsByPart(outDir);
  for (const [id, parts] of sharedPageIds(idsByPart)) {
    problems.push(`the search index parts ${parts.join(' and ')} both have a page with the id ${id}: the search page would mix the two pages up (src/lib/search/indexer.ts indexes each part under its own language so that ids differ; was the index written by something else?)`);
  }
  //    The count above trusts the stale list: each stale id must be a page of another part,
  //    and the manifest must name every page of the recent part, each with a part it belongs to.
  const manifest = readManifest(outDir);
  const recent = manifest?.recent;
  if (recent) {
    const partNames = new Set(manifest?.shards.map((shard) => shard.name));
    for (const [id, [part]] of Object.entries(recent.pages)) {
      if (!partNames.has(part)) problems.push(`pagefind/${SHARD_MANIFEST_FILE} says the recent page ${id} belongs to the part ${part}, which the index does not have (src/lib/search/indexer.ts writes the list)`);
    }
    const recentFolder = recent.path ? `pagefind/${recent.path}` : undefined;
    const inYearParts = new Set([...idsByPart].filter(([part]) => part !== recentFolder).flatMap(([, ids]) => ids));
    for (const id of recent.stale) if (!inYearParts.has(id)) problems.push(`pagefind/${SHARD_MANIFEST_FILE} lists the stale page ${id}, which no index part has (src/lib/search/indexer.ts writes the list)`);
    const inRecent = recentFolder ? (idsByPart.get(recentFolder) ?? []) : [];
    if (difference(inRecent, new Set(Object.keys(recent.pages))).length > 0 || difference(Object.keys(recent.pages), new Set(inRecent)).length > 0) {
      problems.push(`pagefind/${SHARD_MANIFEST_FILE} does not list exactly the pages of the recent-changes part (${Object.keys(recent.pages).length} listed, ${inRecent.length} in the part)`);
    }
  }

  //    The title lookup names only pages a reader can find: in the index, and not stale.
  const staleIds = new Set(recent?.stale ?? []);
  if (indexed !== undefined) problems.push(...titleLookupProblems(join(outDir, 'pagefind'), new Set([...idsByPart.values()].flat().filter((id) => !staleIds.has(id)))));
  //    The word-parts lookup is whole, and names only the index's parts.
  if (indexed !== undefined) problems.push(...wordPartsProblems(join(outDir, 'pagefind')));

  // 5. Drafts: no page, and no link to one anywhere.
  for (const draft of drafts) {
    if (pageSlugs.has(draft.slug)) problems.push(`${draft.file}: the draft was published at ${articlePath(draft.slug)}`);
  }
  if (drafts.length > 0) {
    const draftPaths = drafts.map((draft) => articlePath(draft.slug));
    for (const file of walk(outDir, (name) => name !== 'pagefind' && name !== '_astro')) {
      if (!/\.(?:html|xml|json|txt)$/.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      for (const path of draftPaths) if (text.includes(`${path}"`) || text.includes(`${path}<`)) problems.push(`${toPosix(relative(outDir, file))} links to the draft ${path}`);
    }
  }
  return problems;
}

export default function verifyOutputIntegration(): AstroIntegration {
  return {
    name: VERIFY_OUTPUT,
    hooks: {
      'astro:config:done': ({ config }) => {
        const names = config.integrations.map((integration) => integration.name);
        if (names.includes(PAGEFIND) && names.indexOf(PAGEFIND) > names.indexOf(VERIFY_OUTPUT)) {
          throw new OutputCheckError(`${VERIFY_OUTPUT} must come after ${PAGEFIND} in astro.config.mjs, so it checks the finished search index`);
        }
      },
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        const record = recordedContent();
        if (!record) throw new OutputCheckError('the articles loader recorded no content in this build, so the output cannot be checked');
        const problems = verifyOutput(fileURLToPath(dir), record, { years: buildYears(), timeZone: siteConfig.timeZone });
        if (problems.length > 0) {
          throw new OutputCheckError(
            `the built site does not match the content (${problems.length} difference${problems.length > 1 ? 's' : ''}); nothing was published:\n` +
              problems.map((problem) => `  ${problem}`).join('\n'),
          );
        }
        const published = record.articles.filter((article) => !article.data.draft).length;
        logger.info(`${record.articles.length} article files, ${published} entries, ${published} article pages and the search index agree (${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
