/**
 * The Markdown/MDX processor for pages written in Markdown or MDX under `src/pages/` (an
 * "about" page, say). Articles do not go through it: `src/lib/article-body.ts` renders them
 * with the same parser (Sätteri) and rehype-slug, without a JavaScript module per article.
 *
 * Sätteri's github-slugger heading ids are the ones rehype-slug gives articles, so anchors
 * look alike everywhere. Smart punctuation is off: an archive publishes the quotes and
 * dashes the source printed.
 */
import { satteri } from '@astrojs/markdown-satteri';
import { BODY_FEATURES } from '../lib/article-body.ts';

export function markdownProcessor() {
  return satteri({ features: BODY_FEATURES });
}
