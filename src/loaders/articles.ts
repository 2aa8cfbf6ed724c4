/**
 * The articles collection's loader: Astro's glob loader, behind the same content check that
 * `npm run lint:content` runs.
 *
 * Why not the glob loader alone: it parses frontmatter with js-yaml (offset-less times
 * become UTC, 2017-02-30 becomes March), only warns when two files claim one slug and
 * drops one, and skips `.MDX` files without a word. Here every file is checked first,
 * every problem is reported in one error, and the glob loader receives our strictly
 * parsed frontmatter and our permalinks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob, type Loader } from 'astro/loaders';
import { checkContentRoot, formatProblem } from '../lib/content-check.ts';
import { parseArticleFile } from '../lib/frontmatter.ts';
import { slugFromFileName } from '../lib/permalinks.ts';
import { recordContent } from './content-record.ts';

export class ContentError extends Error {
  override name = 'ContentError';
}

export function articlesLoader(options: { root: string }): Loader {
  const slugByEntry = new Map<string, string>();
  const inner = glob({
    pattern: ['**/*.mdx', '!**/_*', '!**/_*/**'],
    base: join(options.root, 'articles'),
    generateId: ({ entry }) => slugByEntry.get(entry) ?? slugFromFileName(entry),
    deferRender: true,
  });
  return {
    name: 'annals-articles',
    load: async (context) => {
      const cwd = fileURLToPath(context.config.root);
      const { articles, problems } = checkContentRoot(options.root, cwd);
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
      slugByEntry.clear();
      for (const article of articles) slugByEntry.set(article.entry, article.slug);
      await inner.load({
        ...context,
        // The glob loader hands over js-yaml's reading of the frontmatter; validate ours.
        parseData: (entry) => {
          const data = entry.filePath ? parseArticleFile(readFileSync(entry.filePath, 'utf8')).data : undefined;
          return context.parseData({ ...entry, data: (data ?? entry.data) as typeof entry.data });
        },
      });
      // For the output check after the build: the store holds cached entries too.
      recordContent({
        root: options.root,
        cwd,
        articles,
        entries: context.store.entries().map(([id, entry]) => ({ id, draft: (entry.data as { draft?: unknown }).draft === true })),
      });
    },
  };
}
