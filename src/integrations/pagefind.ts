/**
 * Builds the search index inside `astro build`, on `astro:build:done` (as Starlight does), so
 * a published site always has a search index that matches its pages. Only elements marked
 * `data-pagefind-body` (article title and body) are indexed, never navigation or listings;
 * Chinese text goes through the CJK layer (`src/lib/search/`), which writes each page's
 * search document for Pagefind's command line to index, in parts of whole years
 * (`indexer.ts`), with the title lookup that answers a whole title first (`title-lookup.ts`).
 * The search page then gets preload links for what its first search loads (`preload.ts`).
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildYears, partForRange, publishedPerYear } from '../lib/build-scope.ts';
import { contentRoot } from '../lib/content-root.ts';
import { DevSearchIndex } from '../lib/search/dev-index.ts';
import { indexBuiltSite, SearchIndexError } from '../lib/search/indexer.ts';
import { writeSearchPreloads } from '../lib/search/preload.ts';
import { planShards } from '../lib/search/shards.ts';
import { recordedContent } from '../loaders/content-record.ts';
import { siteConfig } from '../site.config.ts';

export class PagefindError extends Error {
  override name = 'PagefindError';
}

export default function pagefind(): AstroIntegration {
  let cacheDir: string | undefined;
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
        const prefix = `${siteConfig.base.replace(/\/?$/, '/')}pagefind/`;
        server.middlewares.use((request, response, next) => {
          const url = request.url?.split('?')[0] ?? '';
          if (!url.startsWith(prefix)) return next();
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
      // A sharded build must be exactly one part of the search index, or the assembled parts
      // would not fit together: checked once the content is loaded, before any page renders.
      'astro:build:start': ({ logger }) => {
        const years = buildYears();
        if (!years) return;
        const record = recordedContent();
        if (!record) throw new PagefindError('the articles loader recorded no content, so the parts of the search index cannot be planned');
        const part = partForRange(planShards(publishedPerYear(record.articles, siteConfig.timeZone), siteConfig.searchShardPages), years);
        logger.fork('pagefind').info(`sharded build: article pages and the search part ${part.name} (${part.pages} pages)`);
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        const log = logger.fork('pagefind');
        try {
          const summary = await indexBuiltSite(
            fileURLToPath(dir),
            pages.map((page) => page.pathname),
            fileURLToPath(new URL('./pagefind/', dir)),
            siteConfig.locale,
            { maxShardPages: siteConfig.searchShardPages, cacheDir },
          );
          writeSearchPreloads(fileURLToPath(dir), siteConfig.base);
          const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
          const parts = summary.shards.map((shard) => `${shard.name}: ${plural(shard.pages, 'page')} ${shard.reused ? `reused${shard.recent > 0 ? ` (${shard.recent} in the recent part)` : ''}` : 'indexed'} in ${shard.ms} ms`);
          const recent = summary.recent;
          if (recent) parts.push(`recent changes: ${plural(recent.pages, 'page')} ${recent.reused ? 'reused' : 'indexed'} in ${recent.ms} ms, ${plural(recent.stale, 'stale page')} left out of answers`);
          const { titles, words } = summary;
          log.info(
            `${summary.pages} pages in ${summary.ms} ms (${parts.join('; ')}); ${summary.unchangedPages} pages' searchable part unchanged since the cached build; title lookup: ${plural(titles.titles, 'title')} in ${plural(titles.buckets, 'bucket')}, ${plural(titles.read, 'fragment')} read, ${titles.ms} ms; word parts: ${plural(words.keys, 'key')} and ${plural(words.trigrams, 'trigram')} in ${plural(words.buckets, 'bucket')}, ${plural(words.read, 'part')} read, ${words.ms} ms`,
          );
        } catch (cause) {
          throw cause instanceof SearchIndexError
            ? new PagefindError(cause.message, { cause })
            : new PagefindError('Pagefind failed', { cause });
        }
      },
    },
  };
}
