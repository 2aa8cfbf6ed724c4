/**
 * Builds the site's search index from its built pages (Node only): every page with a
 * `data-pagefind-body` element becomes one Pagefind record in the CJK layer's tokens, and
 * the Traditional → Simplified table the browser folds queries with is written beside it.
 * Used by the Pagefind integration after `astro build`, by the dev server from the
 * collection, and by the benchmark.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { close, createIndex, type PagefindIndex } from 'pagefind';
import { FOLD_TABLE_FILE } from './files.ts';
import { buildFoldTable } from './fold-table.ts';
import { createFolder } from './fold.ts';
import { indexDocument, readPageRecord } from './page-record.ts';

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

/** Adds every page that has searchable content to a fresh index; the caller writes or reads it. */
export async function buildIndex(sources: AsyncIterable<IndexSource> | Iterable<IndexSource>, lang: string): Promise<{ index: PagefindIndex; pages: number; foldTable: string }> {
  const foldTable = await buildFoldTable();
  const fold = createFolder(foldTable);
  const index = await openIndex();
  let pages = 0;
  // Several pages in flight: Pagefind's service indexes while the next page is read and
  // tokenised (one at a time spent most of its time waiting on round trips).
  const inFlight = new Set<Promise<void>>();
  for await (const source of sources) {
    const record = readPageRecord(source.html);
    if (!record) continue;
    const adding = index.addHTMLFile({ url: source.url, content: indexDocument(record, fold, lang) }).then((added) => {
      if (added.errors.length > 0) throw new SearchIndexError(`indexing ${source.url} failed: ${added.errors.join('; ')}`);
      pages++;
    });
    inFlight.add(adding);
    void adding.finally(() => inFlight.delete(adding)).catch(() => {});
    if (inFlight.size >= 16) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { index, pages, foldTable };
}

/** Indexes the built site in `siteDir` (the `pages` Astro reports) and writes `outputDir`. */
export async function indexBuiltSite(siteDir: string, pathnames: readonly string[], outputDir: string, lang: string): Promise<IndexSummary> {
  const started = performance.now();
  async function* sources(): AsyncGenerator<IndexSource> {
    for (const pathname of pathnames) {
      const clean = pathname.replace(/^\/+/, '');
      const file = join(siteDir, clean.endsWith('.html') ? clean : join(clean, 'index.html'));
      let html: string;
      try {
        html = await readFile(file, 'utf8');
      } catch {
        continue; // endpoints and non-HTML routes
      }
      yield { url: `/${clean.endsWith('.html') ? clean : clean.replace(/\/?$/, '/')}`.replace(/^\/\/+/, '/'), html };
    }
  }
  try {
    const { index, pages, foldTable } = await buildIndex(sources(), lang);
    const written = await index.writeFiles({ outputPath: outputDir });
    if (written.errors.length > 0) throw new SearchIndexError(`writing the index failed: ${written.errors.join('; ')}`);
    await writeFile(join(outputDir, FOLD_TABLE_FILE), foldTable);
    return { pages, ms: Math.round(performance.now() - started) };
  } finally {
    await close();
  }
}
