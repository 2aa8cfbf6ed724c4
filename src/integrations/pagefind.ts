/**
 * Builds the Pagefind index inside `astro build`, on `astro:build:done`, through Pagefind's
 * Node API (as Starlight does), so a published site always has a search index that
 * matches its pages. Only elements marked `data-pagefind-body` (article title and body)
 * are indexed, never navigation or listings.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';

export class PagefindError extends Error {
  override name = 'PagefindError';
}

export default function pagefind(): AstroIntegration {
  return {
    name: 'annals:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const log = logger.fork('pagefind');
        const sitePath = fileURLToPath(dir);
        try {
          const created = await createIndex({});
          if (!created.index) throw new PagefindError(`could not start: ${created.errors.join('; ')}`);
          const { index } = created;
          const added = await index.addDirectory({ path: sitePath });
          if (added.errors.length > 0) throw new PagefindError(`indexing failed: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: fileURLToPath(new URL('./pagefind/', dir)) });
          if (written.errors.length > 0) throw new PagefindError(`writing the index failed: ${written.errors.join('; ')}`);
          log.info(`indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
        } catch (cause) {
          throw cause instanceof PagefindError ? cause : new PagefindError('Pagefind failed', { cause });
        } finally {
          await close();
        }
      },
    },
  };
}
