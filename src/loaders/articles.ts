/**
 * The articles collection's loader. It runs the same content check as `npm run lint:content`
 * over the whole content root, refuses the build with every problem listed, and puts the
 * checked articles into the content store itself.
 *
 * Why not Astro's glob loader: it parses frontmatter with js-yaml (offset-less times become
 * UTC, 2017-02-30 becomes March), only warns when two files claim one slug and drops one,
 * skips `.MDX` files without a word, and registers every `.mdx` entry as a module for the
 * bundler: 19,876 articles kept Vite busy for about five minutes before the first page
 * rendered. Here the store gets the validated frontmatter only; each article page reads and
 * renders its own body (`src/data/articles.ts`, `src/lib/article-body.ts`), so bodies never
 * pass through Vite. The check's results for files that passed are kept in the cache folder,
 * so a rebuild parses only the files that changed (`src/lib/kept-checks.ts`).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { checkContentRoot, formatProblem, isIgnoredName, type KeptCheck } from '../lib/content-check.ts';
import { keptChecksKey, readKeptChecks, sameKeptChecks, writeKeptChecks } from '../lib/kept-checks.ts';
import { recordContent } from './content-record.ts';

export class ContentError extends Error {
  override name = 'ContentError';
}

export function articlesLoader(options: { root: string }): Loader {
  const articlesDir = join(options.root, 'articles');
  const load = async (context: LoaderContext) => {
    const cwd = fileURLToPath(context.config.root);
    // Files that passed before and did not change are not parsed again (src/lib/kept-checks.ts).
    const keptFile = join(fileURLToPath(context.config.cacheDir), 'annals-content-check.json');
    const keptKey = keptChecksKey(cwd);
    const kept = keptKey ? readKeptChecks(keptFile, keptKey) : new Map<string, KeptCheck>();
    const { articles, problems, keep } = checkContentRoot(options.root, cwd, { kept });
    if (keptKey && !sameKeptChecks(kept, keep)) writeKeptChecks(keptFile, keptKey, keep);
    for (const warning of problems.filter((problem) => problem.severity === 'warning')) {
      context.logger.warn(formatProblem(warning));
    }
    const errors = problems.filter((problem) => problem.severity === 'error');
    if (errors.length > 0) {
      const files = new Set(errors.map((error) => error.file)).size;
      throw new ContentError(
        `${errors.length} problem${errors.length > 1 ? 's' : ''} in ${files} content file${files > 1 ? 's' : ''}; nothing was built:\n` +
          errors.map((error) => `  ${formatProblem(error)}`).join('\n'),
      );
    }
    const stale = new Set(context.store.keys());
    for (const article of articles) {
      stale.delete(article.slug);
      const { digest } = article;
      const existing = context.store.get(article.slug);
      // Unchanged since the cached build: keep the validated entry (incremental builds).
      if (existing?.digest === digest && existing.filePath === article.file) {
        // A cached entry's photos must be registered again, as Astro's glob loader does, or
        // a warm build hands the figure's image() to the page as a bare path string.
        // (The scoped store has addAssetImports at run time; Astro's public type omits it.)
        const store = context.store as typeof context.store & { addAssetImports?: (assets: string[], filePath?: string) => void };
        if (existing.assetImports?.length) store.addAssetImports?.(existing.assetImports, existing.filePath);
        continue;
      }
      const data = await context.parseData({ id: article.slug, data: article.raw, filePath: join(cwd, article.file) });
      // No body: pages read it from the file (src/data/articles.ts), which keeps the store,
      // and the module Astro bundles it into, to the frontmatter.
      context.store.set({ id: article.slug, data, filePath: article.file, digest });
    }
    for (const id of stale) context.store.delete(id);
    // For the output check after the build: the store holds cached entries too.
    recordContent({
      root: options.root,
      cwd,
      articles,
      entries: context.store.entries().map(([id, entry]) => ({ id, draft: (entry.data as { draft?: unknown }).draft === true })),
    });
  };
  return {
    name: 'annals-articles',
    load: async (context) => {
      await load(context);
      // `astro dev`: any change under the articles folder reloads the collection (and reports problems again).
      context.watcher?.add(articlesDir);
      context.watcher?.on('all', (_event, path) => {
        if (!path.startsWith(articlesDir) || path.slice(articlesDir.length).split(/[\\/]/).some(isIgnoredName)) return;
        load(context).catch((error: unknown) => context.logger.error(error instanceof Error ? error.message : String(error)));
      });
    },
  };
}
