/**
 * Builds the search index inside `astro build`, on `astro:build:done` (as Starlight does), so
 * a published site always has a search index that matches its pages. Only elements marked
 * `data-pagefind-body` (article title and body) are indexed, never navigation or listings;
 * Chinese text goes through the CJK layer (`src/lib/search/`), which writes each page's
 * search document for Pagefind's command line to index, in parts of whole years (or months
 * of a year too big for one: `shards.ts`, `indexer.ts`), with the title lookup that answers a whole title first (`title-lookup.ts`).
 * A part that must be indexed is handed to Pagefind as soon as its last page has rendered,
 * while Astro renders the rest (`early-parts.ts`).
 * The search page then gets preload links for what its first search loads (`preload.ts`).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildYears, partLimitsOf, partsForRange, publishedPerYear } from '../lib/build-scope.ts';
import { contentRoot } from '../lib/content-root.ts';
import { onRenderedPage } from '../lib/rendered-pages.ts';
import { DevSearchIndex } from '../lib/search/dev-index.ts';
import { EarlyParts, earlyIndexWanted } from '../lib/search/early-parts.ts';
import { buildFoldTable } from '../lib/search/fold-table.ts';
import { createFolder } from '../lib/search/fold.ts';
import { cachedParts, indexBuiltSite, SearchIndexError, searchCacheRoot } from '../lib/search/indexer.ts';
import { writeSearchPreloads } from '../lib/search/preload.ts';
import { partLookup } from '../lib/search/word-parts-files.ts';
import { MAX_PARTS, partLimitsFor, planShards, type PartLimits, type YearSize } from '../lib/search/shards.ts';
import { recordedContent } from '../loaders/content-record.ts';
import { siteConfig } from '../site.config.ts';

export class PagefindError extends Error {
  override name = 'PagefindError';
}

export default function pagefind(): AstroIntegration {
  let cacheDir: string | undefined;
  let early: { parts: EarlyParts; stop: () => void } | undefined;
  /** Articles and their text per year and month, as the parts were planned at the build's start. */
  let contentSizes: Map<number, YearSize> | undefined;
  /** The limits the parts were planned with at the build's start (`partLimitsFor`): the index step plans with the same. */
  let limits: PartLimits = partLimitsOf(siteConfig);
  return {
    name: 'annals:pagefind',
    hooks: {
      // `astro dev` only: /pagefind/ served from an in-memory index of the dev server's own
      // article pages (src/lib/search/dev-index.ts); production builds never see it.
      'astro:server:setup': ({ server, logger }) => {
        const log = logger.fork('pagefind');
        const root = contentRoot();
        let origin = '';
        server.httpServer?.once('listening', () => {
          const address = server.httpServer?.address();
          if (address && typeof address === 'object') origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
        });
        const index = new DevSearchIndex(
          root,
          async (path) => {
            const response = await fetch(new URL(path.replace(/^\//, ''), new URL(siteConfig.base, origin)));
            return response.ok ? response.text() : undefined;
          },
          siteConfig.locale,
        );
        server.watcher.on('all', (_event, file) => {
          if (file.startsWith(root)) index.invalidate();
        });
        // The articles loader watches its own folders (src/lib/folder-watch.ts), which Vite's
        // watcher does not see when the content root is outside the project: a new check of
        // the content is a new record.
        let record = recordedContent();
        const prefix = `${siteConfig.base.replace(/\/?$/, '/')}pagefind/`;
        server.middlewares.use((request, response, next) => {
          const url = request.url?.split('?')[0] ?? '';
          if (!url.startsWith(prefix)) return next();
          if (recordedContent() !== record) {
            record = recordedContent();
            index.invalidate();
          }
          const started = performance.now();
          index.file(url.slice(prefix.length)).then(
            (file) => {
              if (!file) return next();
              const ms = Math.round(performance.now() - started);
              if (url.endsWith('pagefind-entry.json') && ms > 50) log.info(`search index built in ${ms} ms`);
              response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
            },
            (error: unknown) => {
              log.error(`could not build the dev search index: ${error instanceof Error ? error.message : String(error)}`);
              next(error);
            },
          );
        });
      },
      'astro:config:setup': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
      },
      // A sharded build must be exactly whole parts of the search index, or the assembled parts
      // would not fit together: checked once the content is loaded, before any page renders.
      // Then the parts with no cached build are indexed as their pages render.
      'astro:build:start': async ({ logger }) => {
        const record = recordedContent();
        const years = buildYears();
        if (!record) {
          if (years) throw new PagefindError('the articles loader recorded no content, so the parts of the search index cannot be planned');
          return;
        }
        contentSizes = publishedPerYear(record.articles, siteConfig.timeZone);
        const configured = partLimitsOf(siteConfig);
        limits = partLimitsFor(contentSizes, configured);
        if (limits !== configured) {
          logger.fork('pagefind').info(`search parts of at most ${limits.pages} pages and ${limits.text} characters of text, raised from ${configured.pages} and ${configured.text} to keep the archive within ${MAX_PARTS} parts`);
        }
        const plan = planShards(contentSizes, limits);
        if (years) {
          const parts = partsForRange(plan, years);
          const pages = parts.reduce((sum, part) => sum + part.pages, 0);
          logger.fork('pagefind').info(`sharded build: article pages and the search part${parts.length === 1 ? '' : 's'} ${parts.map((part) => part.name).join(', ')} (${pages} pages)`);
        }
        if (!cacheDir || !earlyIndexWanted()) return;
        const cached = new Set([...cachedParts(searchCacheRoot(cacheDir)).values()].map((part) => part.name));
        const uncached = plan.filter((part) => !cached.has(part.name));
        if (uncached.length === 0) return;
        // Beside the cache's parts, on its file system: a part taken is moved there, not copied.
        const workDir = join(cacheDir, 'annals-search-early');
        const fold = createFolder(await buildFoldTable());
        const parts = new EarlyParts(uncached, { lang: siteConfig.locale, fold, workDir });
        early = { parts, stop: onRenderedPage((file, html) => parts.page(file, html)) };
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        const log = logger.fork('pagefind');
        const building = early;
        early = undefined;
        building?.stop();
        try {
          const waitStarted = performance.now();
          const prebuilt = await building?.parts.settle((partDir) => partLookup(partDir, cacheDir));
          const waited = Math.round(performance.now() - waitStarted);
          for (const failure of prebuilt?.failed ?? []) log.warn(`indexing a part while the pages rendered failed, so it is indexed again now: ${failure}`);
          const summary = await indexBuiltSite(
            fileURLToPath(dir),
            pages.map((page) => page.pathname),
            fileURLToPath(new URL('./pagefind/', dir)),
            siteConfig.locale,
            {
              maxShardPages: limits.pages,
              maxPartText: limits.text,
              contentSizes,
              cacheDir,
              early: prebuilt,
            },
          );
          writeSearchPreloads(fileURLToPath(dir), siteConfig.base);
          const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
          const parts = summary.shards.map((shard) => `${shard.name}: ${plural(shard.pages, 'page')} ${shard.reused ? `reused${shard.recent > 0 ? ` (${shard.recent} in the recent part)` : ''}` : shard.early ? 'indexed while the pages rendered, taken' : 'indexed'} in ${shard.ms} ms`);
          const recent = summary.recent;
          if (recent) parts.push(`recent changes: ${plural(recent.pages, 'page')} ${recent.reused ? 'reused' : 'indexed'} in ${recent.ms} ms, ${plural(recent.stale, 'stale page')} left out of answers`);
          const { titles, words } = summary;
          log.info(
            `${summary.pages} pages in ${summary.ms} ms${building ? ` after ${waited} ms for the parts indexed while the pages rendered` : ''} (${parts.join('; ')}); ${summary.unchangedPages} pages' searchable part unchanged since the cached build; title lookup: ${plural(titles.titles, 'title')} in ${plural(titles.buckets, 'bucket')}, ${plural(titles.read, 'fragment')} read, ${titles.ms} ms; word parts: ${plural(words.keys, 'key')} and ${plural(words.trigrams, 'trigram')} in ${plural(words.buckets, 'bucket')}, ${plural(words.read, 'part')} read, ${words.ms} ms`,
          );
        } catch (cause) {
          throw cause instanceof SearchIndexError
            ? new PagefindError(cause.message, { cause })
            : new PagefindError('Pagefind failed', { cause });
        } finally {
          building?.parts.dispose();
        }
      },
    },
  };
}
