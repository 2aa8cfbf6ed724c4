/**
 * Where a search surface (the header's box, the search page) finds Pagefind and the folding
 * table: written as data attributes by the Astro components, read back by the browser code,
 * so the two surfaces cannot disagree and the site's base path is applied in one place.
 */
import { withBase } from '../permalinks.ts';
import type { EngineOptions } from './engine.ts';
import { FOLD_TABLE_FILE } from './files.ts';

/** The attributes for the surface's element (`{...searchDataAttributes(siteConfig.base)}`). */
export function searchDataAttributes(base: string): Record<'data-pagefind-url' | 'data-fold-url' | 'data-base', string> {
  return {
    'data-pagefind-url': withBase(base, '/pagefind/pagefind.js'),
    'data-fold-url': withBase(base, `/pagefind/${FOLD_TABLE_FILE}`),
    'data-base': base,
  };
}

/** The engine's options from those attributes (the site-root defaults when one is missing). */
export function engineOptionsFrom(dataset: DOMStringMap): EngineOptions {
  return {
    pagefindUrl: dataset['pagefindUrl'] ?? '/pagefind/pagefind.js',
    foldUrl: dataset['foldUrl'] ?? `/pagefind/${FOLD_TABLE_FILE}`,
    baseUrl: dataset['base'] ?? '/',
  };
}
