// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import pagefind from './src/integrations/pagefind.ts';
import { markdownProcessor } from './src/markdown/index.ts';
import { siteConfig } from './src/site.config.ts';

export default defineConfig({
  site: siteConfig.url,
  base: siteConfig.base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  // 'jsx' (the default) drops the space between inline elements, so 记者 and a name in
  // separate spans would run together.
  compressHTML: true,
  markdown: { processor: markdownProcessor(process.env['ANNALS_MARKDOWN_PROCESSOR']) },
  integrations: [mdx(), pagefind()],
  devToolbar: { enabled: false },
});
