/**
 * Builds the search index inside `astro build`, on `astro:build:done`, through Pagefind's
 * Node API (as Starlight does), so a published site always has a search index that
 * matches its pages. Only elements marked `data-pagefind-body` (article title and body)
 * are indexed, never navigation or listings; Chinese text goes through the CJK layer
 * (`src/lib/search/`), which is why pages are handed to Pagefind one by one instead of
 * `addDirectory`.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { indexBuiltSite, SearchIndexError } from '../lib/search/indexer.ts';
import { siteConfig } from '../site.config.ts';

export class PagefindError extends Error {
  override name = 'PagefindError';
}

export default function pagefind(): AstroIntegration {
  return {
    name: 'annals:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, pages, logger }) => {
        const log = logger.fork('pagefind');
        try {
          const summary = await indexBuiltSite(
            fileURLToPath(dir),
            pages.map((page) => page.pathname),
            fileURLToPath(new URL('./pagefind/', dir)),
            siteConfig.locale,
          );
          log.info(`indexed ${summary.pages} pages in ${summary.ms} ms`);
        } catch (cause) {
          throw cause instanceof SearchIndexError
            ? new PagefindError(cause.message, { cause })
            : new PagefindError('Pagefind failed', { cause });
        }
      },
    },
  };
}
