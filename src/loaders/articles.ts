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
 *
 * In `astro dev` every saved change under `articles/` (each folder is watched,
 * `src/lib/folder-watch.ts`) loads the collection again, one load at a time; the check keeps the results of unchanged files (`ContentCheckCache`), so a
 * save costs a walk over the file stats and the check of the saved file, and a broken file
 * is still reported the moment it is saved. The dev server's pages take the frontmatter of
 * articles without a photo from this check, and its store holds only the photo articles and
 * one entry standing for the others (`src/lib/dev-entries.ts`): Astro rewrites and re-reads
 * the whole store after each save.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { checkContentRoot, ContentCheckCache, formatProblem, isIgnoredName, type KeptCheck } from '../lib/content-check.ts';
import { keptChecksKey, readKeptChecks, sameKeptChecks, writeKeptChecks, writeKeptChecksInBackground } from '../lib/kept-checks.ts';
import { checkedDigest, DEV_CHECKED_ID, namesPhoto } from '../lib/dev-entries.ts';
import { FolderWatch, foldersUnder } from '../lib/folder-watch.ts';
import { serialRunner } from '../lib/serial-runner.ts';
import { markContentWatched, recordContent, recordedContent } from './content-record.ts';

export class ContentError extends Error {
  override name = 'ContentError';
}

export function articlesLoader(options: { root: string }): Loader {
  const articlesDir = join(options.root, 'articles');
  // In `astro dev` the whole root is checked again on every saved change; the cache spares
  // re-reading the files that did not change (src/lib/content-check.ts).
  const checkCache = new ContentCheckCache();
  // What the last build or dev start kept of its checks (src/lib/kept-checks.ts), read and
  // keyed once per process: the dev server's later loads have every file in `checkCache`.
  let keptKey: string | undefined;
  let kept: Map<string, KeptCheck> | undefined;
  const load = async (context: LoaderContext) => {
    const cwd = fileURLToPath(context.config.root);
    const started = performance.now();
    // Only `astro dev` hands the loader a watcher.
    const dev = context.watcher !== undefined;
    if (dev) markContentWatched();
    // Files that passed before and did not change are not parsed again (src/lib/kept-checks.ts).
    const keptFile = join(fileURLToPath(context.config.cacheDir), 'annals-content-check.json');
    const firstLoad = kept === undefined;
    if (firstLoad) keptKey = keptChecksKey(cwd);
    kept ??= keptKey ? readKeptChecks(keptFile, keptKey) : new Map<string, KeptCheck>();
    // A build loads once: its checks are not kept in memory beyond the record (`RecordedArticle`).
    const { articles, problems, keep } = checkContentRoot(options.root, cwd, { kept, ...(dev ? { cache: checkCache } : {}) });
    // Written by a build, and by the dev server when it starts; its later loads keep their
    // checks in memory, as rewriting the whole file on every saved article would cost each
    // save more than it spares.
    if (keptKey && firstLoad && !sameKeptChecks(kept, keep)) {
      // The dev server goes on serving while the file is written; a build writes it before it goes on.
      if (dev) writeKeptChecksInBackground(keptFile, keptKey, keep).catch((error: unknown) => context.logger.warn(`could not keep the content checks: ${error instanceof Error ? error.message : String(error)}`));
      else writeKeptChecks(keptFile, keptKey, keep);
    }
    context.logger.debug(`checked ${checkCache.checkedFiles} files (${checkCache.reusedFiles} unchanged) in ${Math.round(performance.now() - started)} ms`);
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
    // `astro dev`: the pages take an article without a photo from this check, and the store
    // holds one entry for all of them, whose digest changes with any of them
    // (src/lib/dev-entries.ts).
    if (dev) {
      stale.delete(DEV_CHECKED_ID);
      const digest = checkedDigest(articles.filter((article) => !namesPhoto(article)));
      if (context.store.get(DEV_CHECKED_ID)?.digest !== digest) context.store.set({ id: DEV_CHECKED_ID, data: {}, digest });
    }
    for (const article of dev ? articles.filter(namesPhoto) : articles) {
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
      // The content check parsed the frontmatter with this very schema (createArticleSchema);
      // the collection's own pass differs only in resolving figure photos with Astro's
      // image(), and costs as much as the whole check again (Astro makes the schema anew for
      // every entry), so only an article with a photo takes it.
      const data = namesPhoto(article)
        ? await context.parseData({ id: article.slug, data: article.raw, filePath: join(cwd, article.file) })
        : article.data;
      // No body: pages read it from the file (src/data/articles.ts), which keeps the store,
      // and the module Astro bundles it into, to the frontmatter.
      context.store.set({ id: article.slug, data, filePath: article.file, digest });
    }
    for (const id of stale) context.store.delete(id);
    // For the output check after the build: the store holds cached entries too. In dev, the
    // pages' articles (src/data/articles.ts).
    // A load that found nothing changed keeps the record, and with it what the pages made of
    // it (src/data/articles.ts): the dev server's check keeps the same article objects for
    // unchanged files.
    const previous = recordedContent();
    const before = previous?.checked;
    if (dev && previous?.root === options.root && before?.length === articles.length && before.every((article, i) => article === articles[i])) return;
    recordContent({
      root: options.root,
      cwd,
      articles,
      entries: dev
        ? articles.map((article) => ({ id: article.slug, draft: article.data.draft }))
        : context.store.entries().map(([id, entry]) => ({ id, draft: (entry.data as { draft?: unknown }).draft === true })),
    });
  };
  let watching = false;
  return {
    name: 'annals-articles',
    load: async (context) => {
      await load(context);
      if (watching || !context.watcher) return;
      watching = true;
      // `astro dev`: any change under the articles folder reloads the collection (and reports
      // problems again). One load at a time: an editor's save is often several events (a
      // temporary file, a rename), and loads running side by side would race on the store.
      // Each folder is watched, not each file (src/lib/folder-watch.ts); a folder added is
      // watched after the load that found it, which then runs again for what was written
      // in it before.
      const watch = new FolderWatch(() => void reload(), isIgnoredName);
      const reload: () => Promise<void> = serialRunner(async () => {
        try {
          await load(context);
        } catch (error) {
          context.logger.error(error instanceof Error ? error.message : String(error));
        } finally {
          if (watch.sync(foldersUnder(articlesDir, isIgnoredName))) void reload();
        }
      });
      // A loader made again (its code or the content config changed) takes over the watch.
      const registry = globalThis as { [FOLDER_WATCH]?: FolderWatch };
      registry[FOLDER_WATCH]?.close();
      registry[FOLDER_WATCH] = watch;
      // Files written since the first load's walk, before the folders were watched, are found
      // by one more load, once the server has answered its first pages (a walk over 19,876
      // files is 0.1-0.3 s of the main thread, which the start would otherwise wait for).
      watch.sync(foldersUnder(articlesDir, isIgnoredName));
      setTimeout(() => void reload(), CATCH_UP_MS).unref();
    },
  };
}

const FOLDER_WATCH = Symbol.for('annals.article-folder-watch');

/** When the load after the start runs, for files saved during the first check. */
const CATCH_UP_MS = 3000;
