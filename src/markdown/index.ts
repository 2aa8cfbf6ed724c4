/**
 * The Markdown/MDX processor for article bodies, and the plugins it runs (one per file in
 * this folder).
 *
 * Heading anchors: `unified` runs rehype-slug; `satteri` (Astro 7's default) gives
 * headings github-slugger ids itself. Both give the same ids for our headings; the README
 * records the measured build times that decided the default. Smart punctuation is off in
 * both: an archive publishes the quotes and dashes the source printed.
 */
import { unified } from '@astrojs/markdown-remark';
import { satteri } from '@astrojs/markdown-satteri';
import rehypeSlug from 'rehype-slug';

export type ProcessorName = 'unified' | 'satteri';
export const DEFAULT_PROCESSOR: ProcessorName = 'unified';

export function markdownProcessor(name: string | undefined = DEFAULT_PROCESSOR) {
  if (name === 'satteri') return satteri({ features: { smartPunctuation: false } });
  if (name !== 'unified') {
    throw new Error(`ANNALS_MARKDOWN_PROCESSOR must be unified or satteri, not "${name}"`);
  }
  return unified({ rehypePlugins: [rehypeSlug], smartypants: false });
}
